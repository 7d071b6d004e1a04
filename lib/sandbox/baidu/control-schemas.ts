import "server-only";
import { z } from "zod";
import { isConsoleOrigin } from "../push";
import { BAIDU_AUTO_DECIDE_MODES, baiduSettingsSchema } from "./settings";

/**
 * Inputs of the Baidu control operations (/sandbox/control/baidu/*): JSON bodies, or query strings for GET (digits
 * arrive as strings and are turned into numbers). Messages are catalog keys under "validation.*" like the WeChat ones.
 */

const REQUIRED = "validation.required";
const INVALID = "validation.invalid";

const toNumber = (value: unknown) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value);
const int = (min: number, max: number) => z.preprocess(toNumber, z.number({ error: (i) => (i.input === undefined ? REQUIRED : INVALID) }).int(INVALID).min(min, INVALID).max(max, INVALID));

const appId = int(1, 999_999_999_999_999);
const clientId = z.string().trim().min(1, REQUIRED).max(64, INVALID).regex(/^[A-Za-z0-9_-]+$/, INVALID);

export const baiduStateSchema = z.object({ client_id: clientId.optional(), app_id: appId.optional(), limit: int(0, 1000).default(100) }).strict();

export const baiduPlatformSchema = z
  .object({
    name: z.string().trim().min(1, REQUIRED).max(80, INVALID).optional(),
    callback_base: z
      .string()
      .trim()
      .max(500, INVALID)
      .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: INVALID, abort: true })
      .refine(isConsoleOrigin, "validation.callbackOrigin")
      .optional(),
  })
  .strict();

export const baiduSeedSchema = z.object({ apps: int(1, 10_000), client_id: clientId.optional() }).strict();

/** What the emulator cannot know, per smart program: the reviews, failing uploads, app status, the audit quota. */
export const baiduAppFlagsSchema = z
  .object({
    app_id: appId,
    basic_info_approved: z.boolean(INVALID).optional(),
    principal_verified: z.boolean(INVALID).optional(),
    fail_uploads: z.boolean(INVALID).optional(),
    status: z.union([z.literal(-1), z.literal(1), z.literal(2), z.literal(4), z.literal(5)], INVALID).optional(),
    audit_quota_limit: int(0, 100_000).optional(),
    audit_quota_used: int(0, 100_000).optional(),
  })
  .strict();
export type BaiduAppFlags = z.output<typeof baiduAppFlagsSchema>;

export const baiduAuditSchema = z
  .object({ app_id: appId, result: z.enum(["approve", "reject"], INVALID), reason: z.string().trim().max(500, INVALID).optional() })
  .strict();

export const baiduClientSchema = z.object({ client_id: clientId.optional() }).strict();
export const baiduAppSchema = z.object({ app_id: appId }).strict();

export const baiduDraftSchema = z
  .object({ client_id: clientId.optional(), user_version: z.string().trim().min(1, REQUIRED).max(64, INVALID), user_desc: z.string().trim().max(200, INVALID).optional() })
  .strict();

const shape = baiduSettingsSchema.shape;
export const baiduSettingsPatchSchema = z
  .object({
    uploadDelayMs: shape.uploadDelayMs.optional(),
    rollbackDelayMs: shape.rollbackDelayMs.optional(),
    tpTokenTtlSeconds: shape.tpTokenTtlSeconds.optional(),
    appTokenTtlSeconds: shape.appTokenTtlSeconds.optional(),
    preAuthCodeTtlSeconds: shape.preAuthCodeTtlSeconds.optional(),
    authCodeTtlSeconds: shape.authCodeTtlSeconds.optional(),
    recoverCodeTtlSeconds: shape.recoverCodeTtlSeconds.optional(),
    autoDecide: z
      .object({ mode: z.enum(BAIDU_AUTO_DECIDE_MODES).optional(), afterMs: shape.autoDecide.shape.afterMs.optional(), reason: z.string().max(500).optional() })
      .strict()
      .optional(),
  })
  .strict();
