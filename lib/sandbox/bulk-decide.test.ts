import { describe, expect, it } from "vitest";
import { call, control, controlHarness, db, fleet, received, sandboxAudits, submitAudit, tokenFor, type Json } from "@/scripts/vitest/sandbox-bulk";
import { inArray } from "drizzle-orm";
import { runAutoDecide } from "./audit-decision";
import { mixOutcome } from "./decide-mix";
import { deliverPushTick } from "./push";

/** Auto-decide "mix": outcomes by weights, the same on every run, and delayed audits decided later. */
controlHarness();

const STATUS = { approve: 0, reject: 1, delay: 4 } as const;

describe("mixOutcome (pure)", () => {
  it("is deterministic per (appid, auditid) and follows the weights", () => {
    const ratios = { approve: 6, reject: 3, delay: 1 };
    const draws = Array.from({ length: 3000 }, (_, i) => mixOutcome(`wx${(i * 7919).toString(16).padStart(16, "0")}`, 1000 + i, ratios));
    const again = Array.from({ length: 3000 }, (_, i) => mixOutcome(`wx${(i * 7919).toString(16).padStart(16, "0")}`, 1000 + i, ratios));
    expect(again).toEqual(draws);
    const share = (o: string) => draws.filter((d) => d === o).length / draws.length;
    expect(share("approve")).toBeGreaterThan(0.55);
    expect(share("approve")).toBeLessThan(0.65);
    expect(share("reject")).toBeGreaterThan(0.25);
    expect(share("reject")).toBeLessThan(0.35);
    expect(share("delay")).toBeGreaterThan(0.07);
    expect(share("delay")).toBeLessThan(0.13);
  });

  it("never picks a zero weight; after a delay it picks approve or reject only", () => {
    const ids = Array.from({ length: 500 }, (_, i) => i);
    expect(new Set(ids.map((i) => mixOutcome("wxa", i, { approve: 0, reject: 1, delay: 0 })))).toEqual(new Set(["reject"]));
    expect(new Set(ids.map((i) => mixOutcome("wxa", i, { approve: 1, reject: 1, delay: 5 }, true)))).toEqual(new Set(["approve", "reject"]));
    expect(new Set(ids.map((i) => mixOutcome("wxa", i, { approve: 0, reject: 0, delay: 5 }, true)))).toEqual(new Set(["approve"]));
  });
});

async function submittedFleet(n: number) {
  const f = await fleet(n, { page_sets: [["pages/index/index"]] });
  const tokens = await Promise.all(f.authorizers.map((a) => tokenFor(f, a)));
  // The platform's monthly quota (20 by default) would refuse the 21st submission.
  await control("quota", { body: { component_appid: f.componentAppid, audit_limit: 1000 } });
  const auditids = await Promise.all(tokens.map(async (t) => (await submitAudit(t)).body.auditid as number));
  expect(auditids.every(Number.isInteger)).toBe(true);
  return { f, tokens, auditids };
}

const statuses = async (auditids: number[]) => {
  const rows = await db.select({ auditid: sandboxAudits.auditid, status: sandboxAudits.status }).from(sandboxAudits).where(inArray(sandboxAudits.auditid, auditids));
  return new Map(rows.map((r) => [r.auditid, r.status]));
};

describe("auto-decide mode mix", () => {
  it("decides each audit as its draw says, pushes the results, and later decides the delayed ones", async () => {
    const { f, tokens, auditids } = await submittedFleet(30);
    const ratios = { approve: 1, reject: 1, delay: 1 };
    const set = await control("settings", { body: { autoDecide: { mode: "mix", afterMs: 0, ratios } } });
    expect(set.body.autoDecide).toEqual({ mode: "mix", afterMs: 0, ratios });
    const expected = f.authorizers.map((a, i) => mixOutcome(a.appid, auditids[i]!, ratios));
    expect(new Set(expected)).toEqual(new Set(["approve", "reject", "delay"]));

    received.length = 0;
    expect(await runAutoDecide()).toBe(30);
    const first = await statuses(auditids);
    expect(auditids.map((id) => first.get(id))).toEqual(expected.map((o) => STATUS[o]));
    // The platform's view over HTTP agrees, for one of each.
    for (const outcome of ["approve", "reject", "delay"] as const) {
      const i = expected.indexOf(outcome);
      const latest = await call("/wxa/get_latest_auditstatus", { token: tokens[i], method: "GET" });
      expect(latest.body).toMatchObject({ auditid: auditids[i], status: STATUS[outcome] });
    }
    await deliverPushTick();
    const eventsOf = (appid: string) => received.filter((r) => r.path.endsWith(`/events/${appid}`)).length;
    expect(f.authorizers.map((a) => eventsOf(a.appid))).toEqual(f.authorizers.map(() => 1));

    // Delayed audits are decided again afterMs after their delay: approve or reject, by their own draw.
    const delayed = expected.flatMap((o, i) => (o === "delay" ? [i] : []));
    expect(await runAutoDecide()).toBe(delayed.length);
    const second = await statuses(auditids);
    for (const i of delayed) {
      const again = mixOutcome(f.authorizers[i]!.appid, auditids[i]!, ratios, true);
      expect(second.get(auditids[i]!), `audit ${auditids[i]}`).toBe(STATUS[again]);
    }
    expect([...second.values()].filter((s) => s === 4)).toEqual([]);
    expect(await runAutoDecide()).toBe(0);
    await deliverPushTick();
    expect(delayed.map((i) => eventsOf(f.authorizers[i]!.appid))).toEqual(delayed.map(() => 2));
  });

  it("waits afterMs, defaults its ratios, and leaves the old modes as they were (delay stays delayed)", async () => {
    const { f, auditids } = await submittedFleet(4);
    await control("settings", { body: { autoDecide: { mode: "mix", afterMs: 60_000 } } });
    expect(await runAutoDecide()).toBe(0);
    expect((await control("settings", { body: { autoDecide: { afterMs: 0 } } })).body.autoDecide).toEqual({ mode: "mix", afterMs: 0 });
    expect(await runAutoDecide()).toBe(4);
    const decided = await statuses(auditids);
    expect(auditids.map((id) => decided.get(id))).toEqual(
      f.authorizers.map((a, i) => STATUS[mixOutcome(a.appid, auditids[i]!, { approve: 8, reject: 1, delay: 1 })]),
    );

    const other = await submittedFleet(3);
    await control("settings", { body: { autoDecide: { mode: "delay" } } });
    expect(await runAutoDecide()).toBe(3);
    expect(await runAutoDecide()).toBe(0);
    const held = await statuses(other.auditids);
    expect(other.auditids.map((id) => held.get(id))).toEqual([4, 4, 4]);
    expect((await control("settings", { body: { autoDecide: { mode: "mix", ratios: { approve: 0, reject: 0, delay: 0 } } } })).status).toBe(400);
  });
});

describe("decisions are the same on a rerun", () => {
  it("two worlds with the same appids and audit ids decide alike", () => {
    const ratios = { approve: 3, reject: 2, delay: 1 } satisfies Json;
    const world = Array.from({ length: 50 }, (_, i) => ({ appid: `wx${String(i).padStart(16, "0")}`, auditid: 500 + i }));
    expect(world.map((w) => mixOutcome(w.appid, w.auditid, ratios))).toEqual(world.map((w) => mixOutcome(w.appid, w.auditid, { ...ratios })));
  });
});
