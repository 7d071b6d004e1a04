/** Single-sourced vocabularies shared by the database schema, zod schemas and the UI. Pure: safe in the browser. */

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ["wechat", "baidu"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const TENANT_STATUSES = ["authorized", "needs_reauth", "unauthorized"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "NEXT_LOCALE";
