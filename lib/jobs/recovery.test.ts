import { afterEach, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems } from "@/lib/db/schema";
import { platformForTenant } from "@/lib/platforms";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { createFleet, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { historyOf, upstreamCalls } from "@/scripts/vitest/wechat";
import { createBoss, QUEUE } from "./boss";
import { listJobItems, startJob, startWorker, stopWorker } from "./index";

/**
 * Exactly once: an item found with `inflight` set (its worker died, or the answer was lost) asks the platform whether
 * the commit landed before sending it again. The items are started with no worker running, then made to look like a
 * worker died holding them mid-call (running, lease lapsed, inflight set); a worker started afterwards recovers them.
 */

const sandbox = sandboxHarness();
const PARAMS = (templateId: number) => ({ templateId, userVersion: "V4.0", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}"}' });

const deadBosses: PgBoss[] = [];
afterEach(async () => {
  await stopWorker();
  for (const boss of deadBosses.splice(0)) await boss.stop({ graceful: false, close: true });
  await clearFaults({});
});

async function crashedMidCommit(jobId: string, tenantId: string, at: Date) {
  await db
    .update(bulkItems)
    .set({ state: "running", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1000), inflight: { step: "commit", at: at.toISOString(), userVersion: "V4.0" } })
    .where(and(eq(bulkItems.jobId, jobId), eq(bulkItems.tenantId, tenantId)));
}

describe("an item found with inflight set", () => {
  it("is not committed again when its commit reached the platform; is committed when it did not", async () => {
    const fleet = await createFleet(sandbox, 2);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const [landed, lost] = fleet.tenants as [(typeof fleet.tenants)[0], (typeof fleet.tenants)[0]];
    const { jobId } = await startJob({ kind: "commit", params: PARAMS(templateId), selection: { tenantIds: [landed.id, lost.id] } }, null);

    // The dead worker's commit of `landed` reached the platform (its answer never came back); `lost`'s never left.
    const at = new Date();
    await (await platformForTenant(landed)).commit({ templateId, extJson: JSON.stringify({ extAppid: landed.appid }), userVersion: "V4.0", userDesc: "bulk" });
    await crashedMidCommit(jobId, landed.id, at);
    await crashedMidCommit(jobId, lost.id, at);
    const before = await upstreamCalls("/wxa/commit");

    await startWorker({ concurrency: 2, workerId: "recovery", sweepMs: 100, pollMs: 100, backoffBaseMs: 50 });
    await waitFor(() => settled(jobId));
    const rows = (await listJobItems(jobId)).rows;
    expect(rows.map((r) => r.state)).toEqual(["done", "done"]);
    expect(rows[0]!.result).toMatchObject({ userVersion: "V4.0", recovered: true });
    expect(rows[1]!.result).not.toHaveProperty("recovered");
    // One commit only: the one `lost` needed.
    expect(await upstreamCalls("/wxa/commit")).toBe(before + 1);
    expect((await historyOf("wxa.commit", landed.id)).filter((r) => r.bulkJobId === jobId)).toHaveLength(0);
    expect((await historyOf("wxa.commit", lost.id)).filter((r) => r.bulkJobId === jobId)).toHaveLength(1);
    const inflight = await db.select({ inflight: bulkItems.inflight }).from(bulkItems).where(eq(bulkItems.jobId, jobId));
    expect(inflight.every((r) => r.inflight === null)).toBe(true);
  });

  it("after no answer (HTTP 502 on commit), asks the platform before sending again, and sends once more", async () => {
    const fleet = await createFleet(sandbox, 1);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await addFault({ path: "/wxa/commit", http_status: 502, probability: 1, count: 1 });
    const versionsBefore = await upstreamCalls("/wxa/getversioninfo");
    await startWorker({ concurrency: 1, workerId: "no-answer", sweepMs: 100, pollMs: 100, backoffBaseMs: 50 });
    const { jobId } = await startJob({ kind: "commit", params: PARAMS(templateId), selection: { tenantIds: [fleet.tenants[0]!.id] } }, null);

    await waitFor(() => settled(jobId));
    const [row] = (await listJobItems(jobId)).rows;
    expect(row).toMatchObject({ state: "done", attempts: 1, code: null });
    const commits = (await historyOf("wxa.commit", fleet.tenants[0]!.id)).map((r) => r.ok);
    expect(commits).toEqual([false, true]);
    // Between the two, the trial was read (nothing had landed).
    expect(await upstreamCalls("/wxa/getversioninfo")).toBeGreaterThan(versionsBefore);
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from bulk_items where job_id = ${jobId} and inflight is not null`)) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe("a worker killed with pg-boss jobs in hand", () => {
  it("does not hold the account's slots until pg-boss expires them: the next worker runs the items within seconds", async () => {
    const fleet = await createFleet(sandbox, 3);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const { jobId } = await startJob({ kind: "commit", params: PARAMS(templateId), selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    // The dead worker fetched all three (every slot of the account: groupConcurrency 3), claimed two, then died.
    const dead = await createBoss({ supervise: false });
    deadBosses.push(dead);
    const fetched = await dead.fetch<{ tenantId: string }>(QUEUE, { batchSize: 10, groupConcurrency: 3 });
    expect(fetched).toHaveLength(3);
    for (const tenant of fleet.tenants.slice(0, 2)) {
      await db
        .update(bulkItems)
        .set({ state: "running", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1000) })
        .where(and(eq(bulkItems.jobId, jobId), eq(bulkItems.tenantId, tenant.id)));
    }
    const before = await upstreamCalls("/wxa/commit");

    const started = Date.now();
    await startWorker({ concurrency: 3, perAccount: 3, workerId: "after-kill", leaseMs: 500, sweepMs: 100, pollMs: 100, backoffBaseMs: 50 });
    await waitFor(() => settled(jobId), 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await listJobItems(jobId)).rows.map((r) => r.state)).toEqual(["done", "done", "done"]);
    expect(await upstreamCalls("/wxa/commit")).toBe(before + 3);
    // The dead worker's jobs were completed by the sweep (not left active for pg-boss's expiry).
    const states = await Promise.all(fetched.map(async (job) => (await dead.getJobById(QUEUE, job.id))?.state));
    expect(states).toEqual(["completed", "completed", "completed"]);
  });
});
