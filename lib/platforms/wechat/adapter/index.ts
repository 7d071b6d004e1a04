import "server-only";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import type { AccountPlatform, CallContext, TenantPlatform } from "@/lib/platforms/port";
import { getAuthorizerClient, getComponentClient } from "../client";
import { auditOps } from "./audit";
import { authorizationOps } from "./authorization";
import { codeOps } from "./code";
import { mediaOps } from "./media";
import { previewOps } from "./preview";
import { qrJumpOps } from "./qrcode-jump";
import { accountQuotaOps, tenantQuotaOps } from "./quota";
import { releaseOps } from "./release";
import { WECHAT_CAPABILITIES } from "./shared";
import { templateOps } from "./templates";
import { versionOps } from "./versions";

/**
 * The WeChat adapter: the port's operations on WeChat's client, WeChat's numbers and fields mapped to the console's
 * words, one file per concern (the port's interfaces). Every error the client throws is a PlatformError already
 * (code + meaning in both languages, class, needsReauth with its evidence): the adapter passes them on.
 */

export { WECHAT_CAPABILITIES };

export function wechatTenantPlatform(tenant: Tenant, context: CallContext = {}, account?: PlatformAccount): TenantPlatform {
  const client = getAuthorizerClient(tenant, context, account);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    tenantId: tenant.id,
    appid: tenant.appid,
    ...codeOps(client),
    ...auditOps(client),
    ...releaseOps(client),
    ...versionOps(client),
    ...previewOps(client),
    ...mediaOps(client),
    ...qrJumpOps(client),
    ...tenantQuotaOps(client),
  };
}

export function wechatAccountPlatform(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  const client = getComponentClient(account, context);
  return {
    platform: "wechat",
    capabilities: WECHAT_CAPABILITIES,
    ...authorizationOps(client),
    ...templateOps(client),
    ...accountQuotaOps(client),
  };
}
