import { afterAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createBoss, QUEUE, sendItems, stopSender } from "./boss";

/**
 * pg-boss 12 declares Node ≥ 22 in its engines; this project runs Node 20. These tests prove the parts the engine
 * uses work here: install into its own schema, insert (stately, grouped), fetch with groupConcurrency, work, complete.
 */

const bosses: PgBoss[] = [];
afterAll(async () => {
  for (const boss of bosses) await boss.stop({ graceful: false, close: true });
  await stopSender();
});

const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());

describe("pg-boss on this Node", () => {
  it(`runs on Node ${process.versions.node}: send, work, complete`, async () => {
    const boss = await createBoss({ supervise: false });
    bosses.push(boss);
    await boss.createQueue("smoke");
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      void boss.work<{ n: number }>("smoke", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        seen.push(String(job!.data.n));
        resolve();
      });
    });
    expect(await boss.send("smoke", { n: 42 })).toEqual(expect.any(String));
    await done;
    expect(seen).toEqual(["42"]);
  });

  it("keeps one queued job per item (stately + singletonKey) and bounds fetches per group", async () => {
    const boss = await createBoss({ supervise: false });
    bosses.push(boss);
    const [jobId, a, b, c] = ids(4);
    const account = crypto.randomUUID();
    const other = crypto.randomUUID();
    await sendItems([
      { jobId: jobId!, tenantId: a!, accountId: account },
      { jobId: jobId!, tenantId: a!, accountId: account },
      { jobId: jobId!, tenantId: b!, accountId: account },
      { jobId: jobId!, tenantId: c!, accountId: other },
    ]);
    const first = await boss.fetch<{ tenantId: string }>(QUEUE, { batchSize: 10, groupConcurrency: 1 });
    // One per account at once: a (or b) of `account`, and c of `other`; the duplicate of a was never queued.
    expect(first).toHaveLength(2);
    expect(await boss.fetch(QUEUE, { batchSize: 10, groupConcurrency: 1 })).toHaveLength(0);
    await boss.complete(QUEUE, first.map((j) => j.id));
    const second = await boss.fetch<{ tenantId: string }>(QUEUE, { batchSize: 10, groupConcurrency: 1 });
    expect(second).toHaveLength(1);
    const all = [...first, ...second].map((j) => j.data.tenantId).sort();
    expect(all).toEqual([a!, b!, c!].sort());
  });
});
