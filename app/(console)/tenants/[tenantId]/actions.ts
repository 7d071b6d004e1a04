"use server";

import { z } from "zod";
import { defineTenantAction, tenantInput } from "@/lib/actions/tenant";
import { saveTenantVariables } from "@/lib/console/tenant-variables";

/** The tenant's own settings edited on its overview tab. */

/** Replaces the tenant's custom variables with the edited list (the rules: lib/validation/tenant-variables.ts). */
export const saveVariablesAction = defineTenantAction(
  {
    role: "operator",
    schema: tenantInput.extend({
      // Bounds wider than the rules, so the rules' own messages explain a refusal; these only stop abuse.
      variables: z.array(z.object({ key: z.string().max(200), value: z.string().max(5000) }), "validation.invalid").max(500, "validation.invalid"),
    }),
  },
  async ({ variables }, { tenant }) => ({ count: await saveTenantVariables(tenant.id, variables) }),
);
