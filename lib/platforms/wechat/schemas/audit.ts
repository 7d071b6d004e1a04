import { z } from "zod";
import { charCount, int, INVALID, maxChars, numeric, okAnswer, requiredText, TOO_LONG } from "./common";

/**
 * Audit family (reference §4.2, §4.4–§4.5): submit_audit and its body, audit status, undo, speed-up, quota.
 * The limits below are the documented ones; each names the errcode the platform would answer, so a form shows the
 * problem before a submission spends a monthly audit quota (85085).
 */

export const ITEM_LIST_MAX = 5; // 85023
export const TAGS_MAX = 10; // 85006
export const TAG_MAX_CHARS = 20; // 85006
export const TITLE_MAX_CHARS = 32; // 85011
export const FEEDBACK_INFO_MAX_CHARS = 200;
export const FEEDBACK_STUFF_MAX = 5;
export const UGC_TEXT_MAX_CHARS = 256;

const optionalText = z.string(INVALID).optional();

/** Space-separated, at most 10 tags of at most 20 characters each. */
const tagField = z
  .string(INVALID)
  .refine((tag) => tag.split(/\s+/).filter(Boolean).length <= TAGS_MAX, { message: TOO_LONG, params: { maximum: TAGS_MAX } })
  .refine((tag) => tag.split(/\s+/).every((t) => charCount(t) <= TAG_MAX_CHARS), { message: TOO_LONG, params: { maximum: TAG_MAX_CHARS } });

/** One audit item: a page of the committed code and one of the authorizer's categories (from get_category). */
export const auditItem = z.object({
  address: optionalText,
  tag: tagField.optional(),
  first_class: requiredText(),
  second_class: requiredText(),
  third_class: optionalText,
  first_id: int(0),
  second_id: int(0),
  third_id: int(0).optional(),
  title: maxChars(TITLE_MAX_CHARS).optional(),
});
export type AuditItem = z.input<typeof auditItem>;

/** ugc_declare: scene 0–5, method 1–4, free texts ≤256 (85094 when missing for UGC categories). */
export const ugcDeclare = z.object({
  scene: z.array(int(0, 5), INVALID).optional(),
  other_scene_desc: maxChars(UGC_TEXT_MAX_CHARS).optional(),
  method: z.array(int(1, 4), INVALID).optional(),
  has_audit_team: z.literal([0, 1], INVALID).optional(),
  audit_desc: maxChars(UGC_TEXT_MAX_CHARS).optional(),
});

export const submitAuditInput = z.object({
  // Optional (community-confirmed); when present 1–5 items. A JSON-encoded string here is 47001: arrays only.
  item_list: z.array(auditItem, INVALID).min(1, INVALID).max(ITEM_LIST_MAX, { message: TOO_LONG }).optional(),
  feedback_info: maxChars(FEEDBACK_INFO_MAX_CHARS).optional(),
  // `|`-separated temporary media ids, at most 5 images.
  feedback_stuff: z
    .string(INVALID)
    .refine((s) => s.split("|").filter(Boolean).length <= FEEDBACK_STUFF_MAX, { message: TOO_LONG, params: { maximum: FEEDBACK_STUFF_MAX } })
    .optional(),
  version_desc: optionalText,
  preview_info: z.object({ video_id_list: z.array(z.string(INVALID)).optional(), pic_id_list: z.array(z.string(INVALID)).optional() }).optional(),
  ugc_declare: ugcDeclare.optional(),
  privacy_api_not_use: z.boolean(INVALID).optional(),
  order_path: optionalText,
});
export type SubmitAuditInput = z.input<typeof submitAuditInput>;

export const auditIdInput = z.object({ auditid: int(1) });

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────

/** 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed (3 and 4 exist in the new documents only). */
export const AUDIT_STATUSES = [0, 1, 2, 3, 4] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
const auditStatus = z.literal(AUDIT_STATUSES);

export const submitAuditAnswer = okAnswer.extend({ auditid: numeric });

/**
 * The screenshot key comes as `screenshot` (field table) or `ScreenShot` (official example, pushes): read either,
 * answer `screenshot` only. Empty string → no screenshot.
 */
/** Either casing is seen live (reference §4.1); callers read `screenshot`. Typed as T so named fields survive. */
function normaliseScreenshot<T extends { screenshot?: string; ScreenShot?: string }>(answer: T): T & { screenshot: string } {
  const { ScreenShot, screenshot, ...rest } = answer;
  // The cast keeps T's named fields (a destructured rest of a loose object types as an index signature only).
  return { ...rest, screenshot: screenshot || ScreenShot || "" } as unknown as T & { screenshot: string };
}

const screenshotFields = { screenshot: z.string().optional(), ScreenShot: z.string().optional() };

export const auditStatusAnswer = okAnswer
  .extend({ status: auditStatus, reason: z.string().default(""), ...screenshotFields })
  .transform(normaliseScreenshot);

export const latestAuditStatusAnswer = okAnswer
  .extend({
    auditid: numeric,
    status: auditStatus,
    reason: z.string().default(""),
    ...screenshotFields,
    user_version: z.string().default(""),
    user_desc: z.string().default(""),
    submit_audit_time: z.number().optional(),
  })
  .transform(normaliseScreenshot);

/** `screenshot` is `|`-separated permanent media ids; the list form for callers. */
export const screenshotIds = (screenshot: string) => screenshot.split("|").filter(Boolean);

export const quotaAnswer = okAnswer.extend({ rest: z.number(), limit: z.number(), speedup_rest: z.number(), speedup_limit: z.number() });

export type AuditStatusAnswer = z.output<typeof auditStatusAnswer>;
export type LatestAuditStatusAnswer = z.output<typeof latestAuditStatusAnswer>;
export type QuotaAnswer = z.output<typeof quotaAnswer>;
