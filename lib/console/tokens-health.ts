import "server-only";

// Placeholder so that routes reach the re-pull through lib/console (the import rules); the re-pull itself moves
// here from lib/platforms/wechat/tokens.ts in the same issue (helper P), which replaces this file.
export { repullRefreshTokens } from "@/lib/platforms/wechat/tokens";
import type { Tenant } from "@/lib/db/schema";

// Placeholder until the token-health module lands (it marks the tenant when a refusal says the grant is gone).
export async function withTenantHealth<T>(tenant: Tenant, work: () => Promise<T>): Promise<T> { return work(); }
