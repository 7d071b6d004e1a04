import "server-only";
import { platformForTenant } from "@/lib/platforms";
import { PlatformError, type CallContext, type Category, type TenantPlatform } from "@/lib/platforms/port";
import type { Tenant } from "@/lib/db/schema";
import { defaultAuditProfileId, listAuditProfiles, type AuditProfile } from "./audit-profiles";
import { pollTenantAudit, undoCountsLeft } from "./audit-submit";
import { operableTenant } from "./tenants/services";
import { withTenantHealth } from "./tokens-health";

/**
 * The audit page's reads. Each platform read is answered on its own (value or refusal), so one refusal (no trial
 * code yet: 86001 on get_page) leaves the rest of the page usable and is shown where it applies.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; code: number | null; message: Record<"zh-CN" | "en", string> };

async function read<T>(work: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, code: error.code, message: error.meaning };
    throw error;
  }
}

/** A tenant the console may call, and its platform, for a read (the same refusals as the tenant actions). */
export async function withTenantPlatform<T>(tenantId: string, context: CallContext, work: (tenant: Tenant, platform: TenantPlatform) => Promise<T>): Promise<T> {
  const tenant = await operableTenant(tenantId);
  const platform = await platformForTenant(tenant, context);
  return withTenantHealth(tenant, () => work(tenant, platform));
}

/**
 * What the audit tab offers for the tenant's platform: the item_list builder (WeChat) or a text submission (Baidu:
 * content + remark), speed-up, the withdrawal limits (WeChat's documented 5 a day / 10 a month, counted from its
 * undocodeaudit calls), and the upload status a submission waits for (platforms without a privacy scan).
 */
export type AuditFeatures = { itemList: boolean; speedup: boolean; undoLimits: boolean; waitsForUpload: boolean };

export type AuditPageData = {
  tenant: { id: string; name: string; appid: string };
  features: AuditFeatures;
  categories: Read<Category[]>;
  pages: Read<string[]>;
  profiles: AuditProfile[];
  defaultProfileId: string | null;
};

export async function auditPageData(tenantId: string, context: CallContext): Promise<AuditPageData> {
  return withTenantPlatform(tenantId, context, async (tenant, platform) => {
    const can = platform.capabilities;
    const features: AuditFeatures = { itemList: can.auditItems, speedup: can.speedupAudit, undoLimits: platform.platform === "wechat", waitsForUpload: !can.privacyCheck };
    // The privacy scan is read by the page itself (polled while it runs); a text submission needs no categories or pages.
    const none: Read<never[]> = { ok: true, value: [] };
    const [categories, pages] = can.auditItems ? [await read(platform.categories), await read(platform.pages)] : [none, none];
    return {
      tenant: { id: tenant.id, name: tenant.nickname || tenant.appid, appid: tenant.appid },
      features,
      categories,
      pages,
      profiles: await listAuditProfiles(),
      defaultProfileId: await defaultAuditProfileId(tenant),
    };
  });
}

/** The live audit card's read (polled): the latest audit, reconciled on demand, and the withdrawals left. */
export async function auditCardData(tenantId: string, context: CallContext) {
  const tenant = await operableTenant(tenantId);
  const audit = await pollTenantAudit(tenant.id, context);
  return {
    audit: audit && {
      auditid: audit.auditid,
      state: audit.state,
      reason: audit.reason,
      screenshots: audit.screenshots,
      userVersion: audit.userVersion,
      submittedAt: audit.submittedAt.toISOString(),
      updatedAt: audit.updatedAt.toISOString(),
    },
    undo: await undoCountsLeft(tenant.id),
  };
}
export type AuditCardData = Awaited<ReturnType<typeof auditCardData>>;
