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

/**
 * An audit's state, whatever the platform (the WeChat adapter maps get_auditstatus 0–4, Baidu's package statuses
 * map to the same words). "none": nothing submitted yet.
 */
export const AUDIT_STATES = ["none", "auditing", "approved", "rejected", "withdrawn", "delayed"] as const;
export type AuditState = (typeof AUDIT_STATES)[number];
/** An audit the platform has not decided yet. */
export const UNDER_REVIEW_STATES = ["auditing", "delayed"] as const satisfies readonly AuditState[];
export const isUnderReview = (state: AuditState) => (UNDER_REVIEW_STATES as readonly AuditState[]).includes(state);

/** The code versions a mini-program can have at once. */
export const VERSION_KINDS = ["trial", "auditing", "live", "gray"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
