// First: the fixtures bring the local server that is this file's APP_URL (the sandbox pushes there only).
import { world, deliver, authorize, onboarded, sandbox, tenantOf } from "@/scripts/vitest/events";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, operations, platformAccounts, tenantAudits, wechatTokens } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { setTrial, submit } from "@/scripts/vitest/audit-fixtures";
import { unauthorize } from "@/lib/sandbox/control-ops";
import { enqueueAuditEvent } from "@/lib/sandbox/push";
import { createAuthorizer, DEFAULT_FUNC_INFO, getAuthorizer } from "@/lib/sandbox/registry";
import { sandboxCodes, sandboxPlatforms, sandboxPushes } from "@/lib/sandbox/schema";
import { onboardAuthorizer } from "@/lib/console/onboarding/authorizer";
import { reconcileAudits } from "./audit-reconcile";
import { authorizerKey, getAuthorizerToken } from "@/lib/platforms/wechat/tokens";

/**
 * The whole loop over real HTTP: the sandbox encrypts a push and POSTs it to a local server that hands it to the
 * console's receiver; the console then calls the sandbox (api_query_auth, api_get_authorizer_info, audit status)
 * with the tokens it obtained from the pushed verify ticket (the world is built in events.fixtures.ts).
 */

describe("authorization pushes", () => {
  it("sandbox → encrypted push → ingress → tenant, over the wire", async () => {
    const w = await world();
    const [sandboxPlatform] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, w.platform.componentAppid));
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, w.account.id));
    expect(decryptSecret(account!.verifyTicketEnc!)).toBe(sandboxPlatform!.verifyTicket);

    const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false, nickname: "推送小程序", principalName: "推送科技" });
    const result = await authorize(w, { mode: "existing", appid: authorizer.appid });
    expect(result.push).toBe("authorized");
    expect(await deliver()).toBe(1);

    const fresh = (await getAuthorizer(authorizer.appid))!;
    const tenant = (await tenantOf(w, authorizer.appid))!;
    expect(tenant).toMatchObject({
      nickname: "推送小程序",
      principalName: "推送科技",
      avatarUrl: fresh.headImg,
      userName: fresh.userName,
      serviceType: 0,
      status: "authorized",
      permissionSets: [...DEFAULT_FUNC_INFO].sort((a, b) => a - b),
    });
    expect(tenant.authorizedAt).toBeInstanceOf(Date);
    expect(tenant.refreshTokenEnc).not.toContain(fresh.refreshToken!);
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe(fresh.refreshToken);
    // The code was exchanged (single use), and the event is marked processed with its history row.
    const [code] = await db.select().from(sandboxCodes).where(eq(sandboxCodes.code, result.authorizationCode));
    expect(code!.usedAt).toBeInstanceOf(Date);
    const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "authorized")));
    expect(event).toMatchObject({ error: null, authorizerAppid: authorizer.appid });
    expect(event!.processedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(event)).not.toContain(result.authorizationCode);
    const history = await db.select().from(operations).where(and(eq(operations.action, "push.authorized"), eq(operations.tenantId, tenant.id)));
    expect(history).toHaveLength(1);
    expect(JSON.stringify(await db.select().from(operations))).not.toContain(result.authorizationCode);
    // The console can now act for the mini-program: its refresh token works against the platform.
    expect(await getAuthorizerToken(tenant)).toMatch(/\S{16,}/);
  });

  it("updateauthorized rotates the refresh token, drops the cached access token and re-reads permission sets", async () => {
    const w = await onboarded();
    const oldRefresh = decryptSecret(w.tenant.refreshTokenEnc!);
    await getAuthorizerToken(w.tenant);
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, authorizerKey(w.tenant.id)))).toHaveLength(1);

    const result = await authorize(w, { mode: "existing", appid: w.authorizer.appid }, "18|3");
    expect(result.push).toBe("updateauthorized");
    await deliver();
    const tenant = (await tenantOf(w, w.authorizer.appid))!;
    const newRefresh = (await getAuthorizer(w.authorizer.appid))!.refreshToken!;
    expect(newRefresh).not.toBe(oldRefresh);
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe(newRefresh);
    expect(tenant.permissionSets).toEqual([3, 18]);
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, authorizerKey(w.tenant.id)))).toHaveLength(0);
    const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "updateauthorized")));
    expect(event!.error).toBeNull();
  });

  it("a code already exchanged by the redirect flow still onboards from the push (api_get_authorizer_info)", async () => {
    const w = await world();
    const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false });
    const result = await authorize(w, { mode: "existing", appid: authorizer.appid });
    const viaRedirect = await onboardAuthorizer(w.account, { authorizationCode: result.authorizationCode });
    expect(viaRedirect.appid).toBe(authorizer.appid);
    await deliver();
    const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "authorized")));
    expect(event!.error).toBeNull();
    expect(event!.processedAt).toBeInstanceOf(Date);
    const tenant = (await tenantOf(w, authorizer.appid))!;
    expect(tenant.id).toBe(viaRedirect.id);
    expect(decryptSecret(tenant.refreshTokenEnc!)).toBe((await getAuthorizer(authorizer.appid))!.refreshToken);
  });

  it("unauthorized marks the tenant, clears its refresh token and drops its access token", async () => {
    const w = await onboarded();
    await getAuthorizerToken(w.tenant);
    await unauthorize({ appid: w.authorizer.appid });
    await deliver();
    const tenant = (await tenantOf(w, w.authorizer.appid))!;
    expect(tenant).toMatchObject({ status: "unauthorized", refreshTokenEnc: null });
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, authorizerKey(w.tenant.id)))).toHaveLength(0);
    expect(await db.select().from(operations).where(and(eq(operations.action, "push.unauthorized"), eq(operations.tenantId, tenant.id)))).toHaveLength(1);
  });
});

describe("audit pushes and reconciliation", () => {
  const auditRow = async (tenantId: string, auditid: number) =>
    (await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, tenantId), eq(tenantAudits.auditid, auditid))))[0];

  it("a rejected audit push stores the state rejected, the reason and the screenshots on the audit under review", async () => {
    const w = await onboarded();
    await db.insert(tenantAudits).values({ tenantId: w.tenant.id, auditid: 4242, state: "auditing", submittedAt: new Date(Date.now() - 3_600_000) });
    await enqueueAuditEvent(w.platform.componentAppid, w.authorizer, "weapp_audit_fail", { reason: "1:账号信息不符合规范:<br>(1):包含色情因素<br>", screenshot: "m1|m2" });
    await deliver();
    expect(await auditRow(w.tenant.id, 4242)).toMatchObject({ state: "rejected", reason: "1:账号信息不符合规范:<br>(1):包含色情因素<br>", screenshots: ["m1", "m2"] });
    const [event] = await db.select().from(inboundEvents).where(eq(inboundEvents.kind, "weapp_audit_fail"));
    expect(event).toMatchObject({ authorizerAppid: w.authorizer.appid, error: null });
    expect(await db.select().from(operations).where(and(eq(operations.action, "push.weapp_audit_fail"), eq(operations.tenantId, w.tenant.id)))).toHaveLength(1);
  });

  it("an audit push is refused when its gh_ id is another mini-program's, and not applied when it predates the open audit", async () => {
    const w = await onboarded();
    await db.insert(tenantAudits).values({ tenantId: w.tenant.id, auditid: 5151, state: "auditing", submittedAt: new Date(Date.now() - 60_000) });
    // Posted to this mini-program's URL, but the signed message names someone else: refused at the door (400).
    await enqueueAuditEvent(w.platform.componentAppid, { appid: w.authorizer.appid, userName: "gh_someoneelse" }, "weapp_audit_success", {});
    await deliver();
    expect(await auditRow(w.tenant.id, 5151)).toMatchObject({ state: "auditing" });
    expect(await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "weapp_audit_success")))).toHaveLength(0);
    expect(await db.select().from(operations).where(eq(operations.action, "push.weapp_audit_success"))).toHaveLength(0);
    const [refused] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.kind, "weapp_audit_success"));
    expect(refused!.lastError).toMatch(/^HTTP 400: ToUserName is not this mini-program's original id/);
    await db.update(sandboxPushes).set({ status: "failed" }).where(eq(sandboxPushes.id, refused!.id));

    // A retried push from before this audit was submitted (its CreateTime is older) leaves the audit alone.
    await db.update(tenantAudits).set({ submittedAt: new Date(Date.now() + 10 * 60_000) }).where(eq(tenantAudits.auditid, 5151));
    await enqueueAuditEvent(w.platform.componentAppid, w.authorizer, "weapp_audit_fail", { reason: "old", screenshot: "x" });
    await deliver();
    expect(await auditRow(w.tenant.id, 5151)).toMatchObject({ state: "auditing", reason: null });
  });

  it("an audit the console never recorded is found with get_latest_auditstatus, then decided by the next push", async () => {
    const w = await onboarded();
    await setTrial(w.authorizer.appid, { userVersion: "V9.1" });
    const submitted = await submit(sandbox, await getAuthorizerToken(w.tenant), {});
    const auditid = submitted.body.auditid as number;
    await decideAudit(w.authorizer.appid, { result: "delay", reason: "需要补充材料" });
    await deliver();
    expect(await auditRow(w.tenant.id, auditid)).toMatchObject({ state: "delayed", reason: "需要补充材料", screenshots: [], userVersion: "V9.1" });

    await decideAudit(w.authorizer.appid, { result: "approve" });
    await deliver();
    expect(await auditRow(w.tenant.id, auditid)).toMatchObject({ state: "approved", reason: null, screenshots: [] });
  });

  it("reconcileAudits settles an audit whose result push was lost", async () => {
    const w = await onboarded();
    await setTrial(w.authorizer.appid);
    const auditid = (await submit(sandbox, await getAuthorizerToken(w.tenant), {})).body.auditid as number;
    await db.insert(tenantAudits).values({ tenantId: w.tenant.id, auditid, state: "auditing" });
    await decideAudit(w.authorizer.appid, { result: "reject", reason: "功能不完整", screenshot: "s1|s2" });
    // The platform gave up on the push.
    await db.update(sandboxPushes).set({ status: "failed" }).where(eq(sandboxPushes.kind, "weapp_audit_fail"));

    // Recently confirmed rows are left alone; older ones are polled once per period.
    const only = { tenantIds: [w.tenant.id] };
    expect(await reconcileAudits({ ...only, olderThanMs: 60_000 })).toMatchObject({ checked: 0 });
    const result = await reconcileAudits({ ...only, olderThanMs: 0 });
    expect(result).toMatchObject({ checked: 1, updated: 1, failed: 0 });
    expect(await auditRow(w.tenant.id, auditid)).toMatchObject({ state: "rejected", reason: "功能不完整", screenshots: ["s1", "s2"] });
    expect(await reconcileAudits({ ...only, olderThanMs: 0 })).toMatchObject({ checked: 0 });
  });

  it("reconcileAudits reports a failing audit and carries on with the others", async () => {
    const w = await onboarded();
    await setTrial(w.authorizer.appid);
    const auditid = (await submit(sandbox, await getAuthorizerToken(w.tenant), {})).body.auditid as number;
    await db.insert(tenantAudits).values([
      { tenantId: w.tenant.id, auditid: 987654321, state: "auditing", updatedAt: new Date(Date.now() - 3_600_000) },
      { tenantId: w.tenant.id, auditid, state: "auditing" },
    ]);
    await decideAudit(w.authorizer.appid, { result: "approve" });
    const result = await reconcileAudits({ tenantIds: [w.tenant.id], olderThanMs: 0 });
    // The unknown audit (85012) is polled first (oldest) and fails; the real one is still settled.
    expect(result).toMatchObject({ checked: 2, updated: 1, failed: 1 });
    expect(result.errors).toEqual([{ tenantId: w.tenant.id, auditid: 987654321, error: expect.stringMatching(/85012/) }]);
    expect(await auditRow(w.tenant.id, 987654321)).toMatchObject({ state: "auditing" });
    expect(await auditRow(w.tenant.id, auditid)).toMatchObject({ state: "approved", reason: null });
    expect(await reconcileAudits({ tenantIds: [], olderThanMs: 0 })).toMatchObject({ checked: 0 });
  });
});
