import { appUrl, authorizeOnPage, baiduWorld, deliver, tenantOf } from "@/scripts/vitest/baidu-events";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, tenantAudits, tenants, wechatTokens } from "@/lib/db/schema";
import { platformForAccount, platformForTenant } from "@/lib/platforms";
import { baiduAppKey } from "@/lib/platforms/baidu/grants";
import { getAppClient } from "@/lib/platforms/baidu/client";
import { unauthorizeApp } from "@/lib/sandbox/baidu/api/auth";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { decideBaiduAudit } from "@/lib/sandbox/baidu/audit";
import { enqueueBaiduAuthEvent, enqueueBaiduTicket } from "@/lib/sandbox/baidu/push";
import { createBaiduApp, getBaiduApp, getBaiduPlatform } from "@/lib/sandbox/baidu/registry";
import { sandboxPushes } from "@/lib/sandbox/schema";
import type { Tenant } from "@/lib/db/schema";
import { retryInboundEvents } from "./events-retry";

/**
 * Baidu's pushes end to end: the emulator seals and POSTs them to this file's APP_URL, the console's receiver
 * (lib/console/ingress-baidu.ts) checks and stores them, and the processing (lib/console/events.ts) stores the
 * ticket, onboards authorized smart programs with a working grant, marks unauthorized ones and records audit results.
 */

const rows = (accountId: string) => db.select().from(inboundEvents).where(eq(inboundEvents.accountId, accountId)).orderBy(inboundEvents.id);

async function authorizedTenant(): Promise<{ w: Awaited<ReturnType<typeof baiduWorld>>; appId: number; tenant: Tenant }> {
  const w = await baiduWorld();
  const done = await authorizeOnPage(w, { mode: "new", appName: "百度测试店" });
  expect(await deliver()).toBe(1);
  return { w, appId: done.appId, tenant: (await tenantOf(w, done.appId))! };
}

describe("the ticket push", () => {
  it("arrives over HTTP at /api/baidu/{client_id}/auth, is stored for the TP token, and kept redacted", async () => {
    const w = await baiduWorld();
    const platform = (await getBaiduPlatform(w.platform.clientId))!;
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, w.account.id));
    expect(decryptSecret(account!.verifyTicketEnc!)).toBe(platform.ticket);
    expect(account!.verifyTicketAt).not.toBeNull();
    const [event] = await rows(w.account.id);
    expect(event).toMatchObject({ kind: "ticket", error: null, attempts: 1, nextAttemptAt: null });
    expect(event!.processedAt).not.toBeNull();
    expect(JSON.stringify(event!.payload)).not.toContain(platform.ticket!);
    const [push] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.componentAppid, w.platform.clientId));
    expect(push!.url).toBe(`${appUrl}/api/baidu/${w.platform.clientId}/auth`);
    expect(push!.status).toBe("delivered");
    // The stored ticket works: the TP token comes from it.
    expect(await platformForAccount(account!).listTemplates()).toEqual([]);
  });

  it("a newer ticket replaces the stored one", async () => {
    const w = await baiduWorld();
    await enqueueBaiduTicket(w.platform.clientId);
    await deliver();
    const platform = (await getBaiduPlatform(w.platform.clientId))!;
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, w.account.id));
    expect(decryptSecret(account!.verifyTicketEnc!)).toBe(platform.ticket);
    expect(await rows(w.account.id)).toHaveLength(2);
  });
});

describe("authorization pushes", () => {
  it("AUTHORIZED creates the tenant (appid, app_name, photo) with the live refresh token and a usable grant", async () => {
    const { w, appId, tenant } = await authorizedTenant();
    const app = (await getBaiduApp(appId))!;
    expect(tenant).toMatchObject({ appid: String(appId), nickname: "百度测试店", status: "authorized" });
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe(app.refreshToken);
    expect(await getAppClient(tenant).getPackages()).toEqual([]);
    const [event] = (await rows(w.account.id)).filter((e) => e.kind === "AUTHORIZED");
    expect(event).toMatchObject({ authorizerAppid: String(appId), error: null });
    const payload = event!.payload as Record<string, unknown>;
    expect(payload.authorizationCode).not.toMatch(/^[A-Za-z0-9]/);
    expect(payload.AuthorizationCodeSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("UPDATE_AUTHORIZED on an authorized program rotates its grant", async () => {
    const { w, appId, tenant } = await authorizedTenant();
    const before = decryptSecret(tenant.refreshTokenEnc!);
    const again = await authorizeOnPage(w, { mode: "existing", appId });
    expect(again.event).toBe("UPDATE_AUTHORIZED");
    await deliver();
    const after = (await tenantOf(w, appId))!;
    expect(decryptSecret(after.refreshTokenEnc!)).not.toBe(before);
    expect(decryptSecret(after.refreshTokenEnc!)).toBe((await getBaiduApp(appId))!.refreshToken);
    expect(await db.select().from(tenants).where(eq(tenants.accountId, w.account.id))).toHaveLength(1);
  });

  it("UNAUTHORIZED marks the tenant unauthorized and drops its refresh token and app token", async () => {
    const { w, appId, tenant } = await authorizedTenant();
    await getAppClient(tenant).getPackages();
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, baiduAppKey(tenant.id)))).toHaveLength(1);
    await unauthorizeApp(appId);
    await enqueueBaiduAuthEvent(w.platform.clientId, appId, "UNAUTHORIZED");
    await deliver();
    expect(await tenantOf(w, appId)).toMatchObject({ status: "unauthorized", refreshTokenEnc: null });
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, baiduAppKey(tenant.id)))).toEqual([]);
  });

  it("AUTHORIZED for a program whose code was already spent recovers a grant instead of failing", async () => {
    const w = await baiduWorld();
    const app = await createBaiduApp({ clientId: w.platform.clientId, appName: "已授权店", authorized: true });
    // A push without a usable code (spent or expired): the console recovers one for the named program.
    await enqueueBaiduAuthEvent(w.platform.clientId, app.appId, "AUTHORIZED", { authorizationCode: "spent-code", expiresIn: 600 });
    await deliver();
    const tenant = (await tenantOf(w, app.appId))!;
    expect(tenant).toMatchObject({ nickname: "已授权店", status: "authorized" });
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe((await getBaiduApp(app.appId))!.refreshToken);
    const [event] = (await rows(w.account.id)).filter((e) => e.kind === "AUTHORIZED");
    expect(event!.error).toBeNull();
  });
});

describe("audit result pushes", () => {
  async function submitted(tenant: Tenant, clientId: string, account: Awaited<ReturnType<typeof baiduWorld>>["account"], version: string) {
    const platform = platformForAccount(account);
    const draft = await createBaiduDraft(clientId, { userVersion: version, userDesc: `草稿 ${version}` });
    await platform.addDraftToTemplates(draft.draftId);
    const template = (await platform.listTemplates()).find((t) => t.userVersion === version)!;
    const port = await platformForTenant(tenant);
    await port.commit({ templateId: template.templateId, extJson: JSON.stringify({ extEnable: true, extAppid: tenant.appid }), userVersion: version, userDesc: "d" });
    return (await port.submitAudit({ items: [], versionDesc: "v", orderPath: null, feedbackInfo: null, feedbackMedia: [], previewPictures: [], previewVideos: [], ugc: null, privacyApiNotUse: false })).auditid;
  }

  it("PACKAGE_AUDIT_PASS at the message URL records the package's audit as approved", async () => {
    const { w, appId, tenant } = await authorizedTenant();
    const auditid = await submitted(tenant, w.platform.clientId, w.account, "1.0.0");
    expect(await decideBaiduAudit(appId, { result: "approve" })).toMatchObject({ package_id: auditid });
    await deliver();
    const [push] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.kind, "baidu:PACKAGE_AUDIT_PASS"));
    expect(push!.url).toBe(`${appUrl}/api/baidu/${w.platform.clientId}/message`);
    expect(await db.select().from(tenantAudits).where(eq(tenantAudits.tenantId, tenant.id))).toEqual([
      expect.objectContaining({ auditid, state: "approved", reason: null, userVersion: "1.0.0" }),
    ]);
  });

  it("PACKAGE_AUDIT_FAIL decides the audit under review, with the reviewer's reason", async () => {
    const { w, appId, tenant } = await authorizedTenant();
    const auditid = await submitted(tenant, w.platform.clientId, w.account, "2.0.0");
    await db.insert(tenantAudits).values({ tenantId: tenant.id, auditid, state: "auditing", userVersion: "2.0.0", submittedAt: new Date(Date.now() - 60_000) });
    await decideBaiduAudit(appId, { result: "reject", reason: "类目不符" });
    await deliver();
    const [row] = await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, tenant.id), eq(tenantAudits.auditid, auditid)));
    expect(row).toMatchObject({ state: "rejected", reason: "类目不符" });
  });
});

describe("the retry sweep", () => {
  it("re-decrypts a failed Baidu push from its stored envelope and processes it", async () => {
    const w = await baiduWorld();
    const app = await createBaiduApp({ clientId: w.platform.clientId, appName: "重试店", authorized: true });
    // The program is not authorized on the emulator's side yet: the first attempt cannot recover a grant and fails.
    await db.execute(sql`update sandbox_baidu_apps set authorized = false where app_id = ${app.appId}`);
    await enqueueBaiduAuthEvent(w.platform.clientId, app.appId, "AUTHORIZED", { authorizationCode: "spent-code", expiresIn: 600 });
    await deliver();
    let [event] = (await rows(w.account.id)).filter((e) => e.kind === "AUTHORIZED");
    expect(event!.processedAt).toBeNull();
    expect(event!.error).not.toBeNull();
    expect(event!.attempts).toBe(1);

    await db.execute(sql`update sandbox_baidu_apps set authorized = true where app_id = ${app.appId}`);
    await db.update(inboundEvents).set({ nextAttemptAt: new Date(0) }).where(eq(inboundEvents.id, event!.id));
    expect(await retryInboundEvents()).toContain(event!.id);
    [event] = (await rows(w.account.id)).filter((e) => e.kind === "AUTHORIZED");
    expect(event).toMatchObject({ error: null, attempts: 2 });
    expect(await tenantOf(w, app.appId)).toMatchObject({ nickname: "重试店", status: "authorized" });
  });
});


