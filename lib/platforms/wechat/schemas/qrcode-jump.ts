import { z } from "zod";
import { debugUrlsOutsideRule, isRulePrefix, QR_JUMP_DEBUG_URL_MAX } from "@/lib/validation/qrcode-jump-match";
import { httpUrl, INVALID, okAnswer, requiredText, TOO_LONG } from "./common";

/**
 * "Scan an ordinary link QR code to open the mini-program" rules (reference §5): authorizer token, permission
 * set 3 or 18. Add (state 1) → download the verification file and host it → publish (state 2) → delete.
 */

export const DEBUG_URL_MAX = QR_JUMP_DEBUG_URL_MAX;

export const qrcodeJumpAddInput = z
  .object({
    prefix: httpUrl.refine(isRulePrefix, INVALID),
    // 1 others may add sub-rules, 2 this rule owns every sub-rule.
    permit_sub_rule: z.literal([1, 2], INVALID),
    path: requiredText(1024),
    // 1 develop, 2 trial, 3 release.
    open_version: z.literal([1, 2, 3], INVALID),
    debug_url: z.array(httpUrl, INVALID).max(DEBUG_URL_MAX, TOO_LONG).default([]),
    is_edit: z.literal([0, 1], INVALID).default(0),
  })
  // Test links must match the rule as the platform matches them (85068 "测试链接不是子链接").
  .superRefine((v, ctx) => {
    for (const i of debugUrlsOutsideRule(v.prefix, v.debug_url)) ctx.addIssue({ code: "custom", message: INVALID, path: ["debug_url", i] });
  });
export type QrcodeJumpAddInput = z.input<typeof qrcodeJumpAddInput>;

export const qrcodeJumpPrefixInput = z.object({ prefix: httpUrl });

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────

export const qrcodeJumpRule = z.looseObject({
  prefix: z.string(),
  permit_sub_rule: z.coerce.number(),
  path: z.string(),
  open_version: z.coerce.number(),
  debug_url: z.array(z.string()).default([]),
  // 1 unpublished, 2 published.
  state: z.coerce.number(),
});

export const qrcodeJumpGetAnswer = okAnswer.extend({
  rule_list: z.array(qrcodeJumpRule).default([]),
  qrcodejump_open: z.number(),
  list_size: z.number(),
  qrcodejump_pub_quota: z.number(),
});

export const qrcodeJumpDownloadAnswer = okAnswer.extend({ file_name: z.string(), file_content: z.string() });

export type QrcodeJumpRule = z.output<typeof qrcodeJumpRule>;
export type QrcodeJumpGetAnswer = z.output<typeof qrcodeJumpGetAnswer>;
