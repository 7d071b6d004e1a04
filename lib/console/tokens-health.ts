import "server-only";
import type { Tenant } from "@/lib/db/schema";

// Placeholder until the token-health module lands (it marks the tenant when a refusal says the grant is gone).
export async function withTenantHealth<T>(tenant: Tenant, work: () => Promise<T>): Promise<T> { return work(); }
