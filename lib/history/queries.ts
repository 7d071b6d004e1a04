import "server-only";
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations, operators, tenants } from "@/lib/db/schema";
import type { HistoryFilter } from "./filter";

export const HISTORY_PAGE_SIZE = 50;

/**
 * The operations history, newest first in (at, id) order. Every filter has an index that starts with its column and
 * ends with (at, id) (migration 00xx_history_indexes), so a page is a short backward index range scan whatever the
 * table's size. Pages are keyset: a cursor is the id of the last row shown, and the next page is what sorts strictly
 * after that row's (at, id) — compared in the database, at its microsecond precision (a JS Date would lose it).
 */

export function historyWhere(filter: HistoryFilter): SQL | undefined {
  const r = filter.result;
  return and(
    filter.tenantId ? eq(operations.tenantId, filter.tenantId) : undefined,
    filter.actorId ? eq(operations.actorId, filter.actorId) : undefined,
    filter.action ? eq(operations.action, filter.action) : undefined,
    r === "ok" ? eq(operations.ok, true) : r === "failed" ? eq(operations.ok, false) : r !== undefined ? eq(operations.errcode, r) : undefined,
    filter.from ? gte(operations.at, filter.from) : undefined,
    filter.to ? lt(operations.at, filter.to) : undefined,
  );
}

const after = (id: number) => sql`(${operations.at}, ${operations.id}) < (select o.at, o.id from ${operations} o where o.id = ${id})`;

export const historyColumns = {
  id: operations.id,
  at: operations.at,
  action: operations.action,
  ok: operations.ok,
  errcode: operations.errcode,
  durationMs: operations.durationMs,
  bulkJobId: operations.bulkJobId,
  actorEmail: operators.email,
  tenantId: operations.tenantId,
  tenantName: tenants.nickname,
  tenantAppid: tenants.appid,
};

/** The filtered history in order, from an optional cursor: the one query the page and the CSV export share. */
export function historyQuery(filter: HistoryFilter, afterId?: number) {
  return db
    .select(historyColumns)
    .from(operations)
    .leftJoin(operators, eq(operators.id, operations.actorId))
    .leftJoin(tenants, eq(tenants.id, operations.tenantId))
    .where(and(historyWhere(filter), afterId ? after(afterId) : undefined))
    .orderBy(desc(operations.at), desc(operations.id));
}

export type HistoryRow = Awaited<ReturnType<typeof historyQuery>>[number];

export async function listOperations(filter: HistoryFilter, page: { after?: number; limit?: number } = {}) {
  const limit = Math.min(Math.max(page.limit ?? HISTORY_PAGE_SIZE, 1), 200);
  const rows = await historyQuery(filter, page.after).limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]!.id : null };
}

/** The redacted request and answer of the rows on a page (redacted before insert: lib/history/index.ts), by id. */
export async function operationDetails(ids: number[]) {
  if (ids.length === 0) return new Map<number, { request: unknown; response: unknown }>();
  const rows = await db
    .select({ id: operations.id, request: operations.request, response: operations.response })
    .from(operations)
    .where(inArray(operations.id, ids));
  return new Map(rows.map(({ id, ...detail }) => [id, detail]));
}

/** The operators, for the history's operator filter (a console has few). */
export async function historyOperators() {
  return db.select({ id: operators.id, email: operators.email }).from(operators).orderBy(operators.email);
}
