import "server-only";
import { inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { signInAttempts } from "@/lib/db/schema";

/**
 * Brute-force guard for sign-in, shared by every instance through Postgres.
 * Per email: after 5 failures the next attempts wait 30 s, doubling per further failure, at most 15 min.
 * Per IP the threshold is higher (one office, many operators). Failures older than 15 minutes are forgotten.
 */
const WINDOW_MS = 15 * 60_000;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const THRESHOLD = { email: 5, ip: 30 } as const;

export const attemptKeys = (email: string, ip: string | null) =>
  [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])] as const;

const thresholdOf = (key: string) => (key.startsWith("ip:") ? THRESHOLD.ip : THRESHOLD.email);

export function lockDuration(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS);
}

/** Seconds until sign-in is allowed again for any of the keys, or 0. */
export async function lockedForSeconds(keys: readonly string[]): Promise<number> {
  const rows = await db.select().from(signInAttempts).where(inArray(signInAttempts.key, [...keys]));
  const now = Date.now();
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordFailure(keys: readonly string[]) {
  for (const key of keys) {
    const threshold = thresholdOf(key);
    // One statement per key so concurrent failures cannot lose a count.
    await db.execute(sql`
      insert into sign_in_attempts (key, failures, last_failure_at, locked_until)
      values (${key}, 1, now(), null)
      on conflict (key) do update set
        failures = case when sign_in_attempts.last_failure_at < now() - ${`${WINDOW_MS} milliseconds`}::interval
                        then 1 else sign_in_attempts.failures + 1 end,
        last_failure_at = now()`);
    const [row] = await db.select().from(signInAttempts).where(inArray(signInAttempts.key, [key]));
    const lockMs = row ? lockDuration(row.failures, threshold) : 0;
    if (lockMs > 0) {
      await db.execute(sql`update sign_in_attempts set locked_until = now() + ${`${lockMs} milliseconds`}::interval where key = ${key}`);
    }
  }
}

/** A successful sign-in clears the account's counter (not the IP's: one account proves nothing about others). */
export async function clearFailures(email: string) {
  await db.delete(signInAttempts).where(inArray(signInAttempts.key, [`email:${email.toLowerCase()}`]));
}
