"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import { auditCardData, withTenantPlatform } from "@/lib/console/audit-page";
import { deleteAuditProfile, profileNameSchema, rememberAuditProfile, saveAuditProfile } from "@/lib/console/audit-profiles";
import { speedupForTenant, submitForTenant, undoCountsLeft, withdrawForTenant } from "@/lib/console/audit-submit";
import { auditDraftSchema } from "@/lib/validation/audit-submission";

/**
 * The audit tab's actions. Changes go through defineTenantAction (operator or above). The polled reads (privacy scan,
 * audit card, quota) are plain viewer actions: a tenant action revalidates the tenant's pages, which a poll every few
 * seconds must not do.
 */

const submitInput = tenantInput.extend({ draft: auditDraftSchema, profileId: z.uuid("validation.invalid").nullable().default(null) });

export const submitAuditAction = defineTenantAction({ role: "operator", schema: submitInput }, async ({ draft, profileId }, { user, tenant, platform }) =>
  submitForTenant(tenant, platform, draft, user, { profileId }),
);

export const withdrawAuditAction = defineTenantAction({ role: "operator", schema: tenantInput }, async (_input, { tenant, platform }) =>
  withdrawForTenant(tenant, platform),
);

export const speedupAuditAction = defineTenantAction({ role: "operator", schema: tenantInput }, async (_input, { tenant, platform }) =>
  speedupForTenant(tenant, platform),
);

export const privacyScanAction = defineAction({ role: "viewer", schema: tenantInput }, async ({ tenantId }, { user }) =>
  withTenantPlatform(tenantId, { actorId: user.id }, (_tenant, platform) => platform.privacyInfo()),
);

export const auditCardAction = defineAction({ role: "viewer", schema: tenantInput }, async ({ tenantId }, { user }) =>
  auditCardData(tenantId, { actorId: user.id }),
);

/** The platform's submit and speed-up quota, with the withdrawals left (read when the card opens and after a change). */
export const auditQuotaAction = defineAction({ role: "viewer", schema: tenantInput }, async ({ tenantId }, { user }) =>
  withTenantPlatform(tenantId, { actorId: user.id }, async (tenant, platform) => ({ ...(await platform.auditQuota()), undo: await undoCountsLeft(tenant.id) })),
);

export const saveAuditProfileAction = defineAction(
  { role: "operator", schema: z.object({ name: profileNameSchema, draft: auditDraftSchema, tenantId: z.uuid("validation.invalid").nullable().default(null) }) },
  async ({ name, draft, tenantId }, { user }) => {
    const profile = await saveAuditProfile(name, draft, user);
    if (tenantId) await rememberAuditProfile(tenantId, profile.id);
    return { id: profile.id, name: profile.name };
  },
);

export const deleteAuditProfileAction = defineAction({ role: "operator", schema: z.object({ profileId: z.uuid("validation.invalid") }) }, async ({ profileId }) => {
  await deleteAuditProfile(profileId);
  return { profileId };
});
