import "server-only";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import type { AccountPlatform, CallContext, TenantPlatform } from "@/lib/platforms/port";
import { getAppClient, getTpClient } from "../client";
import { auditOps } from "./audit";
import { authorizationOps } from "./authorization";
import { codeOps } from "./code";
import { releaseOps } from "./release";
import { BAIDU_CAPABILITIES } from "./shared";
import { templateOps } from "./templates";
import { accountQuotaOps, mediaOps, previewOps, qrJumpOps, tenantQuotaOps } from "./unsupported";
import { versionOps } from "./versions";

/**
 * The Baidu adapter: the port's operations on Baidu's client, its package statuses and fields mapped to the
 * console's words, one file per concern. Commit is a package upload; a version is a package in its slot
 * (development → trial, auditing, online → live); an audit is a submitted package (its package_id is the audit's
 * id). What Baidu does not offer throws a PlatformError saying so (BAIDU_CAPABILITIES tells pages beforehand).
 */

export { BAIDU_CAPABILITIES };

export function baiduTenantPlatform(tenant: Tenant, context: CallContext = {}): TenantPlatform {
  const client = getAppClient(tenant, context);
  return {
    platform: "baidu",
    capabilities: BAIDU_CAPABILITIES,
    tenantId: tenant.id,
    appid: tenant.appid,
    ...codeOps(client),
    ...auditOps(client),
    ...releaseOps(client),
    ...versionOps(client),
    ...previewOps,
    ...mediaOps,
    ...qrJumpOps,
    ...tenantQuotaOps,
  };
}

export function baiduAccountPlatform(account: PlatformAccount, context: CallContext = {}): AccountPlatform {
  const client = getTpClient(account, context);
  return {
    platform: "baidu",
    capabilities: BAIDU_CAPABILITIES,
    ...authorizationOps(account, client, context),
    ...templateOps(client),
    ...accountQuotaOps,
  };
}
