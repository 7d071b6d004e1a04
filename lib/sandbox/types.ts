import type { LocationApi } from "./ext-json";

/** Shapes of the sandbox's per-authorizer state (stored as JSONB in sandbox_authorizers.state). Pure. */

/**
 * get_auditstatus `status`. The sandbox is the platform, so it keeps WeChat's numbers (the console's words are
 * mapped by the WeChat adapter, lib/platforms/wechat/states.ts); here they get names.
 */
export const AUDIT_STATUS = { approved: 0, rejected: 1, auditing: 2, withdrawn: 3, delayed: 4 } as const;
export type AuditStatusName = keyof typeof AUDIT_STATUS;
/** Waiting for a reviewer: a delayed audit is still decided later, and blocks a new submission (85009) too. */
export const UNDER_REVIEW_STATUSES: readonly number[] = [AUDIT_STATUS.auditing, AUDIT_STATUS.delayed];

/** The gray release plan's `status`. */
export const GRAY_STATUS = { initial: 0, running: 1, paused: 2, finished: 3, deleted: 4 } as const;
export type GrayStatusName = keyof typeof GRAY_STATUS;

const nameOf = <K extends string>(table: Record<K, number>, value: number): K | undefined => (Object.keys(table) as K[]).find((k) => table[k] === value);
export const auditStatusName = (status: number) => nameOf(AUDIT_STATUS, status);
export const grayStatusName = (status: number) => nameOf(GRAY_STATUS, status);

export type SandboxCategory = {
  first_class: string;
  second_class: string;
  third_class?: string;
  first_id: number;
  second_id: number;
  third_id?: number;
};

/** The trial (experience) version made by commit. Times are unix milliseconds. */
export type TrialVersion = {
  templateId: number;
  extJson: string;
  userVersion: string;
  userDesc: string;
  pages: string[];
  committedAt: number;
  // The privacy scan runs after each commit; until then submit_audit and get_code_privacy_info answer 61039.
  scanReadyAt: number;
  privacy: { withoutAuth: string[]; withoutConf: string[] };
};

export type ReleasedVersion = {
  appVersion: number;
  userVersion: string;
  userDesc: string;
  commitTime: number; // unix seconds
  releasedAt: number; // unix seconds
  auditid: number;
};

export type GrayPlan = {
  status: 0 | 1 | 2 | 3 | 4; // initial, running, paused, finished, deleted
  grayPercentage: number;
  supportDebugerFirst: boolean;
  supportExperiencerFirst: boolean;
  createTimestamp: number; // unix seconds
  version?: ReleasedVersion;
};

export type QrJumpRule = {
  prefix: string;
  permit_sub_rule: 1 | 2;
  path: string;
  open_version: 1 | 2 | 3;
  debug_url: string[];
  state: 1 | 2; // 1 unpublished, 2 published
};

export type AuthorizerCodeState = {
  trial?: TrialVersion;
  latestAuditId?: number;
  // The approved audit not yet released (release consumes it).
  releasableAuditId?: number;
  online?: ReleasedVersion;
  // Released-or-reverted versions, newest first, at most 5 (revertcoderelease action=get_history_version).
  history?: ReleasedVersion[];
  revertedAppVersions?: number[];
  gray?: GrayPlan;
  visitStatus?: 0 | 1;
  supportVersion?: string;
  undo?: { day: string; dayCount: number; month: string; monthCount: number };
  qrJumpOpen?: 0 | 1;
  qrRules?: QrJumpRule[];
  qrPublish?: { month: string; used: number };
  // clear_quota calls spent this China month by this account (10 per month across every clear_quota variant).
  clearQuota?: { month: string; used: number };
  nextAppVersion?: number;
  // get/set_authorizer_option values (strings, as the platform answers them).
  options?: Record<string, string>;
  // Location APIs this mini-program's own code calls besides its template's (seeded; emulator choice): each commit's
  // privacy scan finds them, so a commit must declare them in requiredPrivateInfos or submit_audit answers 61040.
  privacyApis?: LocationApi[];
};
