import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenantAudits, tenants, type PlatformAccount } from "@/lib/db/schema";
import { platformForTenant } from "@/lib/platforms";
import type { Audit, PlatformEvent } from "@/lib/platforms/port";
import { UNDER_REVIEW_STATES } from "@/lib/vocab";
import { withTenantHealth } from "./tokens-health";
import { noteAuditDecided } from "./fleet-events";
import { auditDecided } from "./audit-listeners";

/**
 * Audit results as the console records them, from pushed results (a normalized `audit` event) and from polling
 * (lib/console/audit-reconcile.ts). A pushed result names no audit, so it decides the tenant's audit still under
 * review (auditing or delayed).
 */

export type AuditEvent = Extract<PlatformEvent, { type: "audit" }>;

// Clocks of the platform and the console differ a little; a push is only matched to an audit submitted before it.
const CLOCK_SLACK_MS = 60_000;

/** What a decision writes on the row. The adapter already keeps a reason only where its platform gives one. */
export const auditColumns = (audit: Pick<Audit, "state" | "reason" | "screenshots">) => ({
  state: audit.state,
  reason: audit.reason,
  screenshots: audit.screenshots,
  updatedAt: new Date(),
});

/** Applies a pushed result to the tenant's audit under review, or to the platform's latest audit if none is known. */
export async function applyAuditEvent(account: PlatformAccount, event: AuditEvent) {
  const [tenant] = await db
    .select()
    .from(tenants)
    .where(and(eq(tenants.accountId, account.id), eq(tenants.appid, event.authorizerAppid)));
  if (!tenant) throw new Error(`no tenant ${event.authorizerAppid} under this platform account`);
  const columns = auditColumns(event);

  const [open] = await db
    .select()
    .from(tenantAudits)
    .where(and(eq(tenantAudits.tenantId, tenant.id), inArray(tenantAudits.state, UNDER_REVIEW_STATES)))
    .orderBy(desc(tenantAudits.submittedAt), desc(tenantAudits.auditid))
    .limit(1);
  if (open) {
    // A late push (a retry) about an earlier audit must not decide one submitted after it.
    if (open.submittedAt.getTime() > event.at.getTime() + CLOCK_SLACK_MS) {
      return { tenantId: tenant.id, result: { auditid: open.auditid, ignored: "push predates the audit under review" } };
    }
    await db.update(tenantAudits).set(columns).where(and(eq(tenantAudits.tenantId, tenant.id), eq(tenantAudits.auditid, open.auditid)));
    await noteAuditDecided(tenant.id, { auditid: open.auditid, state: event.state, userVersion: open.userVersion });
    await auditDecided({ tenantId: tenant.id, auditid: open.auditid, state: event.state });
    return { tenantId: tenant.id, result: { auditid: open.auditid, state: event.state } };
  }

  // Nothing under review here (submitted elsewhere, or the row was lost): ask which audit this is.
  const latest = await withTenantHealth(tenant, async () => (await platformForTenant(tenant)).latestAudit());
  if (!latest) throw new Error(`the platform knows no audit of ${event.authorizerAppid}`);
  const inserted = await db
    .insert(tenantAudits)
    .values({ tenantId: tenant.id, auditid: latest.auditid, ...columns, userVersion: latest.userVersion, submittedAt: latest.submittedAt ?? new Date() })
    // A row already decided stays as it is: a platform decision does not change afterwards.
    .onConflictDoNothing()
    .returning({ auditid: tenantAudits.auditid });
  await noteAuditDecided(tenant.id, { auditid: latest.auditid, state: event.state, userVersion: latest.userVersion });
  if (inserted.length > 0) await auditDecided({ tenantId: tenant.id, auditid: latest.auditid, state: event.state });
  return { tenantId: tenant.id, result: { auditid: latest.auditid, state: event.state, created: inserted.length > 0 } };
}
