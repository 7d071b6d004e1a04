import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import { addDraftToTemplates, listTemplates } from "@/lib/console/templates";
import { runAutoDecide } from "@/lib/sandbox/audit-decision";
import { runBaiduAutoDecide } from "@/lib/sandbox/baidu/audit";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { enqueueBaiduTicket } from "@/lib/sandbox/baidu/push";
import { createBaiduApp, createBaiduPlatform, type BaiduAppRow, type BaiduPlatformRow } from "@/lib/sandbox/baidu/registry";
import { sandboxBaiduApps, sandboxBaiduPackages, sandboxBaiduPlatforms } from "@/lib/sandbox/baidu/schema";
import { updateBaiduSettings } from "@/lib/sandbox/baidu/settings";
import { updateSettings } from "@/lib/sandbox/settings";
import { consoleBaiduAccount, consoleBaiduTenant } from "@/scripts/vitest/baidu-client";
import { createFleet, createOperator, createProfile, itemsByTenant, itemStates, platformState, settled, snapshotOf, waitFor, type Fleet } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { upstreamCalls } from "@/scripts/vitest/wechat";
import { preflightJob, startJob, startWorker, stopWorker } from "./index";

/**
 * Bulk jobs across Baidu smart programs, and across Baidu and WeChat in one job: each tenant through its own
 * platform's calls. The Baidu emulator is served beside the WeChat one (same listener, /sandbox/baidu); both
 * auto-decide approvals, and the worker's sweep learns them (no push reaches a test).
 */

const sandbox = sandboxHarness();
const EXT = '{"extEnable":true,"extAppid":"{{appid}}","ext":{"name":"{{nickname}}"}}';
let decider: ReturnType<typeof setInterval>;

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0, autoDecide: { mode: "approve", afterMs: 0 } });
  // Uploads take a moment on Baidu: the submit step waits for them (parked), it never uploads again.
  await updateBaiduSettings({ uploadDelayMs: 400, rollbackDelayMs: 0, autoDecide: { mode: "approve", afterMs: 0 } });
  decider = setInterval(() => void Promise.all([runAutoDecide(), runBaiduAutoDecide()]).catch(() => undefined), 100);
  await startWorker({ concurrency: 8, workerId: "baidu-jobs", sweepMs: 200, auditCheckMs: 200, pollMs: 100, backoffBaseMs: 50 });
});

afterAll(async () => {
  clearInterval(decider);
  await stopWorker();
});

type BaiduFleet = { platform: BaiduPlatformRow; account: PlatformAccount; apps: BaiduAppRow[]; tenants: Tenant[]; templateId: number };

/** `n` smart programs of one emulated Baidu platform, each a console tenant, and one template of the account. */
async function baiduFleet(n: number): Promise<BaiduFleet> {
  const created = await createBaiduPlatform();
  await enqueueBaiduTicket(created.clientId);
  const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, created.clientId));
  const account = await consoleBaiduAccount(platform!, sandbox.wechatBase.replace(/\/wechat$/, "/baidu"));
  const apps: BaiduAppRow[] = [];
  const tenants: Tenant[] = [];
  for (let i = 0; i < n; i++) {
    const app = await createBaiduApp({ clientId: created.clientId, appName: `百度店 ${String(i).padStart(2, "0")}` });
    apps.push(app);
    tenants.push(await consoleBaiduTenant(account, app));
  }
  const draft = await createBaiduDraft(created.clientId, { userVersion: "2.0.0", userDesc: "批量模板" });
  await addDraftToTemplates(account, draft.draftId);
  const templateId = (await listTemplates(account.id))[0]!.templateId;
  return { platform: platform!, account, apps, tenants, templateId };
}

const onlineOf = async (app: BaiduAppRow) =>
  (await db.select().from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.appId, app.appId))).filter((p) => p.status === 1).map((p) => p.version);
const baiduCalls = (path: string) => upstreamCalls(`/rest/2.0/smartapp/package/${path}`);

function pipeline(wechat: { templateId: number }, baidu: BaiduFleet, profileId: string, userVersion: string) {
  return {
    kind: "pipeline" as const,
    params: {
      commit: { templateId: wechat.templateId, templates: { [baidu.account.id]: baidu.templateId }, userVersion, userDesc: "bulk", extJson: EXT },
      submit: { profileId, content: "批量送审", remark: "bulk" },
      waitAudit: true,
      after: "release",
    },
  };
}

describe("a pipeline across 10 Baidu and 10 WeChat tenants", () => {
  let wechat: Fleet & { templateId: number };
  let baidu: BaiduFleet;
  let profileId: string;

  it("reaches 100 %: each tenant uploaded, submitted, approved and released once on its own platform", async () => {
    const fleet = await createFleet(sandbox, 10);
    wechat = { ...fleet, templateId: await insertTemplate(fleet.platform.componentAppid, { pages: ["pages/index/index"] }) };
    baidu = await baiduFleet(10);
    profileId = (await createProfile()).id;
    const operator = await createOperator();
    const all = [...wechat.tenants, ...baidu.tenants];
    const before = { upload: await baiduCalls("upload"), submit: await baiduCalls("submitaudit"), wxCommit: await upstreamCalls("/wxa/commit") };

    const input = { ...pipeline(wechat, baidu, profileId, "2.0.0"), selection: { tenantIds: all.map((t) => t.id) } };
    const preflight = await preflightJob(input, operator);
    expect(preflight).toMatchObject({ total: 20, eligible: 20, reasons: {} });
    // The ext_json is checked by each platform's rules, and the quota forecast asks both accounts.
    expect(preflight.quota).toMatchObject({ needed: 20, overrun: false, refusal: null });

    const { jobId } = await startJob(input, operator);
    await waitFor(() => settled(jobId), 60_000, 100);
    expect(await itemStates(jobId)).toEqual({ done: 20 });

    const items = await itemsByTenant(jobId);
    for (const tenant of baidu.tenants) {
      expect(items.get(tenant.id)).toMatchObject({ state: "done", step: "release", result: expect.objectContaining({ templateId: baidu.templateId, userVersion: "2.0.0", released: true }) });
      expect(await snapshotOf(tenant.id)).toMatchObject({ liveVersion: "2.0.0", auditState: "approved" });
    }
    for (const app of baidu.apps) expect(await onlineOf(app)).toEqual(["2.0.0"]);
    for (const tenant of wechat.tenants) expect((await platformState(tenant.appid)).online).toMatchObject({ userVersion: "2.0.0" });
    // Once each: Baidu's uploads and submissions, WeChat's commits (a parked wait for the upload sends nothing).
    expect(await baiduCalls("upload")).toBe(before.upload + 10);
    expect(await baiduCalls("submitaudit")).toBe(before.submit + 10);
    expect(await baiduCalls("release")).toBe(10);
    expect(await upstreamCalls("/wxa/commit")).toBe(before.wxCommit + 10);

    // Released: a release job finds nothing approved and waiting on Baidu (the online package is no pending audit).
    const release = await preflightJob({ kind: "release", params: {}, selection: { tenantIds: baidu.tenants.map((t) => t.id) } }, operator);
    expect(release).toMatchObject({ total: 10, eligible: 0, reasons: { nothingApproved: 10 } });
    expect(release.rows.every((r) => r.reason === "nothingApproved" && r.code === null)).toBe(true);
    // Baidu got the job's content and remark, and the ext_json rendered for each smart program.
    const packages = await db.select().from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.appId, baidu.apps[3]!.appId));
    expect(packages.find((p) => p.status === 1)).toMatchObject({ content: "批量送审", remark: "bulk", templateId: baidu.templateId });
    expect(JSON.parse(packages.find((p) => p.status === 1)!.extJson)).toEqual({ extEnable: true, extAppid: String(baidu.apps[3]!.appId), ext: { name: "百度店 03" } });
  });

  it("leaves Baidu tenants out of the kinds Baidu lacks (notSupported), and rolls Baidu back one version", async () => {
    const all = [...wechat.tenants, ...baidu.tenants];
    for (const kind of ["gray", "cancel_gray", "visit_status", "base_library"] as const) {
      const params = { gray: { percentage: 20 }, cancel_gray: {}, visit_status: { open: false }, base_library: { version: "2.0.0" } }[kind];
      const preflight = await preflightJob({ kind, params, selection: { tenantIds: all.map((t) => t.id) } }, null);
      expect(preflight.reasons.notSupported).toBe(10);
      const baiduRows = preflight.rows.filter((r) => baidu.tenants.some((t) => t.id === r.tenantId));
      expect(baiduRows.every((r) => r.reason === "notSupported" && r.detail?.platform === "baidu")).toBe(true);
    }
    // A pipeline ending in a gray step leaves them out too.
    const gray = await preflightJob(
      { kind: "pipeline", params: { ...pipeline(wechat, baidu, profileId, "3.0.0").params, after: "gray", gray: { percentage: 10 } }, selection: { tenantIds: baidu.tenants.map((t) => t.id) } },
      null,
    );
    expect(gray).toMatchObject({ eligible: 0, reasons: { notSupported: 10 } });

    // Version 3.0.0 out on Baidu alone, then the rollback job takes each back to 2.0.0.
    const next = await startJob({ ...pipeline(wechat, baidu, profileId, "3.0.0"), selection: { tenantIds: baidu.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(next.jobId), 60_000, 100);
    expect(await itemStates(next.jobId)).toEqual({ done: 10 });
    for (const app of baidu.apps) expect(await onlineOf(app)).toEqual(["3.0.0"]);

    const back = await startJob({ kind: "rollback", params: {}, selection: { tenantIds: baidu.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(back.jobId), 30_000, 100);
    expect(await itemStates(back.jobId)).toEqual({ done: 10 });
    for (const app of baidu.apps) expect(await onlineOf(app)).toEqual(["2.0.0"]);
    expect(await baiduCalls("rollback")).toBe(10);
  });

  it("commits and submits as separate jobs; a submit with nothing uploaded is left out (noTrial)", async () => {
    const fleet = await baiduFleet(3);
    const commit = await startJob({ kind: "commit", params: { templateId: fleet.templateId, userVersion: "5.0.0", userDesc: "c", extJson: EXT }, selection: { tenantIds: fleet.tenants.slice(0, 2).map((t) => t.id) } }, null);
    await waitFor(() => settled(commit.jobId), 30_000, 100);
    expect(await itemStates(commit.jobId)).toEqual({ done: 2 });

    // Without content in the job, the profile's description is the audit's content.
    const submit = await startJob({ kind: "submit", params: { profileId }, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(submit.jobId), 30_000, 100);
    const items = await itemsByTenant(submit.jobId);
    expect(items.get(fleet.tenants[2]!.id)).toMatchObject({ state: "skipped", reason: "noTrial" });
    for (const tenant of fleet.tenants.slice(0, 2)) expect(items.get(tenant.id)).toMatchObject({ state: "done", result: expect.objectContaining({ auditid: expect.any(Number) }) });
    const submitted = await db.select().from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.appId, fleet.apps[0]!.appId));
    expect(submitted[0]).toMatchObject({ version: "5.0.0", content: "bulk" });
  });

  it("fails a pipeline's item whose upload the platform failed, after the wait, without submitting", async () => {
    const fleet = await baiduFleet(2);
    await db.update(sandboxBaiduApps).set({ failUploads: true }).where(eq(sandboxBaiduApps.appId, fleet.apps[1]!.appId));
    const submitsBefore = await baiduCalls("submitaudit");
    const { jobId } = await startJob(
      {
        kind: "pipeline",
        params: { commit: { templateId: fleet.templateId, userVersion: "6.0.0", userDesc: "p", extJson: EXT }, submit: { profileId, content: "送审" } },
        selection: { tenantIds: fleet.tenants.map((t) => t.id) },
      },
      null,
    );
    await waitFor(() => settled(jobId), 30_000, 100);
    const items = await itemsByTenant(jobId);
    expect(items.get(fleet.tenants[0]!.id)).toMatchObject({ state: "done", step: "submit" });
    expect(items.get(fleet.tenants[1]!.id)).toMatchObject({ state: "failed", step: "submit", reason: "jobs.messages.uploadFailed", result: expect.objectContaining({ reasonValues: expect.objectContaining({ version: "6.0.0" }) }) });
    expect(await baiduCalls("submitaudit")).toBe(submitsBefore + 1);
  });
});
