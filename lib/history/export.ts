import "server-only";
import { stringify } from "csv-stringify/sync";
import { desc, inArray, sql } from "drizzle-orm";
import { db, sqlClient } from "@/lib/db/client";
import { operations, operators, tenants } from "@/lib/db/schema";
import type { HistoryFilter } from "./filter";
import { historyWhere } from "./queries";

/** Column names are stable identifiers for spreadsheets and scripts, not translated labels. */
export const CSV_COLUMNS = ["id", "time", "operator", "tenant_appid", "tenant_name", "action", "result", "errcode", "duration_ms", "bulk_job_id"] as const;

// The page's rows (lib/history/queries.ts historyQuery: same filter and order, so the same indexes), already as CSV
// cell text: Postgres formats the instant and the numbers faster than parsing them into JS values and back. The
// operator and tenant are looked up per batch instead of joined: a join probes the tenants index once per row (the
// planner picks a nested loop under LIMIT), a batch's distinct ids cost one query.
const csvColumns = {
  id: sql<string>`${operations.id}::text`.as("id"),
  time: sql<string>`to_char(${operations.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("time"),
  actorId: sql<string>`coalesce(${operations.actorId}::text, '')`.as("actor_id"),
  tenantId: sql<string>`coalesce(${operations.tenantId}::text, '')`.as("tenant_id"),
  action: operations.action,
  result: sql<string>`case when ${operations.ok} then 'ok' else 'failed' end`.as("result"),
  errcode: sql<string>`coalesce(${operations.errcode}::text, '')`.as("errcode"),
  durationMs: sql<string>`${operations.durationMs}::text`.as("duration_ms"),
  bulkJobId: sql<string>`coalesce(${operations.bulkJobId}::text, '')`.as("bulk_job_id"),
};

export function csvQuery(filter: HistoryFilter) {
  return db.select(csvColumns).from(operations).where(historyWhere(filter)).orderBy(desc(operations.at), desc(operations.id));
}

/** Names by id, filled batch by batch and bounded (an export may touch every tenant). */
class Names<T> {
  private known = new Map<string, T>();
  constructor(private load: (ids: string[]) => Promise<[string, T][]>) {}
  async fill(ids: Iterable<string>) {
    const missing = [...new Set(ids)].filter((id) => id && !this.known.has(id));
    if (missing.length === 0) return;
    if (this.known.size > 50_000) this.known.clear();
    for (const [id, value] of await this.load(missing)) this.known.set(id, value);
  }
  get = (id: string) => this.known.get(id);
}

const BATCH = 1000;

/**
 * The filtered history as CSV text chunks, newest first. The query is the page's own (same filter, same order, same
 * indexes), run through a postgres.js cursor: BATCH rows are in memory at a time whatever the export's size, and the
 * caller's pace (the HTTP response's back-pressure) sets the database's. `limit`: stop after that many rows.
 */
export async function* historyCsv(filter: HistoryFilter, options: { limit?: number } = {}): AsyncGenerator<string> {
  const base = csvQuery(filter);
  const { sql: text, params } = (options.limit ? base.limit(options.limit) : base).toSQL();
  yield stringify([CSV_COLUMNS as unknown as string[]]);
  const cursor = sqlClient()
    .unsafe(text, params as never[])
    .values()
    .cursor(BATCH);
  const people = new Names(async (ids) =>
    (await db.select({ id: operators.id, email: operators.email }).from(operators).where(inArray(operators.id, ids))).map((o) => [o.id, o.email] as [string, string]),
  );
  const places = new Names(async (ids) =>
    (await db.select({ id: tenants.id, appid: tenants.appid, nickname: tenants.nickname }).from(tenants).where(inArray(tenants.id, ids))).map(
      (t) => [t.id, [t.appid, t.nickname]] as [string, [string, string]],
    ),
  );
  for await (const batch of cursor) {
    const rows = batch as unknown as string[][];
    await people.fill(rows.map((r) => r[2]!));
    await places.fill(rows.map((r) => r[3]!));
    yield stringify(
      rows.map(([id, time, actorId, tenantId, ...rest]) => {
        const place = places.get(tenantId!);
        return [id, time, people.get(actorId!) ?? "", place?.[0] ?? "", place?.[1] ?? "", ...rest];
      }),
    );
  }
}

/** A web stream over historyCsv that pulls a batch only when the reader asks for one. */
export function historyCsvStream(filter: HistoryFilter): ReadableStream<Uint8Array> {
  const chunks = historyCsv(filter);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
