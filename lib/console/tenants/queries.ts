import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { platformAccounts, tenantAudits, tenants } from "@/lib/db/schema";
import { codeManagementGranted } from "@/lib/platforms/permissions";
import { fleetWhere } from "../fleet-filter";
import type { AuditState, Platform, TenantStatus } from "@/lib/vocab";

/**
 * The tenant (authorized mini-program) list. Pages are keyset-paginated on (nickname, id), which the
 * tenants_nickname_id_idx index serves as a range scan: page 400 costs what page 1 costs, and a cursor names a
 * position, not an offset, so tenants added or removed meanwhile never shift or repeat rows.
 * Nothing here selects the refresh token.
 */

export const TENANT_PAGE_SIZE = 50;

export type TenantFilter = { q?: string; status?: TenantStatus; tag?: string; accountId?: string };
export type TenantCursor = { nickname: string; id: string };
export type LatestAudit = { auditid: number; state: AuditState; userVersion: string | null; reason: string | null; submittedAt: Date };

export type TenantRow = {
  id: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  appid: string;
  nickname: string;
  principalName: string;
  avatarUrl: string | null;
  status: TenantStatus;
  tags: string[];
  permissionSets: number[];
  /** The grant lets the console manage code (commit, audit, release). */
  codeManagement: boolean;
  authorizedAt: Date | null;
  createdAt: Date;
  latestAudit: LatestAudit | null;
};

export type TenantPage = { rows: TenantRow[]; next: string | null; prev: string | null };

const cursorSchema = z.tuple([z.string().max(500), z.uuid()]);

export const encodeCursor = (c: TenantCursor): string => Buffer.from(JSON.stringify([c.nickname, c.id])).toString("base64url");

/** A cursor from the URL; anything malformed reads as "first page". */
export function decodeCursor(value: string | undefined | null): TenantCursor | undefined {
  if (!value || value.length > 1000) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { nickname: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** The list's filters are the fleet's first four (lib/console/fleet-filter.ts): one SQL for both. */
const filterWhere = (filter: TenantFilter): SQL | undefined => fleetWhere(filter);

/** A tenant row's columns (tenants joined with their platform account): the list and the selection list read these. */
export const rowColumns = {
  id: tenants.id,
  accountId: tenants.accountId,
  accountName: platformAccounts.name,
  platform: platformAccounts.platform,
  appid: tenants.appid,
  nickname: tenants.nickname,
  principalName: tenants.principalName,
  avatarUrl: tenants.avatarUrl,
  status: tenants.status,
  tags: tenants.tags,
  permissionSets: tenants.permissionSets,
  authorizedAt: tenants.authorizedAt,
  createdAt: tenants.createdAt,
};

/** A page request: `after` moves forward from a cursor, `before` backward; neither: the first page. */
export type PageRequest = { after?: string; before?: string; limit?: number };

/**
 * One keyset page of tenants in (nickname, id) order, whatever the caller joins and selects: `fetch` gets the
 * position condition, the order and the row count to ask for, and answers the rows. Every tenant list (this one, the
 * selection list, the fleet board) pages through here, so their cursors are interchangeable.
 */
export async function keysetPage<R extends TenantCursor>(
  page: PageRequest,
  fetch: (position: SQL | undefined, order: SQL[], limit: number) => Promise<R[]>,
  pageSize = TENANT_PAGE_SIZE,
): Promise<{ rows: R[]; next: string | null; prev: string | null }> {
  const limit = Math.min(Math.max(page.limit ?? pageSize, 1), 200);
  const after = decodeCursor(page.after);
  const before = after ? undefined : decodeCursor(page.before);
  const position = after
    ? sql`(${tenants.nickname}, ${tenants.id}) > (${after.nickname}, ${after.id}::uuid)`
    : before
      ? sql`(${tenants.nickname}, ${tenants.id}) < (${before.nickname}, ${before.id}::uuid)`
      : undefined;
  const fetched = await fetch(position, before ? [desc(tenants.nickname), desc(tenants.id)] : [asc(tenants.nickname), asc(tenants.id)], limit + 1);
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (before) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  // Coming back with `before`, there is always a next page (the one we came from); with `after`, a previous one.
  const hasNext = before ? true : more;
  const hasPrev = before ? more : !!after;
  return { rows, next: hasNext && last ? encodeCursor(last) : null, prev: hasPrev && first ? encodeCursor(first) : null };
}

/** One page of the tenant list, in (nickname, id) order, with each tenant's newest audit. */
export async function listTenants(filter: TenantFilter, page: PageRequest = {}): Promise<TenantPage> {
  const { rows, next, prev } = await keysetPage(page, (position, order, limit) =>
    db
      .select(rowColumns)
      .from(tenants)
      .innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId))
      .where(and(filterWhere(filter), position))
      .orderBy(...order)
      .limit(limit),
  );
  const audits = await latestAudits(rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, codeManagement: codeManagementGranted(r.platform, r.permissionSets), latestAudit: audits.get(r.id) ?? null })), next, prev };
}

/** The newest audit of each tenant on the page: one indexed query (tenant_audits' primary key starts with tenant_id). */
export async function latestAudits(tenantIds: string[]): Promise<Map<string, LatestAudit>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([tenantAudits.tenantId], {
      tenantId: tenantAudits.tenantId,
      auditid: tenantAudits.auditid,
      state: tenantAudits.state,
      userVersion: tenantAudits.userVersion,
      reason: tenantAudits.reason,
      submittedAt: tenantAudits.submittedAt,
    })
    .from(tenantAudits)
    .where(inArray(tenantAudits.tenantId, tenantIds))
    .orderBy(tenantAudits.tenantId, desc(tenantAudits.submittedAt), desc(tenantAudits.auditid));
  return new Map(rows.map(({ tenantId, ...audit }) => [tenantId, audit]));
}

export async function countTenants(filter: TenantFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants).where(filterWhere(filter));
  return row?.n ?? 0;
}

/** Tenants per status, over everything (the filter chips and the re-authorization warning). */
export async function statusCounts(): Promise<Record<TenantStatus, number>> {
  const rows = await db.select({ status: tenants.status, n: count() }).from(tenants).groupBy(tenants.status);
  const out: Record<TenantStatus, number> = { authorized: 0, needs_reauth: 0, unauthorized: 0 };
  for (const row of rows) out[row.status] = row.n;
  return out;
}

/** Every tag in use, with how many tenants carry it. */
export async function listTags(limit = 500): Promise<{ tag: string; n: number }[]> {
  const rows = (await db.execute(sql`
    select tag, count(*)::int as n from ${tenants}, unnest(${tenants.tags}) as tag
    group by tag order by tag limit ${limit}`)) as unknown as { tag: string; n: number }[];
  return [...rows];
}

export async function getTenantRow(id: string): Promise<TenantRow | null> {
  const [row] = await db.select(rowColumns).from(tenants).innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId)).where(eq(tenants.id, id));
  if (!row) return null;
  return { ...row, codeManagement: codeManagementGranted(row.platform, row.permissionSets), latestAudit: (await latestAudits([row.id])).get(row.id) ?? null };
}

/** Tenants of an account authorized in the last `withinMs`, newest first (the callback's fallback when the push won). */
export async function recentlyAuthorized(accountId: string, withinMs: number, limit = 5): Promise<TenantRow[]> {
  const since = new Date(Date.now() - withinMs);
  const ids = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.accountId, accountId), sql`coalesce(${tenants.authorizedAt}, ${tenants.updatedAt}) >= ${since.toISOString()}::timestamptz`))
    .orderBy(desc(sql`coalesce(${tenants.authorizedAt}, ${tenants.updatedAt})`))
    .limit(limit);
  const rows = await Promise.all(ids.map((r) => getTenantRow(r.id)));
  return rows.filter((r): r is TenantRow => r !== null);
}
