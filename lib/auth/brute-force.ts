import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/**
 * Brute-force guard for sign-in and first-run setup, shared by every instance through Postgres.
 *
 * An attempt is counted BEFORE the password (or setup code) is checked, under row locks, so parallel guesses cannot
 * all slip past the lock check: at most `threshold` of them are ever verified. A success gives its provisional
 * failure back. After the threshold the next attempts wait 30 s, doubling per further failure, at most 15 min.
 * Failures are remembered for a day, far longer than the longest lock, so the count does not start over when a
 * lock ends.
 */
export const WINDOW_MS = 24 * 60 * 60_000;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const PRUNE_BATCH = 500;
const PRUNE_ONE_IN = 50;

// Per email the threshold is low; per IP higher (one office, many operators). Setup is throttled per IP and globally.
const THRESHOLDS: [prefix: string, threshold: number][] = [
  ["email:", 5],
  ["ip:", 30],
  ["setup:", 5],
  ["setup", 20],
];

export const thresholdOf = (key: string) => THRESHOLDS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? 5;

export const attemptKeys = (email: string, ip: string | null) =>
  [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])] as const;

export function lockDuration(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS);
}

/** What a counted attempt changed: given back by `attemptSucceeded`. `lockUs` is the lock this attempt set. */
export type Ticket = { key: string; lockUs: string | null }[];
export type Claim =
  | { ok: true; ticket: Ticket; lockedSeconds: number }
  | { ok: false; lockedSeconds: number };

// Postgres ("C" collation) and JS must agree on the order rows are locked in, or two claims could deadlock.
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

type Row = { key: string; failures: number; stale: boolean; wait: number };

/**
 * Counts one attempt against every key, or refuses it (counting nothing) while any key is locked. `lockedSeconds`
 * on success is the lock this very attempt started, if it reached a threshold: the attempt is still verified, and
 * if it then fails the caller reports the lock.
 */
export async function claimAttempt(keys: readonly string[]): Promise<Claim> {
  const sorted = [...new Set(keys)].sort(byteOrder);
  const values = sql.join(
    sorted.map((key) => sql`(${key}, 0, now(), null)`),
    sql`, `,
  );
  const window = `${WINDOW_MS} milliseconds`;
  const claim = await db.transaction(async (tx) => {
    for (let round = 0; round < 3; round++) {
      await tx.execute(sql`
        insert into sign_in_attempts (key, failures, last_failure_at, locked_until) values ${values}
        on conflict (key) do nothing`);
      const rows = (await tx.execute(sql`
        select key, failures, last_failure_at < now() - ${window}::interval as stale,
               greatest(0, ceil(extract(epoch from coalesce(locked_until, now()) - now())))::int as wait
        from sign_in_attempts
        where key in (${sql.join(sorted.map((k) => sql`${k}`), sql`, `)})
        order by key collate "C"
        for update`)) as unknown as Row[];
      // A row pruned between the insert and the lock: insert it again.
      if (rows.length < sorted.length) continue;

      const wait = Math.max(0, ...rows.map((r) => r.wait));
      if (wait > 0) return { ok: false as const, lockedSeconds: wait };

      const ticket: Ticket = [];
      let lockedMs = 0;
      for (const row of rows) {
        const failures = row.stale ? 1 : row.failures + 1;
        const lockMs = lockDuration(failures, thresholdOf(row.key));
        lockedMs = Math.max(lockedMs, lockMs);
        const [updated] = (await tx.execute(sql`
          update sign_in_attempts set
            failures = ${failures},
            last_failure_at = now(),
            locked_until = case when ${lockMs}::int > 0
                                then date_trunc('milliseconds', now() + ${lockMs}::int * interval '1 millisecond') end
          where key = ${row.key}
          returning (extract(epoch from locked_until) * 1000000)::bigint::text as lock_us`)) as unknown as { lock_us: string | null }[];
        ticket.push({ key: row.key, lockUs: updated?.lock_us ?? null });
      }
      return { ok: true as const, ticket, lockedSeconds: Math.ceil(lockedMs / 1000) };
    }
    throw new Error("sign-in guard: attempt rows keep disappearing");
  });
  if (Math.random() < 1 / PRUNE_ONE_IN) await pruneAttempts();
  return claim;
}

/**
 * The attempt was right: `clear` keys are forgotten (the account proved itself), every other key gets its
 * provisional failure back, and loses the lock this attempt started (one office colleague's success must not lock
 * the others out).
 */
export async function attemptSucceeded(ticket: Ticket, clear: readonly string[]) {
  for (const { key, lockUs } of ticket) {
    if (clear.includes(key)) {
      await db.execute(sql`delete from sign_in_attempts where key = ${key}`);
      continue;
    }
    await db.execute(sql`
      update sign_in_attempts set
        failures = greatest(failures - 1, 0),
        locked_until = case when ${lockUs}::bigint is not null
                             and (extract(epoch from locked_until) * 1000000)::bigint = ${lockUs}::bigint
                            then null else locked_until end
      where key = ${key}`);
  }
}

/**
 * Forgets counters whose last failure left the window and whose lock has passed. Bounded per call, and skips rows
 * a claim holds, so it never waits on (or deadlocks with) a sign-in. Runs after roughly one claim in fifty.
 */
export async function pruneAttempts(): Promise<number> {
  const deleted = (await db.execute(sql`
    delete from sign_in_attempts where key in (
      select key from sign_in_attempts
      where last_failure_at < now() - ${`${WINDOW_MS} milliseconds`}::interval
        and (locked_until is null or locked_until <= now())
      limit ${PRUNE_BATCH}
      for update skip locked)
    returning key`)) as unknown as unknown[];
  return deleted.length;
}

/** Seconds until an attempt is allowed again for any of the keys, or 0 (for display; claims decide by themselves). */
export async function lockedForSeconds(keys: readonly string[]): Promise<number> {
  const rows = (await db.execute(sql`
    select greatest(0, ceil(extract(epoch from coalesce(max(locked_until), now()) - now())))::int as wait
    from sign_in_attempts where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`)) as unknown as { wait: number }[];
  return rows[0]?.wait ?? 0;
}
