import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { QuotaInput } from "./control-schemas";
import { ControlError } from "./control-ops";
import { setApiUsed } from "./openapi";
import { sandboxPlatforms } from "./schema";
import { chinaMonth } from "./state";

/** Control: sets the monthly quotas (queryquota, clear_quota's allowance) of a platform, and an account's API count. */
export async function setQuota(input: QuotaInput) {
  const [platform] = await db
    .select()
    .from(sandboxPlatforms)
    .where(input.component_appid ? eq(sandboxPlatforms.componentAppid, input.component_appid) : undefined)
    .orderBy(asc(sandboxPlatforms.createdAt))
    .limit(1);
  if (!platform) throw new ControlError(input.component_appid ? "platform_not_found" : "no_platform", input.component_appid ? 404 : 409);
  // Used counts are this month's: setting one starts the month, so the lazy monthly reset does not undo it.
  const fresh = platform.quotaMonth !== chinaMonth();
  const [row] = await db
    .update(sandboxPlatforms)
    .set({
      quotaMonth: chinaMonth(),
      auditQuotaLimit: input.audit_limit ?? platform.auditQuotaLimit,
      auditQuotaUsed: input.audit_used ?? (fresh ? 0 : platform.auditQuotaUsed),
      speedupQuotaLimit: input.speedup_limit ?? platform.speedupQuotaLimit,
      speedupQuotaUsed: input.speedup_used ?? (fresh ? 0 : platform.speedupQuotaUsed),
      clearQuotaUsed: input.clear_used ?? (fresh ? 0 : platform.clearQuotaUsed),
    })
    .where(eq(sandboxPlatforms.componentAppid, platform.componentAppid))
    .returning();
  if (input.api) await setApiUsed(input.api.account, input.api.cgi_path, input.api.used);
  return {
    component_appid: row!.componentAppid,
    audit: { limit: row!.auditQuotaLimit, used: row!.auditQuotaUsed },
    speedup: { limit: row!.speedupQuotaLimit, used: row!.speedupQuotaUsed },
    clear_used: row!.clearQuotaUsed,
  };
}
