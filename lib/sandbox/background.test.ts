import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { createTicker, pushDueTickets, startSandboxBackground, ticketCheckIntervalMs } from "./background";
import { createPlatform } from "./registry";
import { sandboxPlatforms, sandboxPushes } from "./schema";

describe("ticket timer", () => {
  it("checks at most every 5 s, never less than once a second, and never later than the ticket is due", () => {
    expect(ticketCheckIntervalMs(600)).toBe(5000);
    expect(ticketCheckIntervalMs(5)).toBe(5000);
    expect(ticketCheckIntervalMs(3)).toBe(3000);
    expect(ticketCheckIntervalMs(1)).toBe(1000);
  });

  it("pushes a new ticket to platforms without one or with one older than the period, and leaves fresh ones alone", async () => {
    const never = await createPlatform();
    const stale = await createPlatform();
    const fresh = await createPlatform();
    await db.update(sandboxPlatforms).set({ verifyTicket: "ticket@@@stale", verifyTicketAt: new Date(Date.now() - 700_000) }).where(eq(sandboxPlatforms.componentAppid, stale.componentAppid));
    await db.update(sandboxPlatforms).set({ verifyTicket: "ticket@@@fresh", verifyTicketAt: new Date(Date.now() - 100_000) }).where(eq(sandboxPlatforms.componentAppid, fresh.componentAppid));

    const pushed = await pushDueTickets(600);
    expect(pushed.sort()).toEqual([never.componentAppid, stale.componentAppid].sort());
    const rows = await db.select().from(sandboxPlatforms);
    const byId = new Map(rows.map((r) => [r.componentAppid, r]));
    expect(byId.get(stale.componentAppid)!.verifyTicket).toMatch(/^ticket@@@/);
    expect(byId.get(stale.componentAppid)!.verifyTicket).not.toBe("ticket@@@stale");
    expect(Date.now() - byId.get(stale.componentAppid)!.verifyTicketAt!.getTime()).toBeLessThan(5000);
    expect(byId.get(never.componentAppid)!.verifyTicket).toMatch(/^ticket@@@/);
    expect(byId.get(fresh.componentAppid)!.verifyTicket).toBe("ticket@@@fresh");
    const pushes = await db.select().from(sandboxPushes).where(eq(sandboxPushes.kind, "component_verify_ticket"));
    expect(pushes.map((p) => p.componentAppid).sort()).toEqual(pushed.sort());

    // Just pushed: nothing is due until the period has passed again.
    expect(await pushDueTickets(600)).toEqual([]);
  });

  it("pushes once when several processes look at the same moment", async () => {
    const platform = await createPlatform();
    await db.update(sandboxPlatforms).set({ verifyTicketAt: new Date(Date.now() - 3_600_000) }).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    const results = await Promise.all(Array.from({ length: 5 }, () => pushDueTickets(600)));
    expect(results.flat().filter((id) => id === platform.componentAppid)).toHaveLength(1);
    const pushes = await db.select().from(sandboxPushes).where(eq(sandboxPushes.componentAppid, platform.componentAppid));
    expect(pushes).toHaveLength(1);
  });
});

describe("ticker", () => {
  it("skips a tick while the previous one still runs", async () => {
    let release!: () => void;
    let runs = 0;
    const tick = createTicker("slow", () => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = tick();
    expect(await tick()).toBe("skipped");
    release();
    expect(await first).toBe("ran");
    expect(runs).toBe(1);
    const third = tick();
    release();
    expect(await third).toBe("ran");
    expect(runs).toBe(2);
  });

  it("logs a failure instead of throwing, and the same failure once per quiet period", async () => {
    const log = vi.fn();
    let fail = true;
    const tick = createTicker("flaky", async () => {
      if (fail) throw new Error("database is down");
    }, log, 60_000);
    expect(await tick()).toBe("failed");
    expect(await tick()).toBe("failed");
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toBe("[sandbox] background flaky failed");
    expect((log.mock.calls[0]![1] as Error).message).toBe("database is down");
    fail = false;
    expect(await tick()).toBe("ran");
    // After a success the next failure is news again.
    fail = true;
    expect(await tick()).toBe("failed");
    expect(log).toHaveBeenCalledTimes(2);
  });

  it("starts once per process and runs its jobs on unref'd timers", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const first = startSandboxBackground({ ticketSeconds: 600 });
      expect(startSandboxBackground()).toBe(first);
      expect(vi.getTimerCount()).toBe(3);
      first.stop();
      expect(vi.getTimerCount()).toBe(0);
      const again = startSandboxBackground({ ticketSeconds: 600 });
      expect(again).not.toBe(first);
      again.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
