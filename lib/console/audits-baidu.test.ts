import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tenantAudits } from "@/lib/db/schema";
import { platformForTenant } from "@/lib/platforms";
import { decideBaiduAudit } from "@/lib/sandbox/baidu/audit";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { sandboxBaiduApps, sandboxBaiduPackages } from "@/lib/sandbox/baidu/schema";
import { updateBaiduSettings } from "@/lib/sandbox/baidu/settings";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { baiduUpstreamCalls, createBaiduWorld, type BaiduWorld } from "@/scripts/vitest/baidu-client";
import { reconcileAudits } from "./audit-reconcile";
import { latestTenantAudit, submitForTenant, withdrawForTenant } from "./audit-submit";
import { uploadStatusFor, waitForUpload } from "./audits-upload";
import { commitForTenant, ExtJsonRefusedError } from "./commits";
import { releaseTenant, rollback, rollbackCandidates } from "./releases";
import { addDraftToTemplates, listTemplates } from "./templates";
import { forgetBoard, versionBoard } from "./versions";

/**
 * A Baidu smart program through the console's own services (the ones the tenant pages' actions and the bulk jobs
 * call), against the Baidu emulator over HTTP: a template made from a draft with a typed description, an upload
 * checked by Baidu's ext_json rules, the wait for the upload, a text submission (content + remark), the decision,
 * release, rollback one version back, and a withdrawal.
 */

const baidu = baiduHarness();
const UPLOAD = "/rest/2.0/smartapp/package/upload";
const SUBMIT = "/rest/2.0/smartapp/package/submitaudit";
const EXT = '{"extEnable":true,"extAppid":"{{appid}}","ext":{"name":"{{nickname}}"}}';

async function templateOf(world: BaiduWorld, userVersion: string, desc?: string): Promise<number> {
  const draft = await createBaiduDraft(world.platform.clientId, { userVersion, userDesc: "草稿描述" });
  await addDraftToTemplates(world.account, draft.draftId, "custom", {}, desc);
  return (await listTemplates(world.account.id)).find((t) => t.userVersion === userVersion)!.templateId;
}

/** Upload, wait, submit, approve (emulator control), learn it (reconcile, as the audit card's poll does), release. */
async function published(world: BaiduWorld, templateId: number, userVersion: string) {
  const platform = await platformForTenant(world.tenant);
  await commitForTenant(world.tenant, platform, { templateId, userVersion, userDesc: `v ${userVersion}`, extJson: EXT }, { actorId: null });
  expect(await waitForUpload(platform, { everyMs: 50 })).toEqual({ state: "ready", userVersion });
  const { auditid } = await submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: `送审 ${userVersion}` }, null);
  await decideBaiduAudit(world.app.appId, { result: "approve" });
  await reconcileAudits({ tenantIds: [world.tenant.id], olderThanMs: 0 });
  await releaseTenant(platform);
  return auditid;
}

const packagesOf = (world: BaiduWorld) => db.select().from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.appId, world.app.appId)).orderBy(sandboxBaiduPackages.packageId);

describe("a Baidu smart program through the console's services", () => {
  it("makes a template with the typed description, refused over 30 characters before Baidu is asked", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await templateOf(world, "1.0.0", "门店模板");
    expect(await listTemplates(world.account.id)).toEqual([expect.objectContaining({ templateId, userVersion: "1.0.0", userDesc: "门店模板", kind: "custom" })]);
    const draft = await createBaiduDraft(world.platform.clientId, { userVersion: "1.1.0" });
    expect(() => addDraftToTemplates(world.account, draft.draftId, "custom", {}, "字".repeat(31))).toThrow(expect.objectContaining({ messageKey: "validation.tooLong" }));
    expect(await listTemplates(world.account.id)).toHaveLength(1);
  });

  it("uploads, waits for the upload, submits content + remark, learns the approval, releases and rolls back one version", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await templateOf(world, "1.0.0");
    await published(world, templateId, "1.0.0");

    await updateBaiduSettings({ uploadDelayMs: 700 });
    try {
      const platform = await platformForTenant(world.tenant);
      // Baidu's ext_json rules: extEnable is required, WeChat's keys are refused; nothing is uploaded.
      const uploadsBefore = await baiduUpstreamCalls(UPLOAD);
      const refused = await commitForTenant(world.tenant, platform, { templateId, userVersion: "2.0.0", userDesc: "x", extJson: '{"extAppid":"{{appid}}","pages":[]}' }, { actorId: null }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ExtJsonRefusedError);
      expect((refused as ExtJsonRefusedError).issues.map((i) => i.key)).toEqual(["baiduExtEnableMissing", "baiduUnknownKey"]);
      expect(await baiduUpstreamCalls(UPLOAD)).toBe(uploadsBefore);

      const row = await commitForTenant(world.tenant, platform, { templateId, userVersion: "2.0.0", userDesc: "第二版", extJson: EXT }, { actorId: null });
      expect(JSON.parse(row.extJson)).toEqual({ extEnable: true, extAppid: String(world.app.appId), ext: { name: world.app.appName } });
      expect((await packagesOf(world)).at(-1)).toMatchObject({ version: "2.0.0", extJson: row.extJson });

      // While Baidu takes the upload in, a submission is refused here and submitaudit is not called.
      expect(await uploadStatusFor(world.tenant.id, null)).toEqual({ ok: true, value: { state: "processing", userVersion: "2.0.0" } });
      const submitsBefore = await baiduUpstreamCalls(SUBMIT);
      await expect(submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: "第二版送审" }, null)).rejects.toMatchObject({
        messageKey: "baiduPages.errors.uploadProcessing",
        values: { version: "2.0.0" },
      });
      expect(await baiduUpstreamCalls(SUBMIT)).toBe(submitsBefore);

      expect(await waitForUpload(platform, { everyMs: 100 })).toEqual({ state: "ready", userVersion: "2.0.0" });
      // The text submission needs its description; no page or category is asked for.
      await expect(submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: " " }, null)).rejects.toMatchObject({
        messageKey: "audit.errors.invalidDraft",
        fieldErrors: { versionDesc: "validation.required" },
      });
      // The profile's item (a WeChat page and category) is not sent: Baidu's submission has none.
      const { auditid } = await submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: "第二版送审", feedbackInfo: "请尽快审核" }, null);
      const submitted = (await packagesOf(world)).find((p) => p.packageId === auditid)!;
      expect(submitted).toMatchObject({ version: "2.0.0", content: "第二版送审", remark: "请尽快审核", status: 4 });
      expect(await latestTenantAudit(world.tenant.id)).toMatchObject({ auditid, state: "auditing", itemList: [] });

      forgetBoard(world.tenant.id);
      const board = await versionBoard(world.tenant.id, null);
      expect(board).toMatchObject({ gray: null, visible: null, baseLibrary: null });
      expect(board.audit).toMatchObject({ ok: true, value: { auditid, state: "auditing", userVersion: "2.0.0" } });
      expect(board.upload).toEqual({ ok: true, value: { state: "none" } });
      expect(board.rollbackTo).toEqual({ ok: true, value: [] });

      await decideBaiduAudit(world.app.appId, { result: "approve" });
      expect(await reconcileAudits({ tenantIds: [world.tenant.id], olderThanMs: 0 })).toMatchObject({ checked: 1, updated: 1 });
      expect(await latestTenantAudit(world.tenant.id)).toMatchObject({ auditid, state: "approved" });

      await releaseTenant(platform);
      forgetBoard(world.tenant.id);
      const live = await versionBoard(world.tenant.id, null);
      expect(live.versions).toMatchObject({ ok: true, value: [expect.objectContaining({ kind: "live", userVersion: "2.0.0" })] });
      expect(live.rollbackTo).toEqual({ ok: true, value: [expect.objectContaining({ appVersion: 0, userVersion: "1.0.0" })] });
      // Released: no package waits for a release, so the Release card (enabled only for an approved audit) is off.
      expect(live.audit).toEqual({ ok: true, value: null });
      expect(await latestTenantAudit(world.tenant.id)).toMatchObject({ auditid, state: "approved" });

      expect(await rollbackCandidates(platform)).toEqual([expect.objectContaining({ appVersion: 0, userVersion: "1.0.0" })]);
      await expect(rollback(platform, 3)).rejects.toMatchObject({ platform: "baidu", errorClass: "input" });
      await rollback(platform, 0);
      forgetBoard(world.tenant.id);
      const back = await versionBoard(world.tenant.id, null);
      expect(back.versions).toMatchObject({ ok: true, value: [expect.objectContaining({ kind: "live", userVersion: "1.0.0" })] });
    } finally {
      await updateBaiduSettings({ uploadDelayMs: 0, rollbackDelayMs: 0 });
    }
  });

  it("withdraws the package under audit; a failed upload is shown with its reason and refuses the submission", async () => {
    const world = await createBaiduWorld(baidu);
    const templateId = await templateOf(world, "1.0.0");
    const platform = await platformForTenant(world.tenant);
    await commitForTenant(world.tenant, platform, { templateId, userVersion: "1.0.0", userDesc: "首版", extJson: EXT }, { actorId: null });
    const { auditid } = await submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: "首版送审" }, null);
    const withdrawn = await withdrawForTenant(world.tenant, platform);
    expect(withdrawn.auditid).toBe(auditid);
    const [row] = await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, world.tenant.id), eq(tenantAudits.auditid, auditid)));
    expect(row!.state).toBe("withdrawn");
    expect((await packagesOf(world)).find((p) => p.packageId === auditid)).toMatchObject({ status: 3 });

    await db.update(sandboxBaiduApps).set({ failUploads: true }).where(eq(sandboxBaiduApps.appId, world.app.appId));
    await commitForTenant(world.tenant, platform, { templateId, userVersion: "1.0.1", userDesc: "坏包", extJson: EXT }, { actorId: null });
    const failed = await waitForUpload(platform, { everyMs: 50 });
    expect(failed).toMatchObject({ state: "failed", userVersion: "1.0.1" });
    await expect(submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: "x" }, null)).rejects.toMatchObject({
      messageKey: "baiduPages.errors.uploadFailed",
      values: { version: "1.0.1" },
    });
  });
});
