import type { ItemState, JobKind, JobState } from "@/lib/vocab";

/**
 * What the pages get from lib/jobs: pure types (the browser imports them). Reasons and messages are catalog keys
 * under "jobs.*" (lib/i18n/messages/jobs.<locale>.json) with their values; platform codes carry their meaning in
 * both languages, as everywhere else.
 */

/** Why a tenant is left out of a job before anything is sent. */
export const INELIGIBLE_REASONS = [
  "needsReauth", // the authorization is gone or broken (tenant status)
  "noCodeManagement", // the grant lacks code management
  "busy", // another running job holds the tenant
  "alreadyAuditing", // an audit is under review (submit, pipeline)
  "nothingApproved", // release: no approved version waiting
  "notLive", // gray / cancel gray / rollback: nothing released, or no gray running (cancel gray)
  "grayWouldGoDown", // gray step: the running roll-out is already at or above the percentage
  "missingCategory", // the audit profile's category is not among the tenant's
  "noPages", // the tenant's code has no pages to map the profile onto
  "variableMissing", // the ext_json needs a variable the tenant lacks
  "extJsonRefused", // the rendered ext_json fails a check
  "noTrial", // submit: nothing committed
  "unreadable", // the platform refused the preflight's read (code and meaning given)
  "notSupported", // the tenant's platform has no such operation (Baidu: gray, visit status, base library)
  "noAuditText", // a text submission (Baidu) with neither the job's content nor the profile's description
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export type Meaning = { "zh-CN": string; en: string };

export type PreflightRow = {
  tenantId: string;
  appid: string;
  nickname: string;
  eligible: boolean;
  reason: IneligibleReason | null;
  /** Values for the reason's message (the missing variable, the category's name…). */
  detail: Record<string, string | number> | null;
  /** When the reason is the platform's answer. */
  code: number | null;
  meaning: Meaning | null;
};

export type QuotaForecast = {
  /** Audit submissions this job would make (eligible tenants that submit). */
  needed: number;
  /** Left this month per queryquota, and the limit; null when the platform would not say (reason in `refusal`). */
  remaining: number | null;
  limit: number | null;
  /** Planned by other running jobs (their items not yet past submit). */
  plannedByOthers: number;
  /** needed + plannedByOthers > remaining: the start needs a choice (first N, or cancel). */
  overrun: boolean;
  refusal: { code: number | null; meaning: Meaning } | null;
};

export type Preflight = {
  kind: JobKind;
  total: number;
  eligible: number;
  /** Counts per reason, over every selected tenant. */
  reasons: Partial<Record<IneligibleReason, number>>;
  /** Every ineligible tenant (up to 1,000) and the first eligible ones (up to 50). */
  rows: PreflightRow[];
  quota: QuotaForecast | null;
  /** Commit and pipeline: the ext_json rendered for three eligible tenants (or why it failed for them). */
  samples: { tenantId: string; nickname: string; extJson: string | null; error: string | null }[];
};

export type JobCounts = Record<ItemState, number>;

export type JobSummary = {
  id: string;
  kind: JobKind;
  state: JobState;
  pausedReason: string | null;
  pausedCode: number | null;
  pausedMeaning: Meaning | null;
  total: number;
  counts: JobCounts;
  /** Items not final yet, per step they are at (in the order a job goes through them). */
  steps: { step: string; n: number }[];
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Every item is final (done, failed, skipped, cancelled). */
  settled: boolean;
};

export type JobItemRow = {
  tenantId: string;
  appid: string;
  nickname: string;
  position: number;
  state: ItemState;
  step: string;
  attempts: number;
  code: number | null;
  meaning: Meaning | null;
  /** A console reason (catalog key under jobs.reasons / jobs.messages) when there is no platform code. */
  reason: string | null;
  /** The platform's own words when it gave any: an audit's rejection reason, or the raw errmsg (for support). */
  message: string | null;
  result: Record<string, unknown>;
  parkedUntil: Date | null;
  parkedFor: string | null;
  updatedAt: Date;
};
