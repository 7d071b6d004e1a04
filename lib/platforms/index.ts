import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import type { AccountPlatform, CallContext, Capabilities, Platform, PlatformEvent, TenantPlatform } from "./port";
import { BAIDU_CAPABILITIES, baiduAccountPlatform, baiduTenantPlatform } from "./baidu/adapter";
import { storedBaiduPushFields } from "./baidu/push";
import { baiduEventOf } from "./baidu/states";
import { WECHAT_CAPABILITIES, wechatAccountPlatform, wechatTenantPlatform } from "./wechat/adapter";
import { storedPushFields } from "./wechat/push";
import { eventOf } from "./wechat/states";

/**
 * The adapter for an account's platform. The only door from the console into a platform: lib/console and the jobs
 * call these, never a platform folder's client directly.
 */
export function platformForAccount(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  switch (account.platform) {
    case "wechat":
      return wechatAccountPlatform(account, context);
    case "baidu":
      return baiduAccountPlatform(account, context);
    default:
      throw new Error(`platform ${account.platform} is not supported yet`);
  }
}

/** What a platform can do, without building an adapter: pages pick their tabs and cards from it. */
export function capabilitiesOf(platform: Platform): Capabilities {
  switch (platform) {
    case "wechat":
      return WECHAT_CAPABILITIES;
    case "baidu":
      return BAIDU_CAPABILITIES;
    default:
      throw new Error(`platform ${platform} is not supported yet`);
  }
}

export async function platformForTenant(tenant: Tenant, context: CallContext = {}): Promise<TenantPlatform> {
  // The whole row: the WeChat client needs its API base, and reading it here saves the client a second read.
  const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, tenant.accountId));
  if (!account) throw new Error(`platform account ${tenant.accountId} of tenant ${tenant.id} is gone`);
  switch (account.platform) {
    case "wechat":
      return wechatTenantPlatform(tenant, context, account);
    case "baidu":
      return baiduTenantPlatform(tenant, context);
    default:
      throw new Error(`platform ${account.platform} is not supported yet`);
  }
}

/** A stored push, as lib/console/ingress.ts accepted it: its kind, the appid its URL named, the raw body. */
export type StoredPush = { kind: string; authorizerAppid: string | null; rawBody: string };

/**
 * A push of the account's platform as a platform event. `fields` are the decrypted fields kept in memory on
 * arrival; without them (a retry) they are decrypted again from the stored raw body, whose stored payload has its
 * secrets (ticket, authorization code) redacted.
 */
export function normalizePush(account: PlatformAccount, push: StoredPush, fields?: Record<string, string>): PlatformEvent {
  switch (account.platform) {
    case "wechat":
      return eventOf(push.kind, fields ?? storedPushFields(account, push.rawBody), push.authorizerAppid);
    case "baidu":
      // Baidu's pushes name the smart program inside (appId): the URL's appid is not needed.
      return baiduEventOf(push.kind, fields ?? storedBaiduPushFields(account, push.rawBody));
    default:
      throw new Error(`platform ${account.platform} is not supported yet`);
  }
}
