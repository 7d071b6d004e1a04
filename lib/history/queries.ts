import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations, operators, tenants } from "@/lib/db/schema";

export const HISTORY_PAGE_SIZE = 50;

/**
 * Newest first, keyset-paginated by id so a page costs the same at 10^7 rows as at 10. `tenantId`: one tenant's
 * operations only (its tab on the tenant page).
 */
export async function listOperations(options: { before?: number; tenantId?: string }) {
  const rows = await db
    .select({
      id: operations.id,
      at: operations.at,
      action: operations.action,
      ok: operations.ok,
      errcode: operations.errcode,
      durationMs: operations.durationMs,
      actorEmail: operators.email,
      tenantName: tenants.nickname,
      tenantAppid: tenants.appid,
    })
    .from(operations)
    .leftJoin(operators, eq(operators.id, operations.actorId))
    .leftJoin(tenants, eq(tenants.id, operations.tenantId))
    .where(and(options.before ? lt(operations.id, options.before) : undefined, options.tenantId ? eq(operations.tenantId, options.tenantId) : undefined))
    .orderBy(desc(operations.id))
    .limit(HISTORY_PAGE_SIZE + 1);
  return { rows: rows.slice(0, HISTORY_PAGE_SIZE), nextBefore: rows.length > HISTORY_PAGE_SIZE ? rows[HISTORY_PAGE_SIZE - 1]!.id : null };
}
