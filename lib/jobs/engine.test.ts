import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems, bulkJobs, tenantSnapshots } from "@/lib/db/schema";
import { runAutoDecide } from "@/lib/sandbox/audit-decision";
import { updateSettings } from "@/lib/sandbox/settings";
import { createFleet, createOperator, createProfile, itemStates, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { historyOf, upstreamCalls } from "@/scripts/vitest/wechat";
import { getJob, listJobItems, startJob, startWorker, stopWorker, takeFinishedJobs, jobItemsCsv, type WorkerHandle } from "./index";

/**
 * The engine end to end against the sandbox over HTTP: a pipeline (commit → privacy → submit → audit wait →
 * release) on ten mini-programs, driven by a worker with its own pg-boss; the audit is decided by the sandbox's
 * auto-decide and learnt by the worker's sweep (no push reaches a test), which wakes the parked items.
 */

const sandbox = sandboxHarness();
let worker: WorkerHandle;
let decider: ReturnType<typeof setInterval>;

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0, autoDecide: { mode: "approve", afterMs: 0 } });
  decider = setInterval(() => void runAutoDecide().catch(() => undefined), 100);
  worker = await startWorker({ concurrency: 4, workerId: "engine-test", sweepMs: 200, auditCheckMs: 200, pollMs: 100 });
});

afterAll(async () => {
  clearInterval(decider);
  await stopWorker();
});

describe("a pipeline job", () => {
  it("takes ten mini-programs from commit to release, each call once, and records the job id in the history", async () => {
    const fleet = await createFleet(sandbox, 10);
    const templateId = await insertTemplate(fleet.platform.componentAppid, { pages: ["pages/index/index", "pages/list/list"] });
    const profile = await createProfile();
    const operator = await createOperator();
    const commitsBefore = await upstreamCalls("/wxa/commit");
    const submitsBefore = await upstreamCalls("/wxa/submit_audit");

    const { jobId } = await startJob(
      {
        kind: "pipeline",
        params: {
          commit: { templateId, userVersion: "V2.0", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}","ext":{"name":"{{nickname}}"}}' },
          submit: { profileId: profile.id },
          waitAudit: true,
          after: "release",
        },
        selection: { tenantIds: fleet.tenants.map((t) => t.id) },
      },
      operator,
    );

    await waitFor(() => settled(jobId), 40_000);
    expect(await itemStates(jobId)).toEqual({ done: 10 });
    expect(await upstreamCalls("/wxa/commit")).toBe(commitsBefore + 10);
    expect(await upstreamCalls("/wxa/submit_audit")).toBe(submitsBefore + 10);
    expect(await upstreamCalls("/wxa/release")).toBe(10);

    const summary = await getJob(jobId);
    expect(summary).toMatchObject({ kind: "pipeline", state: "finished", total: 10, settled: true, createdBy: { id: operator.id, name: "Jobs tester" } });
    expect(summary!.counts.done).toBe(10);

    // Every platform call of the job carries its id in the history.
    const commits = await historyOf("wxa.commit");
    expect(commits.filter((r) => r.bulkJobId === jobId)).toHaveLength(10);
    expect(commits.filter((r) => r.bulkJobId === jobId).every((r) => r.actorId === operator.id)).toBe(true);

    // What the engine learnt is in the fleet snapshots.
    const [snap] = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, fleet.tenants[0]!.id));
    expect(snap).toMatchObject({ trialVersion: "V2.0", trialTemplateId: templateId, liveVersion: "V2.0", liveTemplateId: templateId, auditState: "approved" });

    const { rows } = await listJobItems(jobId);
    expect(rows.map((r) => r.position)).toEqual([...Array(10).keys()]);
    expect(rows[0]).toMatchObject({ state: "done", step: "release", code: null, result: expect.objectContaining({ userVersion: "V2.0", auditid: expect.any(Number), released: true }) });

    let csv = "";
    for await (const chunk of jobItemsCsv(jobId)) csv += chunk;
    expect(csv.trim().split("\n")).toHaveLength(11);
    expect(csv.split("\n")[0]).toContain("position,appid,nickname,state");

    const announced = await takeFinishedJobs(operator.id);
    expect(announced.map((j) => j.id)).toEqual([jobId]);
    expect(await takeFinishedJobs(operator.id)).toEqual([]);
    const [row] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
    expect(row!.notifiedAt).not.toBeNull();

    // A refresh reads versions that name no template (as WeChat's): the templates learnt stay, from the snapshot or,
    // when it is gone, from the tenant's commits.
    await db.delete(tenantSnapshots).where(eq(tenantSnapshots.tenantId, fleet.tenants[1]!.id));
    const refresh = await startJob({ kind: "refresh_versions", params: {}, selection: { tenantIds: fleet.tenants.slice(0, 2).map((t) => t.id) } }, null);
    await waitFor(() => settled(refresh.jobId));
    expect(await itemStates(refresh.jobId)).toEqual({ done: 2 });
    for (const tenant of fleet.tenants.slice(0, 2)) {
      const [read] = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenant.id));
      expect(read).toMatchObject({ trialVersion: "V2.0", trialTemplateId: templateId, liveVersion: "V2.0", liveTemplateId: templateId });
    }
  });

  it("refreshes what the platform holds into the snapshots", async () => {
    const fleet = await createFleet(sandbox, 3);
    const { jobId } = await startJob({ kind: "refresh_versions", params: {}, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(jobId));
    expect(await itemStates(jobId)).toEqual({ done: 3 });
    const snaps = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, fleet.tenants[1]!.id));
    expect(snaps[0]).toMatchObject({ trialVersion: null, liveVersion: null, visible: true, auditState: "none" });
    const items = await db.select().from(bulkItems).where(and(eq(bulkItems.jobId, jobId), eq(bulkItems.tenantId, fleet.tenants[1]!.id)));
    expect(items[0]!.result).toMatchObject({ audit: "none" });
    void worker;
  });
});
