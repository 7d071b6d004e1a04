import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { capabilitiesOf, platformForAccount, platformForTenant } from "@/lib/platforms";
import { PlatformError, type AuditSubmission, type TenantPlatform } from "@/lib/platforms/port";
import { decideBaiduAudit } from "@/lib/sandbox/baidu/audit";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { sandboxBaiduApps } from "@/lib/sandbox/baidu/schema";
import { updateBaiduSettings } from "@/lib/sandbox/baidu/settings";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { createBaiduWorld, type BaiduWorld } from "@/scripts/vitest/baidu-client";

/**
 * The Baidu adapter through the port, against the emulator over HTTP: templates, the package lifecycle (upload →
 * development → audit → release → rollback) in the console's words, and what Baidu lacks refused as such.
 */

const baidu = baiduHarness();

const submission = (over: Partial<AuditSubmission> = {}): AuditSubmission => ({
  items: [],
  versionDesc: "本次更新",
  orderPath: null,
  feedbackInfo: null,
  feedbackMedia: [],
  previewPictures: [],
  previewVideos: [],
  ugc: null,
  privacyApiNotUse: false,
  ...over,
});

async function withTemplate(world: BaiduWorld): Promise<number> {
  const account = platformForAccount(world.account);
  const draft = await createBaiduDraft(world.platform.clientId, { userVersion: "1.0.0", userDesc: "模板草稿".repeat(10) });
  await account.addDraftToTemplates(draft.draftId);
  const template = (await account.listTemplates()).find((t) => t.userVersion === "1.0.0");
  return template!.templateId;
}

const ext = (world: BaiduWorld) => JSON.stringify({ extEnable: true, extAppid: world.app.appId, ext: { name: "x" } });

async function commit(tenant: TenantPlatform, world: BaiduWorld, templateId: number, userVersion: string) {
  await tenant.commit({ templateId, extJson: ext(world), userVersion, userDesc: `desc ${userVersion}` });
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as PlatformError);

describe("the platform account", () => {
  it("makes templates of drafts (the description cut to 30 characters), lists and deletes them", async () => {
    const world = await createBaiduWorld(baidu);
    const account = platformForAccount(world.account);
    expect(account.platform).toBe("baidu");
    const draft = await createBaiduDraft(world.platform.clientId, { userVersion: "2.0.0", userDesc: "字".repeat(40) });
    expect(await account.drafts()).toEqual([expect.objectContaining({ draftId: draft.draftId, userVersion: "2.0.0", createdAt: expect.any(Date) })]);
    await account.addDraftToTemplates(draft.draftId);
    const [template] = await account.listTemplates();
    expect(template).toMatchObject({ userVersion: "2.0.0", userDesc: "字".repeat(30), kind: "custom" });
    await account.deleteTemplate(template!.templateId);
    expect(await account.listTemplates()).toEqual([]);
    expect(await refusal(account.addDraftToTemplates(draft.draftId, "standard"))).toMatchObject({ platform: "baidu", code: null, errorClass: "input" });
    expect(await refusal(account.deleteTemplate(template!.templateId))).toMatchObject({ platform: "baidu", code: 60008 });
  });

  it("gives an authorization link on the emulator's page, and refuses an http redirect for Baidu's real page before asking for a code", async () => {
    const world = await createBaiduWorld(baidu);
    const { pcUrl, h5Url, expiresIn } = await platformForAccount(world.account).authorizationLinks({ redirectUri: "http://localhost:3000/cb", authType: 1 });
    const url = new URL(pcUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${baidu.base}/mappconsole/tp/authorization`);
    expect(url.searchParams.get("client_id")).toBe(world.platform.clientId);
    expect(url.searchParams.get("pre_auth_code")).toMatch(/^preauthcode\./);
    expect(h5Url).toBe(pcUrl);
    expect(expiresIn).toBe(1200);
    const real = platformForAccount({ ...world.account, apiBase: null });
    expect(await refusal(real.authorizationLinks({ redirectUri: "http://localhost:3000/cb", authType: 1 }))).toMatchObject({ name: "BaiduInputError" });
  });

  it("reads a granted smart program's information; lists no grants (Baidu has no such API)", async () => {
    const world = await createBaiduWorld(baidu);
    const account = platformForAccount(world.account);
    expect(await account.tenantInfo(world.tenant.appid)).toMatchObject({ appid: String(world.app.appId), nickname: world.app.appName, principalName: "沙盒科技有限公司" });
    expect(await refusal(account.grants({ offset: 0, count: 10 }))).toBeInstanceOf(PlatformError);
  });
});

describe("a smart program's packages in the console's words", () => {
  it("uploads, submits, withdraws, is rejected, passes, releases and rolls back", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await withTemplate(world);
    const tenant = await platformForTenant(world.tenant);
    expect(tenant.platform).toBe("baidu");
    expect(await tenant.commitStatus()).toEqual({ state: "none" });
    expect(await tenant.latestAudit()).toBeNull();
    expect(await refusal(tenant.release())).toMatchObject({ platform: "baidu", code: null, errorClass: "state" });

    await commit(tenant, world, templateId, "1.0.0");
    expect(await tenant.commitStatus()).toEqual({ state: "ready", userVersion: "1.0.0" });
    expect(await tenant.versions()).toEqual([expect.objectContaining({ kind: "trial", userVersion: "1.0.0", userDesc: "desc 1.0.0" })]);

    const { auditid } = await tenant.submitAudit(submission());
    expect(await tenant.latestAudit()).toMatchObject({ auditid, state: "auditing", userVersion: "1.0.0", reason: null });
    expect((await tenant.versions()).map((v) => v.kind)).toEqual(["auditing"]);
    expect(await tenant.auditQuota()).toEqual({ submitsLeft: 9, submitLimit: 10, speedupsLeft: 0, speedupLimit: 0 });

    await tenant.withdrawAudit();
    expect(await tenant.auditStatus(auditid)).toMatchObject({ auditid, state: "withdrawn" });
    expect((await tenant.versions()).map((v) => v.kind)).toEqual(["trial"]);
    expect(await refusal(tenant.withdrawAudit())).toMatchObject({ code: null, errorClass: "state" });

    const second = await tenant.submitAudit(submission({ versionDesc: null, feedbackInfo: "测试账号 a/b" }));
    expect(second.auditid).toBe(auditid);
    await decideBaiduAudit(world.app.appId, { result: "reject", reason: "名称过长" });
    expect(await tenant.latestAudit()).toMatchObject({ auditid, state: "rejected", reason: "名称过长" });
    expect(await tenant.auditStatus(auditid)).toMatchObject({ state: "rejected", reason: "名称过长" });

    await commit(tenant, world, templateId, "1.0.1");
    const passed = await tenant.submitAudit(submission());
    expect(passed.auditid).not.toBe(auditid);
    await decideBaiduAudit(world.app.appId, { result: "approve" });
    expect(await tenant.latestAudit()).toMatchObject({ auditid: passed.auditid, state: "approved" });
    await tenant.release();
    expect(await tenant.versions()).toEqual([expect.objectContaining({ kind: "live", userVersion: "1.0.1" })]);
    // Released: nothing waits for a release any more (the package passed, as its own status still says).
    expect(await tenant.latestAudit()).toBeNull();
    expect(await tenant.auditStatus(passed.auditid)).toMatchObject({ auditid: passed.auditid, state: "approved" });
    expect(await refusal(tenant.release())).toMatchObject({ platform: "baidu", code: null, errorClass: "state" });
    expect(await tenant.releasedVersions()).toEqual([]);

    await commit(tenant, world, templateId, "1.0.2");
    await tenant.submitAudit(submission());
    await decideBaiduAudit(world.app.appId, { result: "approve" });
    await tenant.release();
    expect(await tenant.releasedVersions()).toEqual([{ appVersion: 0, userVersion: "1.0.1", userDesc: "", committedAt: null }]);
    expect(await refusal(tenant.rollback(7))).toMatchObject({ code: null, errorClass: "input" });
    await tenant.rollback();
    // The harness settles rollbacks at once (rollbackDelayMs 0): the previous version is live again.
    expect((await tenant.versions()).filter((v) => v.kind === "live").map((v) => v.userVersion)).toEqual(["1.0.1"]);
  });

  it("says an upload is still processing, and does not submit it meanwhile", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await withTemplate(world);
    const tenant = await platformForTenant(world.tenant);
    await updateBaiduSettings({ uploadDelayMs: 60_000 });
    try {
      await commit(tenant, world, templateId, "3.0.0");
      expect(await tenant.commitStatus()).toEqual({ state: "processing", userVersion: "3.0.0" });
      expect(await tenant.versions()).toEqual([]);
      expect(await refusal(tenant.submitAudit(submission()))).toMatchObject({ code: null, errorClass: "state" });
    } finally {
      await updateBaiduSettings({ uploadDelayMs: 0 });
    }
  });

  it("passes the platform's refusals on as PlatformErrors (basic information not approved, a bad ext_json)", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await withTemplate(world);
    const tenant = await platformForTenant(world.tenant);
    await db.update(sandboxBaiduApps).set({ basicInfoApproved: false }).where(eq(sandboxBaiduApps.appId, world.app.appId));
    await commit(tenant, world, templateId, "1.0.0");
    expect(await refusal(tenant.submitAudit(submission()))).toMatchObject({ platform: "baidu", code: 60003, errorClass: "permission" });
    const wrongApp = JSON.stringify({ extEnable: true, extAppid: 1 });
    expect(await refusal(tenant.commit({ templateId, extJson: wrongApp, userVersion: "1", userDesc: "d" }))).toMatchObject({ code: 40001, errorClass: "input" });
    expect(await refusal(tenant.commit({ templateId, extJson: "{}", userVersion: "1", userDesc: "d" }))).toMatchObject({ name: "BaiduInputError", code: null });
  });

  it("refuses what Baidu does not offer, and its capabilities say so beforehand", async () => {
    const world = await createBaiduWorld(baidu);
    const tenant = await platformForTenant(world.tenant);
    expect(Object.values(capabilitiesOf("baidu")).every((v) => v === false)).toBe(true);
    for (const call of [tenant.trialQrcode(), tenant.grayPlan(), tenant.speedupAudit(1), tenant.pages(), tenant.qrJumpRules(), tenant.privacyInfo(), tenant.baseLibrary(), tenant.visible(), tenant.apiQuota("/x")]) {
      expect(await refusal(call)).toMatchObject({ platform: "baidu", code: null, errorClass: "input" });
    }
  });
});
