import "server-only";
import { stringify } from "csv-stringify/sync";
import { desc, eq, sql } from "drizzle-orm";
import { db, sqlClient } from "@/lib/db/client";
import { operations, operators, tenants } from "@/lib/db/schema";
import { textStream } from "@/lib/utils/text-stream";
import type { HistoryFilter } from "./filter";
import { historyWhere } from "./queries";

/** Column names are stable identifiers for spreadsheets and scripts, not translated labels. */
export const CSV_COLUMNS = ["id", "time", "operator", "tenant_appid", "tenant_name", "action", "result", "errcode", "duration_ms", "bulk_job_id"] as const;

// The page's rows (lib/history/queries.ts historyQuery: same joins, filter and order), already as CSV cell text:
// Postgres formats the instant and the numbers faster than parsing them into JS values and printing them back.
const csvColumns = {
  id: sql<string>`${operations.id}::text`.as("id"),
  time: sql<string>`to_char(${operations.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("time"),
  operator: sql<string>`coalesce(${operators.email}, '')`.as("operator"),
  tenantAppid: sql<string>`coalesce(${tenants.appid}, '')`.as("tenant_appid"),
  tenantName: sql<string>`coalesce(${tenants.nickname}, '')`.as("tenant_name"),
  action: operations.action,
  result: sql<string>`case when ${operations.ok} then 'ok' else 'failed' end`.as("result"),
  errcode: sql<string>`coalesce(${operations.errcode}::text, '')`.as("errcode"),
  durationMs: sql<string>`${operations.durationMs}::text`.as("duration_ms"),
  bulkJobId: sql<string>`coalesce(${operations.bulkJobId}::text, '')`.as("bulk_job_id"),
};

export function csvQuery(filter: HistoryFilter) {
  return db
    .select(csvColumns)
    .from(operations)
    .leftJoin(operators, eq(operators.id, operations.actorId))
    .leftJoin(tenants, eq(tenants.id, operations.tenantId))
    .where(historyWhere(filter))
    .orderBy(desc(operations.at), desc(operations.id));
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
  for await (const rows of cursor) yield stringify(rows as unknown as string[][]);
}

/** The filtered history as a web stream (lib/utils/text-stream.ts), pulled batch by batch by the response. */
export const historyCsvStream = (filter: HistoryFilter): ReadableStream<Uint8Array> => textStream(historyCsv(filter));
