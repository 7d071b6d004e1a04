import type { Platform } from "@/lib/vocab";

/**
 * What a tenant's grant allows, per platform. Pure. WeChat grants come in permission sets (权限集); Baidu grants
 * code management with every authorization.
 */

/** WeChat permission set 18 (小程序开发与数据分析): without it no code can be committed, audited or released. */
export const WECHAT_CODE_MANAGEMENT_SET = 18;

export function codeManagementGranted(platform: Platform, permissionSets: readonly number[]): boolean {
  return platform !== "wechat" || permissionSets.includes(WECHAT_CODE_MANAGEMENT_SET);
}
