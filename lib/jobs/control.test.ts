import { afterEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems, operations, tenants } from "@/lib/db/schema";
import { applyAuditEvent } from "@/lib/console/audits";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { updateSettings } from "@/lib/sandbox/settings";
import { createFleet, createProfile, itemStates, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, upstreamCalls } from "@/scripts/vitest/wechat";
import { cancelJob, getJob, listJobItems, resumeJob, retryFailed, startJob, startWorker, stopWorker } from "./index";

/**
 * Holding a job (cancel, quota pause and resume), failures that belong to some tenants only, and several workers on
 * one database: each against the sandbox over HTTP, counted by the sandbox's own counters.
 */

const sandbox = sandboxHarness();
const FAST = { sweepMs: 200, pollMs: 100, backoffBaseMs: 50 };

afterEach(async () => {
  await stopWorker();
  await updateSettings({ latency: { ms: 0, jitterMs: 0 } });
  await clearFaults({});
});

async function commitJob(tenantIds: string[], templateId: number) {
  return startJob({ kind: "commit", params: { templateId, userVersion: "V1.1", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}"}' }, selection: { tenantIds } }, null);
}

describe("cancel", () => {
  it("makes no platform call once it returns; items not reached are cancelled", async () => {
    const fleet = await createFleet(sandbox, 16);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await updateSettings({ latency: { ms: 150, jitterMs: 0 } });
    await startWorker({ concurrency: 2, workerId: "cancel", ...FAST });
    const { jobId } = await commitJob(fleet.tenants.map((t) => t.id), templateId);
    await waitFor(async () => ((await itemStates(jobId)).done ?? 0) >= 2, 20_000, 20);

    await cancelJob(jobId, null);
    const after = await allUpstreamCalls();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await allUpstreamCalls()).toBe(after);

    const states = await itemStates(jobId);
    expect(states.running ?? 0).toBe(0);
    expect(states.pending ?? 0).toBe(0);
    expect(states.cancelled).toBeGreaterThan(0);
    expect((states.done ?? 0) + states.cancelled!).toBe(16);
    expect(await upstreamCalls("/wxa/commit")).toBe(states.done);
    expect((await getJob(jobId))!.state).toBe("cancelled");
  });
});

describe("a quota refusal", () => {
  it("pauses the whole job with its code; the item waits at its step; resume finishes it", async () => {
    const fleet = await createFleet(sandbox, 4);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await addFault({ path: "/wxa/commit", errcode: 45009, probability: 1, count: 1 });
    await startWorker({ concurrency: 1, workerId: "quota", ...FAST });
    const { jobId } = await commitJob(fleet.tenants.map((t) => t.id), templateId);

    await waitFor(async () => (await getJob(jobId))!.state === "paused");
    const paused = (await getJob(jobId))!;
    expect(paused).toMatchObject({ pausedReason: "quota", pausedCode: 45009, settled: false });
    expect(paused.pausedMeaning!.en).toMatch(/quota/i);
    // The refused item (one call slot, but the worker holds two items: the other may have committed before).
    const rows = (await listJobItems(jobId)).rows;
    const refused = rows.filter((r) => r.code === 45009);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ state: "pending", step: "commit" });
    expect(refused[0]!.meaning!.en).toMatch(/quota/i);
    expect(rows.filter((r) => r.state === "done").length).toBeLessThanOrEqual(1);

    await resumeJob(jobId, null);
    await waitFor(() => settled(jobId));
    expect(await itemStates(jobId)).toEqual({ done: 4 });
    expect((await getJob(jobId))!.state).toBe("finished");
  });
});

describe("a permanent refusal on some tenants", () => {
  it("fails only those, with the platform's code and meaning; retry sends them again", async () => {
    // Tenants 1 and 4 no longer grant code management on the platform, though the console still thinks they do.
    const fleet = await createFleet(sandbox, 6, (i) => (i === 1 || i === 4 ? { funcInfo: [17, 19] } : {}));
    await db.update(tenants).set({ permissionSets: [17, 18, 19] }).where(sql`${tenants.accountId} = ${fleet.account.id}`);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await startWorker({ concurrency: 3, workerId: "permanent", ...FAST });
    const { jobId } = await commitJob(fleet.tenants.map((t) => t.id), templateId);

    await waitFor(() => settled(jobId));
    expect(await itemStates(jobId)).toEqual({ done: 4, failed: 2 });
    const failed = (await listJobItems(jobId, { failedOnly: true })).rows;
    expect(failed.map((r) => r.tenantId)).toEqual([fleet.tenants[1]!.id, fleet.tenants[4]!.id]);
    expect(failed.every((r) => r.code === 61007 && r.attempts === 1 && /permission set/.test(r.meaning!.en))).toBe(true);

    const commitsBefore = await upstreamCalls("/wxa/commit");
    expect(await retryFailed(jobId, null)).toEqual({ retried: 2 });
    await waitFor(() => settled(jobId));
    expect(await itemStates(jobId)).toEqual({ done: 4, failed: 2 });
    expect(await upstreamCalls("/wxa/commit")).toBe(commitsBefore + 2);
  });
});

describe("two workers on one database", () => {
  it("share the items and run each once", async () => {
    const fleet = await createFleet(sandbox, 12);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await updateSettings({ latency: { ms: 30, jitterMs: 20 } });
    await startWorker({ concurrency: 3, workerId: "one", ...FAST });
    await startWorker({ concurrency: 3, workerId: "two", ...FAST });
    const before = await upstreamCalls("/wxa/commit");
    const { jobId } = await commitJob(fleet.tenants.map((t) => t.id), templateId);

    await waitFor(() => settled(jobId));
    expect(await itemStates(jobId)).toEqual({ done: 12 });
    expect(await upstreamCalls("/wxa/commit")).toBe(before + 12);
    const rows = await db
      .select({ tenantId: operations.tenantId, n: sql<number>`count(*)::int` })
      .from(operations)
      .where(and(eq(operations.action, "wxa.commit"), eq(operations.bulkJobId, jobId)))
      .groupBy(operations.tenantId);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const leases = await db.select({ owner: bulkItems.leaseOwner }).from(bulkItems).where(eq(bulkItems.jobId, jobId));
    expect(leases.every((l) => l.owner === null)).toBe(true);
  });
});

describe("an audit push", () => {
  it("wakes the item parked for it at once (no sweep asks the platform here)", async () => {
    const fleet = await createFleet(sandbox, 1);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    await updateSettings({ privacyScanMs: 0 });
    await startWorker({ concurrency: 1, workerId: "push", pollMs: 100, sweepMs: 600_000, auditCheckMs: 600_000 });
    const { jobId } = await startJob(
      {
        kind: "pipeline",
        params: { commit: { templateId, userVersion: "V5.0", userDesc: "bulk", extJson: "{}" }, submit: { profileId: profile.id }, waitAudit: true, after: "release" },
        selection: { tenantIds: [fleet.tenants[0]!.id] },
      },
      null,
    );
    await waitFor(async () => (await listJobItems(jobId)).rows[0]!.parkedFor === "audit");
    expect((await listJobItems(jobId)).rows[0]).toMatchObject({ state: "parked", step: "audit" });
    // The job's summary says where its unfinished item is.
    expect((await getJob(jobId))!.steps).toEqual([{ step: "audit", n: 1 }]);

    // The platform decides; its push, processed as lib/console/events.ts would, wakes the item.
    await decideAudit(fleet.authorizers[0]!.appid, { result: "approve" });
    await applyAuditEvent(fleet.account, { type: "audit", authorizerAppid: fleet.tenants[0]!.appid, state: "approved", reason: null, screenshots: [], at: new Date() });
    await waitFor(() => settled(jobId), 10_000);
    expect((await listJobItems(jobId)).rows[0]).toMatchObject({ state: "done", step: "release" });
    expect((await getJob(jobId))!.steps).toEqual([]);
  });

  it("ends the item with the rejection's reason", async () => {
    const fleet = await createFleet(sandbox, 1);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    await updateSettings({ privacyScanMs: 0 });
    await startWorker({ concurrency: 1, workerId: "reject", pollMs: 100, sweepMs: 600_000, auditCheckMs: 600_000 });
    const { jobId } = await startJob(
      {
        kind: "pipeline",
        params: { commit: { templateId, userVersion: "V5.1", userDesc: "bulk", extJson: "{}" }, submit: { profileId: profile.id }, waitAudit: true },
        selection: { tenantIds: [fleet.tenants[0]!.id] },
      },
      null,
    );
    await waitFor(async () => (await listJobItems(jobId)).rows[0]!.parkedFor === "audit");
    const releases = await upstreamCalls("/wxa/release");
    await decideAudit(fleet.authorizers[0]!.appid, { result: "reject", reason: "bad icon" });
    await applyAuditEvent(fleet.account, { type: "audit", authorizerAppid: fleet.tenants[0]!.appid, state: "rejected", reason: "bad icon", screenshots: [], at: new Date() });
    await waitFor(() => settled(jobId), 10_000);
    expect((await listJobItems(jobId)).rows[0]).toMatchObject({ state: "failed", step: "audit", reason: "jobs.messages.auditRejected", message: "bad icon" });
    expect(await upstreamCalls("/wxa/release")).toBe(releases);
  });
});
