import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { attemptKeys, attemptSucceeded, claimAttempt, lockDuration, lockedForSeconds, pruneAttempts } from "./brute-force";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

async function row(key: string) {
  const [found] = (await db.execute(sql`
    select failures, coalesce(locked_until > now(), false) as locked from sign_in_attempts where key = ${key}`)) as unknown as {
    failures: number;
    locked: boolean;
  }[];
  return found;
}

describe("sign-in brute-force guard", () => {
  it("backs off exponentially after the threshold, capped at 15 minutes", () => {
    expect(lockDuration(4, 5)).toBe(0);
    expect(lockDuration(5, 5)).toBe(30_000);
    expect(lockDuration(6, 5)).toBe(60_000);
    expect(lockDuration(7, 5)).toBe(120_000);
    expect(lockDuration(30, 5)).toBe(15 * 60_000);
  });

  it("counts each attempt before it is checked; the fifth starts a lock and the sixth is refused uncounted", async () => {
    const keys = attemptKeys(`Someone-${unique()}@Example.com`, "203.0.113.9");
    expect(keys[0]).toMatch(/^email:someone-.*@example\.com$/);
    for (let i = 0; i < 4; i++) expect(await claimAttempt(keys)).toMatchObject({ ok: true, lockedSeconds: 0 });
    expect(await claimAttempt(keys)).toMatchObject({ ok: true, lockedSeconds: 30 });
    const refused = await claimAttempt(keys);
    expect(refused.ok).toBe(false);
    expect(refused.lockedSeconds).toBeGreaterThan(25);
    expect(refused.lockedSeconds).toBeLessThanOrEqual(30);
    expect(await row(keys[0])).toEqual({ failures: 5, locked: true });
    expect(await lockedForSeconds(keys)).toBeGreaterThan(25);
  });

  it("lets at most the threshold of twenty concurrent attempts through", async () => {
    const keys = attemptKeys(`race-${unique()}@example.com`, null);
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimAttempt(keys)));
    expect(claims.filter((c) => c.ok)).toHaveLength(5);
    expect(await row(keys[0])).toEqual({ failures: 5, locked: true });
  });

  it("a success forgets the account's failures and gives the address its provisional one back", async () => {
    const keys = attemptKeys(`ok-${unique()}@example.com`, `198.51.100.${Math.floor(Math.random() * 250)}`);
    for (let i = 0; i < 3; i++) await claimAttempt(keys);
    const claim = await claimAttempt(keys);
    if (!claim.ok) throw new Error("expected the attempt to be allowed");
    await attemptSucceeded(claim.ticket, [keys[0]]);
    expect(await row(keys[0])).toBeUndefined();
    expect(await row(keys[1]!)).toEqual({ failures: 3, locked: false });
  });

  it("a success that reached the address's threshold lifts the lock it started, not an earlier one", async () => {
    const ip = `ip:192.0.2.${Math.floor(Math.random() * 250)}`;
    await db.execute(sql`insert into sign_in_attempts (key, failures, last_failure_at) values (${ip}, 29, now())`);
    const claim = await claimAttempt([`email:office-${unique()}@example.com`, ip]);
    if (!claim.ok) throw new Error("expected the attempt to be allowed");
    expect(claim.lockedSeconds).toBe(30);
    expect(await row(ip)).toEqual({ failures: 30, locked: true });
    await attemptSucceeded(claim.ticket, []);
    expect(await row(ip)).toEqual({ failures: 29, locked: false });
  });

  it("keeps counting after a lock ends instead of starting over", async () => {
    const keys = attemptKeys(`slow-${unique()}@example.com`, null);
    for (let i = 0; i < 5; i++) await claimAttempt(keys);
    // The lock ended twenty minutes after the last failure (longer than the longest lock).
    await db.execute(sql`update sign_in_attempts set last_failure_at = now() - interval '20 minutes',
      locked_until = now() - interval '1 second' where key = ${keys[0]}`);
    expect(await claimAttempt(keys)).toMatchObject({ ok: true, lockedSeconds: 60 });
    expect(await row(keys[0])).toEqual({ failures: 6, locked: true });
  });

  it("starts over once the last failure is older than a day", async () => {
    const keys = attemptKeys(`old-${unique()}@example.com`, null);
    await db.execute(sql`insert into sign_in_attempts (key, failures, last_failure_at, locked_until)
      values (${keys[0]}, 9, now() - interval '25 hours', now() - interval '24 hours')`);
    expect(await claimAttempt(keys)).toMatchObject({ ok: true, lockedSeconds: 0 });
    expect(await row(keys[0])).toEqual({ failures: 1, locked: false });
  });

  it("prunes counters that left the window and whose lock passed, and only those", async () => {
    const [stale, recent, locked] = ["stale", "recent", "locked"].map((k) => `email:prune-${k}-${unique()}@example.com`);
    await db.execute(sql`insert into sign_in_attempts (key, failures, last_failure_at, locked_until) values
      (${stale}, 3, now() - interval '25 hours', null),
      (${recent}, 3, now() - interval '1 hour', null),
      (${locked}, 30, now() - interval '25 hours', now() + interval '1 minute')`);
    expect(await pruneAttempts()).toBeGreaterThanOrEqual(1);
    expect(await row(stale!)).toBeUndefined();
    expect(await row(recent!)).toEqual({ failures: 3, locked: false });
    expect(await row(locked!)).toEqual({ failures: 30, locked: true });
  });

  it("claims sharing keys in any order never deadlock", async () => {
    const ip = `ip:203.0.113.${Math.floor(Math.random() * 250)}`;
    const emails = Array.from({ length: 6 }, () => `email:dl-${unique()}@example.com`);
    const claims = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const email = emails[i % emails.length]!;
        return claimAttempt(i % 2 ? [email, ip] : [ip, email]);
      }),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(24);
    expect(await row(ip)).toEqual({ failures: 24, locked: false });
  });
});
