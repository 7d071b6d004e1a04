import { describe, expect, it } from "vitest";
import { attemptKeys, clearFailures, lockDuration, lockedForSeconds, recordFailure } from "./brute-force";

describe("sign-in brute-force guard", () => {
  it("backs off exponentially after the threshold, capped at 15 minutes", () => {
    expect(lockDuration(4, 5)).toBe(0);
    expect(lockDuration(5, 5)).toBe(30_000);
    expect(lockDuration(6, 5)).toBe(60_000);
    expect(lockDuration(7, 5)).toBe(120_000);
    expect(lockDuration(30, 5)).toBe(15 * 60_000);
  });

  it("locks an email after five failures and a success-clear resets it", async () => {
    const keys = attemptKeys("Someone@Example.com", "203.0.113.9");
    expect(keys).toEqual(["email:someone@example.com", "ip:203.0.113.9"]);
    for (let i = 0; i < 4; i++) await recordFailure(keys);
    expect(await lockedForSeconds(keys)).toBe(0);
    await recordFailure(keys);
    const wait = await lockedForSeconds(keys);
    expect(wait).toBeGreaterThan(25);
    expect(wait).toBeLessThanOrEqual(30);
    await clearFailures("someone@example.com");
    expect(await lockedForSeconds(["email:someone@example.com"])).toBe(0);
    // The IP counter (threshold 30) is not cleared by one account's success.
    expect(await lockedForSeconds(["ip:203.0.113.9"])).toBe(0);
  });

  it("counts concurrent failures without losing any", async () => {
    const keys = attemptKeys("race@example.com", null);
    await Promise.all(Array.from({ length: 6 }, () => recordFailure(keys)));
    expect(await lockedForSeconds(keys)).toBeGreaterThan(30);
  });
});
