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

/**
 * Bulk jobs (lib/jobs): what a job does to each selected tenant. `pipeline`: commit → privacy wait → submit →
 * (optional) wait for the audit → (optional) release or gray start.
 */
export const JOB_KINDS = [
  "commit",
  "submit",
  "pipeline",
  "release",
  "gray",
  "cancel_gray",
  "rollback",
  "visit_status",
  "base_library",
  "refresh_versions",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job as a whole. `paused` carries its reason (an operator, or the platform's quota); `cancelled`: no new calls. */
export const JOB_STATES = ["running", "paused", "cancelled", "finished"] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * One tenant of a job. `pending`: waiting for a worker; `running`: a worker holds it; `parked`: waiting for a time or
 * an event (an audit result), no worker held; `skipped`: left out at the start (preflight's reason) or by the quota
 * choice; `done`, `failed` (its code kept), `cancelled`: final.
 */
export const ITEM_STATES = ["pending", "running", "parked", "done", "failed", "skipped", "cancelled"] as const;
export type ItemState = (typeof ITEM_STATES)[number];
/** Item states that still hold their tenant (no second job may act on it meanwhile). */
export const ACTIVE_ITEM_STATES = ["pending", "running", "parked"] as const satisfies readonly ItemState[];
