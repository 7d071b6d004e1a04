import { z } from "zod";
import { int, INVALID, okAnswer } from "./common";

/** Release family (reference §4.1, §4.5–§4.6): release, gray release and its plan, rollbacks. */

/**
 * gray_percentage: an integer 0–100 (85081 otherwise). 0% only makes sense when debuggers or experiencers get the
 * version first, so 0 requires one of the *_first flags.
 */
export const grayReleaseInput = z
  .object({
    gray_percentage: int(0, 100),
    support_debuger_first: z.boolean(INVALID).optional(),
    support_experiencer_first: z.boolean(INVALID).optional(),
  })
  .refine((v) => v.gray_percentage > 0 || v.support_debuger_first === true || v.support_experiencer_first === true, {
    message: INVALID,
    path: ["gray_percentage"],
  });
export type GrayReleaseInput = z.input<typeof grayReleaseInput>;

/** Without app_version: back to the previous online version; with it, to that kept version (get_history_version). */
export const revertCodeReleaseInput = z.object({ app_version: int(1).optional() });

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────

/** Plan status: 0 initial, 1 running, 2 paused, 3 finished, 4 deleted. */
export const grayReleasePlanAnswer = okAnswer.extend({
  gray_release_plan: z.looseObject({
    status: z.number(),
    create_timestamp: z.number().default(0),
    gray_percentage: z.number().default(0),
    support_debuger_first: z.boolean().optional(),
    support_experiencer_first: z.boolean().optional(),
  }),
});

export const historyVersionsAnswer = okAnswer.extend({
  version_list: z
    .array(z.looseObject({ app_version: z.number(), user_version: z.string(), user_desc: z.string().default(""), commit_time: z.number() }))
    .default([]),
});

export type GrayReleasePlanAnswer = z.output<typeof grayReleasePlanAnswer>;
export type HistoryVersionsAnswer = z.output<typeof historyVersionsAnswer>;
