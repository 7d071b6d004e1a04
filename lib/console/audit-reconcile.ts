import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { tenantAudits, tenants } from "@/lib/db/schema";
import { platformForTenant } from "@/lib/platforms";
import type { CallContext } from "@/lib/platforms/port";
import { auditStateSchema } from "@/lib/validation/audits";
import { UNDER_REVIEW_STATES } from "@/lib/vocab";
import { auditColumns } from "./audits";
import { noteAuditDecided } from "./fleet-events";
import { withTenantHealth } from "./tokens-health";

/**
 * Audit reconciliation: pushes can be lost (the platform gives up after three attempts), so audits still under
 * review (auditing, delayed) that have not been heard of for `olderThanMs` are polled (the port's auditStatus).
 * Safe with several processes: rows are claimed by moving their updated_at to now in one UPDATE … SKIP LOCKED,
 * so a row is polled by one process per period. updated_at therefore means "last confirmed", not "last changed".
 */

export type ReconcileOptions = {
  olderThanMs?: number;
  limit?: number;
  /** Only these tenants (an operator's "check now" on one mini-program); default every authorized tenant. */
  tenantIds?: string[];
  context?: CallContext;
  /** Throw the first refusal instead of counting it: an operator checking one tenant wants the refusal itself. */
  rethrow?: boolean;
};
export type ReconcileResult = { checked: number; updated: number; failed: number; errors: { tenantId: string; auditid: number; error: string }[] };

/** Audits take hours to days; polling each stuck one every half hour costs little and bounds the delay. */
export const DEFAULT_OLDER_THAN_MS = 30 * 60_000;

const claimedRow = z.object({ tenantId: z.string(), auditid: z.coerce.number(), state: auditStateSchema });
const underReview = sql.join(
  UNDER_REVIEW_STATES.map((state) => sql`${state}`),
  sql`, `,
);

// The cutoff is computed by the database: a JS clock (milliseconds) would miss rows written in the same millisecond.
async function claim(olderThanMs: number, limit: number, tenantIds: string[] | undefined) {
  const only =
    tenantIds === undefined
      ? sql``
      : tenantIds.length === 0
        ? sql`and false`
        : sql`and a.tenant_id in (${sql.join(tenantIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
  const rows = await db.execute(sql`
    update tenant_audits set updated_at = now()
    where (tenant_id, auditid) in (
      select a.tenant_id, a.auditid from tenant_audits a join tenants t on t.id = a.tenant_id
      where a.state in (${underReview}) and a.updated_at <= now() - make_interval(secs => ${olderThanMs / 1000}) and t.status = 'authorized' ${only}
      order by a.updated_at limit ${limit}
      for update of a skip locked)
    returning tenant_id as "tenantId", auditid, state`);
  return z.array(claimedRow).parse([...rows]);
}

export async function reconcileAudits(options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const claimed = await claim(options.olderThanMs ?? DEFAULT_OLDER_THAN_MS, Math.max(1, Math.min(options.limit ?? 50, 500)), options.tenantIds);
  const result: ReconcileResult = { checked: 0, updated: 0, failed: 0, errors: [] };
  for (const row of claimed) {
    const auditid = row.auditid;
    result.checked++;
    try {
      const [tenant] = await db.select().from(tenants).where(eq(tenants.id, row.tenantId));
      if (!tenant) continue;
      const audit = await withTenantHealth(tenant, async () => (await platformForTenant(tenant, options.context)).auditStatus(auditid));
      // Only a row still under review is written: a push may have decided it while the call was in flight.
      const changed = await db
        .update(tenantAudits)
        .set(auditColumns(audit))
        .where(and(eq(tenantAudits.tenantId, row.tenantId), eq(tenantAudits.auditid, auditid), inArray(tenantAudits.state, UNDER_REVIEW_STATES)))
        .returning({ state: tenantAudits.state });
      if (changed.length > 0 && audit.state !== row.state) result.updated++;
      if (changed.length > 0) await noteAuditDecided(row.tenantId, { auditid, state: audit.state, userVersion: audit.userVersion });
    } catch (error) {
      if (options.rethrow) throw error;
      result.failed++;
      result.errors.push({ tenantId: row.tenantId, auditid, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
