import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import type { AccountPlatform, CallContext, TenantPlatform } from "./port";
import { wechatAccountPlatform, wechatTenantPlatform } from "./wechat/adapter";

/**
 * The adapter for an account's platform. The only door from the console into a platform: lib/console and the jobs
 * call these, never a platform folder's client directly.
 */
export function platformForAccount(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  switch (account.platform) {
    case "wechat":
      return wechatAccountPlatform(account, context);
    default:
      throw new Error(`platform ${account.platform} is not supported yet`);
  }
}

export async function platformForTenant(tenant: Tenant, context: CallContext = {}): Promise<TenantPlatform> {
  const [account] = await db.select({ platform: platformAccounts.platform }).from(platformAccounts).where(eq(platformAccounts.id, tenant.accountId));
  if (!account) throw new Error(`platform account ${tenant.accountId} of tenant ${tenant.id} is gone`);
  switch (account.platform) {
    case "wechat":
      return wechatTenantPlatform(tenant, context);
    default:
      throw new Error(`platform ${account.platform} is not supported yet`);
  }
}
