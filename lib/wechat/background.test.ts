import { afterEach, describe, expect, it, vi } from "vitest";
import { startWechatBackground } from "./background";
import * as reconcile from "./reconcile";

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
});
