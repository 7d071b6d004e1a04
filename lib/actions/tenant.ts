import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { operableTenant } from "@/lib/console/tenants/services";
import { withTenantHealth } from "@/lib/console/tokens-health";
import type { Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { platformForTenant } from "@/lib/platforms";
import { PlatformError, type TenantPlatform } from "@/lib/platforms/port";
import type { Role } from "@/lib/vocab";
import { defineAction, type Translator } from ".";
import { platformRefusal } from "./platform-refusal";
import { revalidatePaths } from "./revalidate";

/** What every tenant action receives besides its input: the operator, their translator, the tenant, its platform. */
export type TenantActionContext = { user: SessionUser; t: Translator; tenant: Tenant; platform: TenantPlatform };

/** The input every tenant action starts from; extend it for more fields (`tenantInput.extend({ … })`). */
export const tenantInput = z.object({ tenantId: z.uuid("validation.invalid") });

/** The pages that show a tenant, re-rendered after anything was done to it. */
export const tenantPaths = (tenantId: string) => ["/tenants", `/tenants/${tenantId}`];

/**
 * A server action on one tenant, on top of defineAction: session → role → zod → the tenant (an ExpectedError when
 * it is gone, unauthorized by the merchant, or needs re-authorization) → its platform adapter, the operator as
 * actor → run, inside withTenantHealth (a refusal saying the grant is gone marks the tenant) → the tenant's pages
 * revalidated, whatever the outcome (a refusal may have changed the tenant's status too).
 * A PlatformError thrown by `run` reaches the operator as "code — meaning" with its `code` (defineAction); the
 * platform client's other known failures (unreachable host, no verify ticket…) as their own messages.
 */
export function defineTenantAction<S extends z.ZodType<{ tenantId: string }>, T>(
  options: { role: Role; schema: S },
  run: (input: z.output<S>, ctx: TenantActionContext) => Promise<T>,
) {
  return defineAction(options, async (input, { user, t }) => {
    const tenant = await operableTenant(input.tenantId);
    try {
      const platform = await platformForTenant(tenant, { actorId: user.id });
      return await withTenantHealth(tenant, () => run(input, { user, t, tenant, platform }));
    } catch (error) {
      if (error instanceof PlatformError || error instanceof ExpectedError) throw error;
      return platformRefusal(error);
    } finally {
      revalidatePaths(...tenantPaths(tenant.id));
    }
  });
}
