// First: the fixtures bring the local server that is this file's APP_URL (the sandbox pushes audit results there).
import { authorize, deliver, tenantOf, world } from "@/scripts/vitest/events";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenantSnapshots, type Tenant } from "@/lib/db/schema";
import { sandboxPushes } from "@/lib/sandbox/schema";
import { DOC_CATEGORIES, DOC_PAGES } from "@/scripts/vitest/audit-fixtures";
import { insertTemplate, patchState } from "@/scripts/vitest/sandbox";
import { upstreamCalls } from "@/scripts/vitest/wechat";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { createAuthorizer } from "@/lib/sandbox/registry";
import { platformForTenant } from "@/lib/platforms";
import { PlatformError, type TenantPlatform } from "@/lib/platforms/port";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { submitForTenant } from "./audit-submit";
import { reconcileAudits } from "./audit-reconcile";
import { commitForTenant } from "./commits";
import { cancelGray, grayStep, releaseTenant, rollback, setVisit } from "./releases";
import { forgetBoard, versionBoard } from "./versions";
import { getSnapshot, recordReads, recordSnapshot, refreshSnapshot } from "./fleet";

/**
 * The fleet snapshot follows what the console does to a mini-program, through the real services against the sandbox
 * over HTTP: commits, submits, audit results pushed over the wire, releases, gray steps, rollbacks, visit status, the
 * version board's read, and the "refresh version info" read.
 */

type W = Awaited<ReturnType<typeof world>>;
let w: W;
let tenant: Tenant;
let appid: string;
let platform: TenantPlatform;
const templateIds: Record<string, number> = {};

const news = { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null };
const draft = { ...emptyDraft(), items: [{ page: "index", category: news, tags: "学习 生活", title: "首页" }], versionDesc: "v" };

const snapshot = async () => (await getSnapshot(tenant.id))!;
const commit = (version: string) => commitForTenant(tenant, platform, { templateId: templateIds[version]!, userVersion: version, userDesc: version, extJson: "{}" }, { actorId: null });
const endScan = () => patchState(appid, (s) => ({ ...s, trial: { ...s.trial!, scanReadyAt: Date.now() - 1 } }));

/** Commit, submit and approve `version`, the approval pushed to the console over HTTP. */
async function approved(version: string) {
  await commit(version);
  await endScan();
  const { auditid } = await submitForTenant(tenant, platform, draft, null);
  await decideAudit(appid, { result: "approve" });
  expect(await deliver()).toBeGreaterThan(0);
  return auditid;
}

beforeAll(async () => {
  w = await world();
  const authorizer = await createAuthorizer({ componentAppid: w.platform.componentAppid, authorized: false, categories: DOC_CATEGORIES, nickname: "快照店" });
  await authorize(w, { mode: "existing", appid: authorizer.appid });
  await deliver();
  tenant = (await tenantOf(w, authorizer.appid))!;
  appid = authorizer.appid;
  platform = await platformForTenant(tenant);
  for (const version of ["V1.0", "V2.0", "V3.0"]) templateIds[version] = await insertTemplate(w.platform.componentAppid, { pages: DOC_PAGES, userVersion: version });
});

describe("the snapshot follows the console's actions", () => {
  it("is absent before anything is learnt", async () => {
    expect(await getSnapshot(tenant.id)).toBeNull();
  });

  it("commit: the trial is that version of that template", async () => {
    const before = new Date();
    await commit("V1.0");
    const s = await snapshot();
    expect(s).toMatchObject({ trialVersion: "V1.0", trialTemplateId: templateIds["V1.0"], liveVersion: null, auditState: null });
    expect(s.trialAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(s.readAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("submit: the trial's version is under review with its auditid", async () => {
    await endScan();
    const { auditid } = await submitForTenant(tenant, platform, draft, null);
    expect(await snapshot()).toMatchObject({ auditState: "auditing", auditid, auditVersion: "V1.0", trialVersion: "V1.0" });
  });

  it("an approval pushed over HTTP: the audit is approved, the rest unchanged", async () => {
    const { auditid } = await snapshot();
    await decideAudit(appid, { result: "approve" });
    expect(await deliver()).toBe(1);
    expect(await snapshot()).toMatchObject({ auditState: "approved", auditid, auditVersion: "V1.0", trialVersion: "V1.0", liveVersion: null });
  });

  it("release: the approved version and its template are live, no roll-out", async () => {
    await releaseTenant(platform);
    expect(await snapshot()).toMatchObject({ liveVersion: "V1.0", liveTemplateId: templateIds["V1.0"], grayPercentage: 0, grayVersion: null });
  });

  it("a rejection found by polling (the push was lost) is recorded too", async () => {
    await commit("V3.0");
    await endScan();
    const { auditid } = await submitForTenant(tenant, platform, draft, null);
    await decideAudit(appid, { result: "reject", reason: "功能不完整" });
    await db.update(sandboxPushes).set({ status: "failed" }).where(eq(sandboxPushes.status, "pending"));
    expect(await reconcileAudits({ tenantIds: [tenant.id], olderThanMs: 0 })).toMatchObject({ updated: 1 });
    expect(await snapshot()).toMatchObject({ auditState: "rejected", auditid, auditVersion: "V3.0", trialVersion: "V3.0", liveVersion: "V1.0" });
  });

  it("gray steps: the approved version rolls out; cancelled, nobody has it; at 100 % it is live", async () => {
    await approved("V2.0");
    await grayStep(platform, 10, { membersFirst: false, testersFirst: false });
    expect(await snapshot()).toMatchObject({ grayPercentage: 10, grayVersion: "V2.0", liveVersion: "V1.0" });
    await cancelGray(platform);
    expect(await snapshot()).toMatchObject({ grayPercentage: 0, grayVersion: null, liveVersion: "V1.0" });
    await grayStep(platform, 30, { membersFirst: false, testersFirst: false });
    expect(await snapshot()).toMatchObject({ grayPercentage: 30, grayVersion: "V2.0" });
    await grayStep(platform, 100, { membersFirst: false, testersFirst: false });
    expect(await snapshot()).toMatchObject({ grayPercentage: 0, grayVersion: null, liveVersion: "V2.0", liveTemplateId: templateIds["V2.0"] });
  });

  it("rollback: the platform is asked which version is live now, and its template found from the commits", async () => {
    await rollback(platform);
    expect(await snapshot()).toMatchObject({ liveVersion: "V1.0", liveTemplateId: templateIds["V1.0"], trialVersion: "V2.0", trialTemplateId: templateIds["V2.0"] });
  });

  it("visit status: closed, then open", async () => {
    await setVisit(platform, false);
    expect((await snapshot()).visible).toBe(false);
    await setVisit(platform, true);
    expect((await snapshot()).visible).toBe(true);
  });
});

describe("reads from the platform", () => {
  it("the version board's read records everything it got", async () => {
    await db.delete(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenant.id));
    forgetBoard(tenant.id);
    await versionBoard(tenant.id, null);
    expect(await snapshot()).toMatchObject({
      trialVersion: "V2.0",
      trialTemplateId: templateIds["V2.0"],
      liveVersion: "V1.0",
      liveTemplateId: templateIds["V1.0"],
      auditState: "approved",
      auditVersion: "V2.0",
      grayPercentage: 0,
      grayVersion: null,
      visible: true,
    });
  });

  it("refreshSnapshot writes what the sandbox holds, including versions the console never committed", async () => {
    // Behind the console's back: a trial uploaded elsewhere, a running roll-out, the mini-program closed.
    await patchState(appid, (s) => ({
      ...s,
      trial: { ...s.trial!, userVersion: "X9", templateId: 424242, committedAt: Date.now() },
      gray: { status: 2, grayPercentage: 40, supportDebugerFirst: false, supportExperiencerFirst: false, createTimestamp: Math.floor(Date.now() / 1000), version: s.online },
      visitStatus: 0,
    }));
    await recordSnapshot(tenant.id, { categories: [{ cached: true }] });
    const s = await refreshSnapshot(tenant, platform);
    expect(s).toMatchObject({
      trialVersion: "X9",
      trialTemplateId: null,
      liveVersion: "V1.0",
      liveTemplateId: templateIds["V1.0"],
      auditState: "approved",
      grayPercentage: 40,
      visible: false,
      // Facts it does not read are kept.
      categories: [{ cached: true }],
    });
    expect(await snapshot()).toEqual(s);
  });

  it("refreshSnapshot lets a refusal through and writes nothing", async () => {
    const before = await snapshot();
    await addFault({ path: "/wxa/getversioninfo", errcode: 45009, probability: 1, count: 1 });
    try {
      const calls = await upstreamCalls("/wxa/getversioninfo");
      const error = await refreshSnapshot(tenant, platform).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).code).toBe(45009);
      expect(await upstreamCalls("/wxa/getversioninfo")).toBe(calls + 1);
      expect(await snapshot()).toEqual(before);
    } finally {
      await clearFaults({});
    }
  });

  it("a read sent before the console recorded a fact does not overwrite it; a later read does", async () => {
    const trial = (userVersion: string) => [{ kind: "trial" as const, userVersion, userDesc: "", committedAt: null, templateId: null }];
    const sentAt = new Date(Date.now() - 1000);
    await recordSnapshot(tenant.id, { trialVersion: "NEW" });
    await recordReads(tenant.id, { versions: trial("OLD") }, sentAt);
    expect((await snapshot()).trialVersion).toBe("NEW");
    await recordReads(tenant.id, { versions: trial("LATER") }, new Date());
    expect((await snapshot()).trialVersion).toBe("LATER");
  });
});
