import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { RequestsQuery } from "./control-bulk-schemas";

/**
 * What the emulated platform counts of its callers for bulk tests and benches, beside the per-path counters:
 * - sandbox_requests: calls per account (the owner of the call's token), path and errcode, and how many of them
 *   lost their answer (a lose_answer fault: they ran, the caller saw HTTP 504);
 * - sandbox_applied: how many times commit and submit_audit applied their change per authorizer, counted in the
 *   handler's own transaction, so "no tenant received two commits" is provable whatever the answers said.
 */

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

/**
 * Counts one call: the per-path counter always, the per-account row when the token named an account (token-less
 * calls such as api_component_token are counted per path only). A lost call is counted with the errcode its handler
 * answered, as the platform saw it (emulator choice), and as lost. One statement, so a call costs one round trip of
 * bookkeeping however many tables it feeds.
 */
export async function logCall(path: string, errcode: number, account: string | null, lost: boolean, trace?: CallTrace) {
  const traced = trace
    ? sql`, traced as (insert into sandbox_call_trace (appid, path, arrived_at, answered_at) values (${account}, ${path}, ${trace.arrivedAt.toISOString()}::timestamptz, ${trace.answeredAt.toISOString()}::timestamptz))`
    : sql``;
  if (account === null) {
    await db.execute(sql`
      with counted as (
        insert into sandbox_counters (path, errcode, count) values (${path}, ${errcode}, 1)
        on conflict (path, errcode) do update set count = sandbox_counters.count + 1
      )${traced}
      select 1`);
    return;
  }
  await db.execute(sql`
    with counted as (
      insert into sandbox_counters (path, errcode, count) values (${path}, ${errcode}, 1)
      on conflict (path, errcode) do update set count = sandbox_counters.count + 1
    )${traced}
    insert into sandbox_requests (appid, path, errcode, count, lost) values (${account}, ${path}, ${errcode}, 1, ${lost ? 1 : 0})
    on conflict (appid, path, errcode) do update
      set count = sandbox_requests.count + 1, lost = sandbox_requests.lost + excluded.lost`);
}

/** A call's arrival and the time its answer leaves (kept while settings.traceCalls is on). */
export type CallTrace = { arrivedAt: Date; answeredAt: Date };

/**
 * The most calls the emulator had in hand at once over the traced calls (an answer leaving and a call arriving at
 * the same millisecond do not overlap), and how many calls were traced.
 */
export async function tracedConcurrency(): Promise<{ calls: number; maxInFlight: number }> {
  const [row] = (await db.execute(sql`
    select (select count(*) from sandbox_call_trace)::int as calls,
      coalesce(max(n), 0)::int as max_in_flight
    from (
      select sum(d) over (order by t, d rows unbounded preceding) as n
      from (select arrived_at as t, 1 as d from sandbox_call_trace union all select answered_at, -1 from sandbox_call_trace) e
    ) x`)) as unknown as { calls: number; max_in_flight: number }[];
  return { calls: row!.calls, maxInFlight: row!.max_in_flight };
}

/** Called by a handler inside the transaction that applies its change: rolled back with it if the change is. */
export async function countApplied(tx: Tx, appid: string, path: string) {
  await tx.execute(sql`
    insert into sandbox_applied (appid, path, count) values (${appid}, ${path}, 1)
    on conflict (appid, path) do update set count = sandbox_applied.count + 1`);
}

export type RequestRow = { appid: string; path: string; errcode: number; count: number; lost: number };
export type AppliedRow = { appid: string; path: string; count: number };

export type RequestsAnswer = {
  /** Over every matching row, not only the listed ones. */
  total: { calls: number; lost: number; by_errcode: Record<string, number> };
  rows: RequestRow[];
  applied: {
    /** Changes applied over the matching rows, and how many accounts received one at least. */
    total: number;
    appids: number;
    /** Accounts that received the same change more than once, each with its count (up to `limit`). */
    duplicates: AppliedRow[];
    rows: AppliedRow[];
  };
  /** Over every traced call (settings.traceCalls), whatever the filter: how many, and the most in hand at once. */
  traced: { calls: number; max_in_flight: number };
};

/** GET /sandbox/control/requests: the per-account log and the applied counts, filtered by appid and/or path. */
export async function readRequests(query: RequestsQuery): Promise<RequestsAnswer> {
  const where = sql.join(
    [sql`true`, ...(query.appid ? [sql`appid = ${query.appid}`] : []), ...(query.path ? [sql`path = ${query.path}`] : [])],
    sql` and `,
  );
  const [byErrcode, rows, appliedTotal, duplicates, appliedRows, traced] = await Promise.all([
    db.execute(sql`select errcode, sum(count)::bigint as calls, sum(lost)::bigint as lost from sandbox_requests where ${where} group by errcode`),
    db.execute(sql`select appid, path, errcode, count, lost from sandbox_requests where ${where} order by appid, path, errcode limit ${query.limit}`),
    db.execute(sql`select coalesce(sum(count), 0)::bigint as total, count(distinct appid)::int as appids from sandbox_applied where ${where}`),
    db.execute(sql`select appid, path, count from sandbox_applied where ${where} and count > 1 order by appid, path limit ${query.limit}`),
    db.execute(sql`select appid, path, count from sandbox_applied where ${where} order by appid, path limit ${query.limit}`),
    tracedConcurrency(),
  ]);
  const total = { calls: 0, lost: 0, by_errcode: {} as Record<string, number> };
  for (const row of byErrcode as unknown as { errcode: number; calls: string; lost: string }[]) {
    total.calls += Number(row.calls);
    total.lost += Number(row.lost);
    total.by_errcode[String(row.errcode)] = Number(row.calls);
  }
  const applied = (appliedTotal as unknown as { total: string; appids: number }[])[0]!;
  const asApplied = (list: unknown) => (list as { appid: string; path: string; count: string }[]).map((r) => ({ appid: r.appid, path: r.path, count: Number(r.count) }));
  return {
    total,
    rows: (rows as unknown as { appid: string; path: string; errcode: number; count: string; lost: string }[]).map((r) => ({
      appid: r.appid,
      path: r.path,
      errcode: r.errcode,
      count: Number(r.count),
      lost: Number(r.lost),
    })),
    applied: { total: Number(applied.total), appids: applied.appids, duplicates: asApplied(duplicates), rows: asApplied(appliedRows) },
    traced: { calls: traced.calls, max_in_flight: traced.maxInFlight },
  };
}

/** counters/reset: the per-path counters, the per-account log and the applied counts start again. */
export async function resetRequestLog(): Promise<number> {
  const removed = (await db.execute(sql`
    with a as (delete from sandbox_counters returning 1), b as (delete from sandbox_requests returning 1), c as (delete from sandbox_applied returning 1),
      d as (delete from sandbox_call_trace returning 1)
    select (select count(*) from a)::int as counters`)) as unknown as { counters: number }[];
  return removed[0]!.counters;
}
