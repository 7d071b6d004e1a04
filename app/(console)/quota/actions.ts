"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions";
import { revalidatePaths } from "@/lib/actions/revalidate";
import { clearAccountQuota, clearTenantQuota } from "@/lib/console/quota";
import { apiQuota, requestInfo } from "@/lib/console/rid";

/**
 * The quota page: resetting API counts spends one of the account's monthly clears, so operators and above only;
 * looking up a rid or an API's count changes nothing, so any signed-in role may.
 */

const PAGE = "/quota";
const target = z.object({ accountId: z.uuid("validation.invalid"), tenantId: z.uuid("validation.invalid").optional().or(z.literal("").transform(() => undefined)) });

export const clearAccountQuotaAction = defineAction({ role: "operator", schema: z.object({ accountId: z.uuid("validation.invalid") }) }, async ({ accountId }, { user }) => {
  try {
    return await clearAccountQuota(accountId, { actorId: user.id });
  } finally {
    revalidatePaths(PAGE);
  }
});

export const clearTenantQuotaAction = defineAction(
  { role: "operator", schema: z.object({ accountId: z.uuid("validation.invalid"), tenantId: z.uuid("validation.invalid") }) },
  async ({ accountId, tenantId }, { user }) => {
    await clearTenantQuota(accountId, tenantId, { actorId: user.id });
    return { tenantId };
  },
);

export const lookUpRidAction = defineAction(
  { role: "viewer", schema: target.extend({ rid: z.string().trim().regex(/^[\w-]{1,64}$/, "validation.invalid") }) },
  async ({ accountId, tenantId, rid }, { user }) => {
    const info = await requestInfo({ accountId, tenantId }, rid, { actorId: user.id });
    return { ...info, invokedAt: info.invokedAt.toISOString() };
  },
);

export const apiQuotaAction = defineAction(
  { role: "viewer", schema: target.extend({ path: z.string().trim().regex(/^\/[\w/.-]{1,200}$/, "validation.invalid") }) },
  async ({ accountId, tenantId, path }, { user }) => apiQuota({ accountId, tenantId }, path, { actorId: user.id }),
);
