/**
 * The port's QR-jump concern (see lib/platforms/port.ts): rules "scanning an ordinary link's QR code opens the
 * mini-program". Pure: safe for the browser.
 */

/** Who a QR-jump rule applies to while testing: the develop, trial or released version's users. */
export const QR_JUMP_SCOPES = ["develop", "trial", "release"] as const;
export type QrJumpScope = (typeof QR_JUMP_SCOPES)[number];

/**
 * A rule "scanning an ordinary link's QR code opens the mini-program". `exclusive`: the rule also owns every link
 * under it (no other mini-program may add a sub-rule). A published rule applies to every user and cannot be edited.
 */
export type QrJumpRule = { prefix: string; path: string; scope: QrJumpScope; exclusive: boolean; debugUrls: string[]; published: boolean };
export type QrJumpRuleInput = Omit<QrJumpRule, "published">;

/** QR-jump rules: the tenant's rules, whether the feature is on, the publishes left this month. */
export interface TenantQrJumpOps {
  qrJumpRules(): Promise<{ open: boolean; rules: QrJumpRule[]; publishesLeft: number }>;
  /** Adds a rule, or (`edit`) replaces the unpublished rule with the same prefix. */
  saveQrJumpRule(rule: QrJumpRuleInput, edit: boolean): Promise<void>;
  /** The file the prefix's host must serve before a rule can be published. */
  qrJumpVerificationFile(): Promise<{ fileName: string; content: string }>;
  publishQrJumpRule(prefix: string): Promise<void>;
  deleteQrJumpRule(prefix: string): Promise<void>;
}

