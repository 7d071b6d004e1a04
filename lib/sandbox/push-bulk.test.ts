import { describe, expect, it } from "vitest";
import { control, controlHarness, db, received, sandboxPushes, type Json } from "@/scripts/vitest/sandbox-bulk";
import { sql } from "drizzle-orm";
import { enqueueAuditEvent, deliverPushTick, PUSH_BATCH } from "./push";

/** Push delivery at bulk scale: thousands of audit results to the console's receiver (a local HTTP recorder). */
controlHarness();

async function queueAuditResults(n: number) {
  const { body: platform } = await control("platforms", { body: { name: "Bulk pushes" } });
  const { body: seeded } = await control("seed-authorizers", { body: { count: n, component_appid: platform.component_appid } });
  const authorizers = seeded.authorizers as Json[];
  for (let i = 0; i < authorizers.length; i += 50) {
    await Promise.all(
      authorizers.slice(i, i + 50).map((a) => enqueueAuditEvent(platform.component_appid, { appid: a.appid, userName: a.user_name }, "weapp_audit_success", {})),
    );
  }
  // The platform's first verify ticket was delivered when it was made: only the audit results count from here.
  received.length = 0;
  return authorizers.map((a) => a.appid as string);
}

const byStatus = async () => {
  const rows = (await db.execute(sql`select status, attempts, count(*)::int as n from sandbox_pushes where kind = 'weapp_audit_success' group by status, attempts`)) as unknown as {
    status: string;
    attempts: number;
    n: number;
  }[];
  return rows.map((r) => ({ ...r }));
};

/** Each appid's event URL received exactly one push, and nothing else arrived. */
function expectEachOnce(appids: string[]) {
  const counts = new Map<string, number>();
  for (const r of received) {
    const appid = /\/events\/([^/]+)$/.exec(r.path)?.[1];
    expect(appid, r.path).toBeDefined();
    counts.set(appid!, (counts.get(appid!) ?? 0) + 1);
  }
  expect(received).toHaveLength(appids.length);
  expect(appids.every((appid) => counts.get(appid) === 1)).toBe(true);
}

describe("push delivery in concurrent batches", () => {
  it("delivers 1,000 queued audit results within a few ticks, each exactly once", async () => {
    const appids = await queueAuditResults(1000);
    expect(await byStatus()).toEqual([{ status: "pending", attempts: 0, n: 1000 }]);
    const started = performance.now();
    let ticks = 0;
    let attempted = 0;
    while (ticks < 10) {
      const n = await deliverPushTick();
      if (n === 0) break;
      attempted += n;
      ticks++;
    }
    const ms = Math.round(performance.now() - started);
    console.log(`[bench] push delivery: 1000 audit results in ${ticks} tick(s) of up to ${PUSH_BATCH} in parallel, ${ms} ms`);
    expect(attempted).toBe(1000);
    expect(ticks).toBeLessThanOrEqual(3);
    expect(await byStatus()).toEqual([{ status: "delivered", attempts: 1, n: 1000 }]);
    expectEachOnce(appids);
  });

  it("several deliverers at once (several processes) still send each push once", async () => {
    const appids = await queueAuditResults(300);
    const attempted = await Promise.all([deliverPushTick(), deliverPushTick(), deliverPushTick(), deliverPushTick()]);
    expect(attempted.reduce((a, b) => a + b, 0)).toBe(300);
    expect(await deliverPushTick()).toBe(0);
    expect(await byStatus()).toEqual([{ status: "delivered", attempts: 1, n: 300 }]);
    expectEachOnce(appids);
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from ${sandboxPushes} where status <> 'delivered'`)) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });
});
