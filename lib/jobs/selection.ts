import "server-only";
import { and, asc, inArray, notInArray, sql } from "drizzle-orm";
import { fleetWhere, snapshotJoin } from "@/lib/console/fleet-filter";
import { db } from "@/lib/db/client";
import { bulkItems, tenantSnapshots, tenants, type Tenant } from "@/lib/db/schema";
import { ACTIVE_ITEM_STATES } from "@/lib/vocab";
import type { TenantSelection } from "./params";

/**
 * A job's selection resolved into tenants, in the order the items keep: picked ids in the order given, a fleet
 * filter (the same SQL as the fleet board's, over tenants and their snapshots) by name then id, minus the exceptions.
 */

const MAX_SELECTION = 50_000;
const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

export async function resolveSelection(selection: TenantSelection): Promise<Tenant[]> {
  if ("tenantIds" in selection) {
    const ids = [...new Set(selection.tenantIds)];
    const found = new Map<string, Tenant>();
    for (const part of chunks(ids, 5000)) for (const t of await db.select().from(tenants).where(inArray(tenants.id, part))) found.set(t.id, t);
    return ids.map((id) => found.get(id)).filter((t): t is Tenant => Boolean(t));
  }
  const rows = await db
    .select({ tenant: tenants })
    .from(tenants)
    .leftJoin(tenantSnapshots, snapshotJoin)
    .where(and(fleetWhere(selection.filter), selection.except.length > 0 ? notInArray(tenants.id, selection.except) : undefined))
    .orderBy(asc(tenants.nickname), asc(tenants.id))
    .limit(MAX_SELECTION);
  return rows.map((r) => r.tenant);
}

/** Tenants another job's active item holds (pending, running or parked). */
export async function busyTenants(tenantIds: string[], exceptJobId?: string): Promise<Set<string>> {
  const busy = new Set<string>();
  for (const part of chunks(tenantIds, 5000)) {
    const rows = await db
      .select({ tenantId: bulkItems.tenantId })
      .from(bulkItems)
      .where(
        and(
          inArray(bulkItems.tenantId, part),
          inArray(bulkItems.state, [...ACTIVE_ITEM_STATES]),
          exceptJobId ? sql`${bulkItems.jobId} <> ${exceptJobId}` : undefined,
        ),
      );
    for (const r of rows) busy.add(r.tenantId);
  }
  return busy;
}
