import { afterEach, describe, expect, it, vi } from "vitest";
import { startWechatBackground } from "./background";
import * as retry from "./events-retry";
import * as reconcile from "./audit-reconcile";

describe("startWechatBackground", () => {
  afterEach(() => vi.restoreAllMocks());

  it("starts once per process, polls with the configured age, and survives a failing run", async () => {
    const spy = vi.spyOn(reconcile, "reconcileAudits");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const background = startWechatBackground({ everyMs: 60_000, olderThanMs: 1234 });
    expect(startWechatBackground()).toBe(background);

    spy.mockResolvedValueOnce({ checked: 0, updated: 0, failed: 0, errors: [] });
    await background.tick();
    expect(spy).toHaveBeenLastCalledWith({ olderThanMs: 1234 });

    // A failure is logged once while it repeats, and never thrown out of the timer.
    spy.mockRejectedValue(new Error("database is down"));
    await expect(background.tick()).resolves.toBeUndefined();
    await background.tick();
    expect(log).toHaveBeenCalledTimes(1);

    background.stop();
    expect(startWechatBackground()).not.toBe(background);
    startWechatBackground().stop();
  });

  it("runs the retry sweep of failed pushes on its own, surviving a failing run", async () => {
    const sweep = vi.spyOn(retry, "retryInboundEvents").mockResolvedValueOnce([7]);
    const reconciled = vi.spyOn(reconcile, "reconcileAudits");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const background = startWechatBackground({ retryEveryMs: 60_000 });
    await background.retryTick();
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(reconciled).not.toHaveBeenCalled();

    sweep.mockRejectedValue(new Error("database is down"));
    await expect(background.retryTick()).resolves.toBeUndefined();
    await background.retryTick();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/push retry sweep/);
    background.stop();
  });
});
