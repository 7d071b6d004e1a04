"use server";

import { tenantInput, defineTenantAction } from "@/lib/actions/tenant";
import { reconcileAudits } from "@/lib/console/audit-reconcile";

/** Actions on one mini-program. Every one goes through defineTenantAction (lib/actions/tenant.ts). */

/**
 * "Check now": asks the platform at once about this tenant's audits under review instead of waiting for the push
 * or the half-hourly reconciliation. A refusal is shown as the platform's code and meaning.
 */
export const checkAuditAction = defineTenantAction({ role: "operator", schema: tenantInput }, async ({ tenantId }, { user, tenant }) => {
  const result = await reconcileAudits({ tenantIds: [tenantId], olderThanMs: 0, context: { actorId: user.id }, rethrow: true });
  return { name: tenant.nickname || tenant.appid, checked: result.checked, updated: result.updated };
});
