import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";

/**
 * The tenant an operation may act on, or an ExpectedError saying why not. One rule for the tenant actions and the
 * bulk jobs: a mini-program the merchant unauthorized, or whose grant the platform no longer accepts, is not called
 * at all (the call could only fail, and each failure costs quota and a history row).
 */
export async function operableTenant(id: string): Promise<Tenant> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, id));
  if (!tenant) throw new ExpectedError("tenants.errors.notFound");
  const name = tenant.nickname || tenant.appid;
  if (tenant.status === "unauthorized") throw new ExpectedError("tenants.errors.unauthorized", undefined, { name });
  if (tenant.status === "needs_reauth") throw new ExpectedError("tenants.errors.needsReauth", undefined, { name });
  return tenant;
}
