import "server-only";
import { and, asc, count, eq, inArray, notInArray, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenantSnapshots, tenants } from "@/lib/db/schema";
import type { FleetFilter, TenantSelection } from "@/lib/jobs/params";
import type { Platform } from "@/lib/vocab";
import { capabilitiesOf } from "@/lib/platforms";
import { codeManagementGranted } from "@/lib/platforms/permissions";
import { fleetWhere, snapshotJoin } from "./fleet-filter";
import { keysetPage, latestAudits, rowColumns, type PageRequest, type TenantRow } from "./tenants/queries";

/**
 * The tenant list as the bulk jobs see it: the list's filters plus the fleet's (audit state, trial / live template,
 * gray, drift), one keyset page at a time, and the counts behind "Select all M matching" and a job's selection.
 * Everything goes through `fleetWhere`, the same SQL a job's frozen selection uses, so the number shown is the
 * number a job would get.
 */

/** What the snapshot knows of a tenant's versions (null: never read). */
export type FleetVersions = { trialVersion: string | null; liveVersion: string | null; grayPercentage: number | null };
export type FleetTenantRow = TenantRow & { versions: FleetVersions };
export type FleetTenantPage = { rows: FleetTenantRow[]; next: string | null; prev: string | null };

const columns = {
  ...rowColumns,
  trialVersion: tenantSnapshots.trialVersion,
  liveVersion: tenantSnapshots.liveVersion,
  grayPercentage: tenantSnapshots.grayPercentage,
};

/** One page of tenants matching the fleet filter, with the plain list's cursors (lib/console/tenants/queries.ts). */
export async function listFleetTenants(filter: FleetFilter, page: PageRequest = {}): Promise<FleetTenantPage> {
  const { rows, next, prev } = await keysetPage(page, (position, order, limit) =>
    db
      .select(columns)
      .from(tenants)
      .innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId))
      .leftJoin(tenantSnapshots, snapshotJoin)
      .where(and(fleetWhere(filter), position))
      .orderBy(...order)
      .limit(limit),
  );
  const audits = await latestAudits(rows.map((r) => r.id));
  return {
    rows: rows.map(({ trialVersion, liveVersion, grayPercentage, ...r }) => ({
      ...r,
      codeManagement: codeManagementGranted(r.platform, r.permissionSets),
      latestAudit: audits.get(r.id) ?? null,
      versions: { trialVersion, liveVersion, grayPercentage },
    })),
    next,
    prev,
  };
}

/** "Select all M matching": counted on the server with the filter, never from the visible page. */
export async function countFleet(filter: FleetFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants).leftJoin(tenantSnapshots, snapshotJoin).where(fleetWhere(filter));
  return row?.n ?? 0;
}

/** The tenants a selection names, as a condition on `tenants` joined with their snapshots (null: none at all). */
function selectionWhere(selection: TenantSelection): SQL | undefined | null {
  if ("tenantIds" in selection) {
    const ids = [...new Set(selection.tenantIds)];
    return ids.length ? inArray(tenants.id, ids) : null;
  }
  const except = [...new Set(selection.except)];
  return and(fleetWhere(selection.filter), except.length ? notInArray(tenants.id, except) : undefined);
}

/**
 * How many tenants a selection names today: picked ids that still exist, or the filter's matches minus the
 * exceptions. The wizard shows it before the preflight checks each tenant.
 */
export async function countSelection(selection: TenantSelection): Promise<number> {
  const where = selectionWhere(selection);
  if (where === null) return 0;
  const [row] = await db.select({ n: count() }).from(tenants).leftJoin(tenantSnapshots, snapshotJoin).where(where);
  return row?.n ?? 0;
}

/**
 * A platform account a selection reaches, with how many of the selected tenants are its; `textSubmission`: its
 * platform submits an audit as a text (no `auditItems` capability: Baidu's content and remark).
 */
export type SelectionAccount = { accountId: string; name: string; platform: Platform; tenants: number; textSubmission: boolean };

/**
 * The platform accounts a selection covers (by name, then id). Templates are each account's own, so a commit across
 * accounts (a WeChat and a Baidu one) needs a template per account: the wizard asks one for each account listed here,
 * and the job's start checks the same list.
 */
export async function selectionAccounts(selection: TenantSelection): Promise<SelectionAccount[]> {
  const where = selectionWhere(selection);
  if (where === null) return [];
  const rows = await db
    .select({ accountId: platformAccounts.id, name: platformAccounts.name, platform: platformAccounts.platform, tenants: count() })
    .from(tenants)
    .innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId))
    .leftJoin(tenantSnapshots, snapshotJoin)
    .where(where)
    .groupBy(platformAccounts.id, platformAccounts.name, platformAccounts.platform)
    .orderBy(asc(platformAccounts.name), asc(platformAccounts.id));
  return rows.map((row) => ({ ...row, textSubmission: !capabilitiesOf(row.platform).auditItems }));
}

/** Names of the picked tenants (at most `limit`), for the wizard's summary of a small selection. */
export async function selectionNames(tenantIds: string[], limit = 10): Promise<{ id: string; nickname: string; appid: string }[]> {
  if (tenantIds.length === 0) return [];
  return db
    .select({ id: tenants.id, nickname: tenants.nickname, appid: tenants.appid })
    .from(tenants)
    .where(inArray(tenants.id, tenantIds.slice(0, 5_000)))
    .orderBy(asc(tenants.nickname), asc(tenants.id))
    .limit(limit);
}
