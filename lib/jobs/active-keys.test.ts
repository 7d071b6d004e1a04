import { afterEach, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems } from "@/lib/db/schema";
import { createFleet, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { upstreamCalls } from "@/scripts/vitest/wechat";
import { createBoss, QUEUE } from "./boss";
import { listJobItems, startJob, startWorker, stopWorker } from "./index";

/**
 * pg-boss skips queued jobs whose key its monitor last saw active (stately). A worker killed while the monitor listed
 * its item must not leave that item unfetchable for pg-boss's default minute (monitor) plus minute (queue cache):
 * boss.ts keeps the list fresh within seconds. Its own file: the monitor pass below must be the database's first.
 */

const sandbox = sandboxHarness();
const bosses: PgBoss[] = [];
afterEach(async () => {
  await stopWorker();
  for (const boss of bosses.splice(0)) await boss.stop({ graceful: false, close: true });
});

describe("an item whose key pg-boss listed as active when its worker died", () => {
  it("runs again within seconds once the sweep released the dead job", async () => {
    const fleet = await createFleet(sandbox, 1);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const tenant = fleet.tenants[0]!;
    const { jobId } = await startJob({ kind: "commit", params: { templateId, userVersion: "V5.0", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}"}' }, selection: { tenantIds: [tenant.id] } }, null);
    const dead = await createBoss({ supervise: false });
    bosses.push(dead);
    expect(await dead.fetch(QUEUE, { batchSize: 1 })).toHaveLength(1);
    await db
      .update(bulkItems)
      .set({ state: "running", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1000) })
      .where(and(eq(bulkItems.jobId, jobId), eq(bulkItems.tenantId, tenant.id)));
    // The monitor pass that saw it active (pg-boss's supervisor writes the list every worker's fetch skips).
    await dead.supervise(QUEUE);
    expect((await dead.getQueue(QUEUE))?.singletonsActive).toEqual([`${jobId}:${tenant.id}`]);
    const before = await upstreamCalls("/wxa/commit");

    await startWorker({ concurrency: 2, workerId: "after-kill", leaseMs: 500, sweepMs: 100, pollMs: 100 });
    await waitFor(() => settled(jobId), 20_000);
    expect((await listJobItems(jobId)).rows.map((r) => r.state)).toEqual(["done"]);
    expect(await upstreamCalls("/wxa/commit")).toBe(before + 1);
  }, 30_000);
});
