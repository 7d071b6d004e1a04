import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems, tenantAudits } from "@/lib/db/schema";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { DEFAULT_CATEGORIES } from "@/lib/sandbox/registry";
import { updateSettings } from "@/lib/sandbox/settings";
import { DOC_CATEGORIES, auditRow, setTrial, submit } from "@/scripts/vitest/audit-fixtures";
import {
  appliedOf,
  createFleet,
  createProfile,
  itemsByTenant,
  platformState,
  requestsOf,
  settled,
  snapshotOf,
  tokenOf,
  waitFor,
} from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { historyOf } from "@/scripts/vitest/wechat";
import { preflightJob, startJob, startWorker, stopWorker } from "./index";

/**
 * Commit and submit_audit reach each tenant once, whatever the answers: a lost answer (the call ran, the caller saw
 * HTTP 504) is recovered by asking the platform; an audit submitted outside the job (85009) is adopted, never
 * submitted again; a privacy scan still running parks the item and never re-commits. The proof is the sandbox's
 * own count of applied changes (sandbox_applied), not the console's history.
 */

const sandbox = sandboxHarness();
const FAST = { sweepMs: 200, pollMs: 100, backoffBaseMs: 50 };
const EXT = '{"extAppid":"{{appid}}"}';

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
});
afterEach(async () => {
  await stopWorker();
  await clearFaults({});
  await updateSettings({ privacyScanMs: 0 });
});
afterAll(() => stopWorker());

const pipeline = (templateId: number, profileId: string, userVersion: string) => ({
  kind: "pipeline" as const,
  params: { commit: { templateId, userVersion, userDesc: "bulk", extJson: EXT }, submit: { profileId } },
});

describe("lost answers in a pipeline (commit → submit)", () => {
  it("end done for every tenant with one commit and one submission applied each; the recovered items say so", async () => {
    const fleet = await createFleet(sandbox, 4);
    const [lostCommit, lostSubmit, plain1, plain2] = fleet.tenants as [(typeof fleet.tenants)[0], (typeof fleet.tenants)[0], (typeof fleet.tenants)[0], (typeof fleet.tenants)[0]];
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    await addFault({ path: "/wxa/commit", appid: lostCommit.appid, lose_answer: true, probability: 1, count: 1 });
    await addFault({ path: "/wxa/submit_audit", appid: lostSubmit.appid, lose_answer: true, probability: 1, count: 1 });
    await startWorker({ concurrency: 4, workerId: "lost-answers", ...FAST });

    const { jobId } = await startJob({ ...pipeline(templateId, profile.id, "V2.0"), selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(jobId), 30_000);

    const items = await itemsByTenant(jobId);
    expect([...items.values()].map((r) => r.state)).toEqual(["done", "done", "done", "done"]);
    // The platform applied each change exactly once, the lost ones included.
    const appids = fleet.tenants.map((t) => t.appid);
    expect(await appliedOf(appids)).toEqual(Object.fromEntries(appids.map((a) => [a, { commit: 1, submit: 1 }])));
    // The faults did fire: each of those calls ran once and lost its answer.
    expect(await requestsOf(lostCommit.appid, "/wxa/commit")).toMatchObject({ calls: 1, lost: 1 });
    expect(await requestsOf(lostSubmit.appid, "/wxa/submit_audit")).toMatchObject({ calls: 1, lost: 1 });

    // The commit that lost its answer was found on the platform (the trial) and adopted, not sent again.
    expect(items.get(lostCommit.id)!.result).toMatchObject({ userVersion: "V2.0", recovered: true, auditid: expect.any(Number) });
    expect((await historyOf("wxa.commit", lostCommit.id)).map((r) => r.ok)).toEqual([false]);
    expect(await snapshotOf(lostCommit.id)).toMatchObject({ trialVersion: "V2.0", trialTemplateId: templateId });

    // The submission that lost its answer: its audit (the platform's latest) is the item's.
    const adoptedAudit = (await platformState(lostSubmit.appid)).latestAuditId!;
    expect(items.get(lostSubmit.id)!.result).toMatchObject({ auditid: adoptedAudit, adopted: true });
    expect(items.get(lostSubmit.id)!.result).not.toHaveProperty("recovered");
    expect((await historyOf("wxa.submit_audit", lostSubmit.id)).map((r) => r.ok)).toEqual([false]);
    const [row] = await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, lostSubmit.id), eq(tenantAudits.auditid, adoptedAudit)));
    expect(row).toMatchObject({ state: "auditing", userVersion: "V2.0" });
    expect(await snapshotOf(lostSubmit.id)).toMatchObject({ auditid: adoptedAudit, auditState: "auditing" });

    for (const plain of [plain1, plain2]) {
      const result = items.get(plain.id)!.result;
      expect(result).toMatchObject({ userVersion: "V2.0", auditid: (await platformState(plain.appid)).latestAuditId });
      expect(result).not.toHaveProperty("recovered");
      expect(result).not.toHaveProperty("adopted");
    }
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from bulk_items where job_id = ${jobId} and inflight is not null`)) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe("a tenant already auditing (85009)", () => {
  it("is left out by the preflight when it audits before the start; adopted by the submit step when it starts auditing after", async () => {
    const fleet = await createFleet(sandbox, 2, () => ({ categories: [...DEFAULT_CATEGORIES, ...DOC_CATEGORIES] }));
    const [before, after] = fleet.tenants as [(typeof fleet.tenants)[0], (typeof fleet.tenants)[0]];
    for (const t of fleet.tenants) await setTrial(t.appid, { userVersion: "V3.0" });
    const profile = await createProfile();

    // `before` was submitted on the platform by someone else before the job.
    const outside = await submit(sandbox, await tokenOf(before));
    expect(outside.body.errcode).toBe(0);
    const input = { kind: "submit" as const, params: { profileId: profile.id }, selection: { tenantIds: [before.id, after.id] } };
    const pre = await preflightJob(input, null);
    expect(pre).toMatchObject({ eligible: 1, reasons: { alreadyAuditing: 1 } });
    expect(pre.rows.find((r) => r.tenantId === before.id)).toMatchObject({ eligible: false, reason: "alreadyAuditing", detail: { auditid: outside.body.auditid } });

    // No worker yet: `after` is submitted outside between the start and its item's run.
    const { jobId } = await startJob(input, null);
    const raced = await submit(sandbox, await tokenOf(after));
    expect(raced.body.errcode).toBe(0);
    await startWorker({ concurrency: 2, workerId: "adopt-85009", ...FAST });
    await waitFor(() => settled(jobId));

    const items = await itemsByTenant(jobId);
    expect(items.get(before.id)).toMatchObject({ state: "skipped", reason: "alreadyAuditing", result: { reasonValues: { auditid: outside.body.auditid } } });
    expect(items.get(after.id)).toMatchObject({ state: "done", step: "submit", code: null, result: { auditid: raced.body.auditid, adopted: true } });
    // The platform refused the job's submission (85009) and applied none: one submission each, both from outside.
    expect(await requestsOf(after.appid, "/wxa/submit_audit")).toMatchObject({ calls: 2, byErrcode: { "0": 1, "85009": 1 } });
    expect(await requestsOf(before.appid, "/wxa/submit_audit")).toMatchObject({ calls: 1 });
    expect(await appliedOf([before.appid, after.appid])).toEqual({ [before.appid]: { commit: 0, submit: 1 }, [after.appid]: { commit: 0, submit: 1 } });
    // The console now follows the adopted audit.
    const [row] = await db.select().from(tenantAudits).where(eq(tenantAudits.tenantId, after.id));
    expect(row).toMatchObject({ auditid: raced.body.auditid, state: "auditing" });
    expect(await snapshotOf(after.id)).toMatchObject({ auditid: raced.body.auditid, auditState: "auditing" });
  });
});

describe("a privacy scan still running (61039)", () => {
  it("parks the submit step until the scan ends, then submits once; the commit is never sent again", async () => {
    await updateSettings({ privacyScanMs: 1500 });
    const fleet = await createFleet(sandbox, 2);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    await startWorker({ concurrency: 2, workerId: "scan", ...FAST });
    const { jobId } = await startJob({ ...pipeline(templateId, profile.id, "V4.0"), selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);

    // Seen parked at the submit step while the scan runs.
    await waitFor(async () => [...(await itemsByTenant(jobId)).values()].some((r) => r.state === "parked" && r.step === "submit"), 10_000, 20);
    await waitFor(() => settled(jobId), 20_000);

    const items = await itemsByTenant(jobId);
    const appids = fleet.tenants.map((t) => t.appid);
    expect(await appliedOf(appids)).toEqual(Object.fromEntries(appids.map((a) => [a, { commit: 1, submit: 1 }])));
    for (const t of fleet.tenants) {
      const item = items.get(t.id)!;
      // Every wait is counted in the item's attempts (bounded), and the item ends done at submit.
      expect(item).toMatchObject({ state: "done", step: "submit", code: null });
      expect(item.attempts).toBeGreaterThanOrEqual(1);
      expect(await requestsOf(t.appid, "/wxa/commit")).toMatchObject({ calls: 1 });
      // The scan answered 61039 at least once; submit_audit was sent only after it ended (never refused with 61039).
      expect((await requestsOf(t.appid, "/wxa/security/get_code_privacy_info")).byErrcode["61039"]).toBeGreaterThanOrEqual(1);
      expect(await requestsOf(t.appid, "/wxa/submit_audit")).toEqual({ calls: 1, lost: 0, byErrcode: { "0": 1 } });
      // By the platform's own clocks: the audit was created after the scan of the commit ended.
      const state = await platformState(t.appid);
      expect((await auditRow(state.latestAuditId!)).submitTime.getTime()).toBeGreaterThanOrEqual(state.trial!.scanReadyAt);
      expect(state.trial!.scanReadyAt - state.trial!.committedAt).toBe(1500);
    }
    const parked = await db.select({ n: sql<number>`count(*)::int` }).from(bulkItems).where(and(eq(bulkItems.jobId, jobId), sql`${bulkItems.inflight} is not null`));
    expect(parked[0]!.n).toBe(0);
  });
});
