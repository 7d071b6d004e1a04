import { z } from "zod";
import { int, INVALID, maxChars, okAnswer, requiredText, TOO_LONG } from "./common";

/**
 * Code management, first half (reference §4.1, §4.3): commit and the trial version, categories, visit status,
 * version info, base-library version and the privacy scan. Authorizer token, permission set 18.
 */

/** user_version: "长度不要超过 64 个字符". */
export const USER_VERSION_MAX = 64;

/**
 * ext_json travels as a JSON *string* inside the JSON body (gotcha 7): an object here is the classic mistake the
 * platform answers with 47001, and a string that is not a JSON object cannot be merged into app.json (85013/85048).
 */
export const extJsonField = z.string(INVALID).refine((text) => {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}, INVALID);

export const commitInput = z.object({
  template_id: int(0),
  ext_json: extJsonField,
  user_version: requiredText(USER_VERSION_MAX),
  // Required by the platform but may be empty.
  user_desc: maxChars(1024),
});
export type CommitInput = z.input<typeof commitInput>;

/**
 * get_qrcode `path`: page plus query (`page/index?action=1`); sent urlencoded once. (assump.) No documented
 * maximum; mini-program paths with query are capped at 1024 elsewhere in the platform.
 */
export const trialQrcodeInput = z.object({ path: z.string(INVALID).max(1024, TOO_LONG).optional() });

export const changeVisitStatusInput = z.object({ action: z.enum(["open", "close"], INVALID) });

/** A published base-library version such as "2.32.3". */
export const setSupportVersionInput = z.object({ version: z.string(INVALID).regex(/^\d+\.\d+\.\d+$/, INVALID) });

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────

export const pageListAnswer = okAnswer.extend({ page_list: z.array(z.string()) });

export const categoryItem = z.looseObject({
  first_class: z.string(),
  second_class: z.string(),
  third_class: z.string().optional(),
  first_id: z.number(),
  second_id: z.number(),
  third_id: z.number().optional(),
});
export const categoryAnswer = okAnswer.extend({ category_list: z.array(categoryItem) });
export type CategoryItem = z.output<typeof categoryItem>;

export const codePrivacyInfoAnswer = okAnswer.extend({
  without_auth_list: z.array(z.string()).default([]),
  without_conf_list: z.array(z.string()).default([]),
});

/** 0 paused (closed), 1 visible. */
export const visitStatusAnswer = okAnswer.extend({ status: z.literal([0, 1]) });

/** Each part is absent when there is no trial / no online version. */
export const versionInfoAnswer = okAnswer.extend({
  exp_info: z.looseObject({ exp_time: z.number(), exp_version: z.string(), exp_desc: z.string().default("") }).optional(),
  release_info: z
    .looseObject({ release_time: z.number(), release_version: z.string(), release_desc: z.string().default("") })
    .optional(),
});

export const supportVersionAnswer = okAnswer.extend({
  now_version: z.string(),
  uv_info: z.looseObject({ items: z.array(z.looseObject({ percentage: z.number(), version: z.string() })).default([]) }),
});

/** get_qrcode's JPEG (wechatRequest recognises it by content type; JSON there is an error). */
export type TrialQrcode = { contentType: string; bytes: Uint8Array };

export type VersionInfoAnswer = z.output<typeof versionInfoAnswer>;
export type SupportVersionAnswer = z.output<typeof supportVersionAnswer>;
