import "server-only";
import { z } from "zod";
import { LOCATION_APIS } from "./ext-json";
import { isConsoleOrigin } from "./push";
import { ratiosSchema, settingsSchema } from "./settings";

/**
 * Inputs of the sandbox control operations, shared by the HTTP control surface (JSON bodies and query strings)
 * and the console's server actions (form values arrive as strings). Messages are catalog keys under
 * "validation.*" so the action wrapper can translate them next to the field.
 */

const REQUIRED = "validation.required";
const INVALID = "validation.invalid";
const TOO_LONG = "validation.tooLong";
const CALLBACK_ORIGIN = "validation.callbackOrigin";

/** Form fields arrive as strings: "" means not given, digits become numbers. JSON numbers pass through. */
const toNumber = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : Number(trimmed);
};
const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const requiredIssue = { error: (issue: { input?: unknown }) => (issue.input === undefined ? REQUIRED : INVALID) };
const int = (min: number, max: number) => z.number(requiredIssue).int(INVALID).min(min, INVALID).max(max, INVALID);
const requiredInt = (min: number, max: number) => z.preprocess(toNumber, int(min, max));
const optionalInt = (min: number, max: number) => z.preprocess(toNumber, int(min, max).optional());

/** Real appids are `wx` + 16 hex; demo data and tests may use other shapes, so only the alphabet is checked. */
export const appidField = z
  .string(requiredIssue)
  .trim()
  .min(1, REQUIRED)
  .max(64, TOO_LONG)
  .regex(/^[A-Za-z0-9_-]+$/, INVALID);
const optionalAppid = z.preprocess(emptyToUndefined, appidField.optional());
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string(INVALID).trim().max(max, TOO_LONG).optional());

const WECHAT_PREFIX = "/sandbox/wechat";
/** A path after /sandbox/wechat (`/wxa/commit`) or a glob (`/wxa/*`); the full mounted path is accepted too. */
const faultPath = z
  .string(requiredIssue)
  .trim()
  .min(1, REQUIRED)
  .max(200, TOO_LONG)
  .transform((p) => (p.startsWith(WECHAT_PREFIX + "/") ? p.slice(WECHAT_PREFIX.length) : p))
  .pipe(z.string().regex(/^\/[A-Za-z0-9_\-./*]*$/, INVALID));

export const faultSchema = z
  .object({
    path: faultPath,
    // Any platform code, e.g. -1, 45009, 61023; 0 would be a success and is no fault.
    errcode: z.preprocess(toNumber, int(-1, 99_999_999).refine((n) => n !== 0, INVALID).optional()),
    http_status: optionalInt(400, 599),
    timeout_ms: optionalInt(1, 120_000),
    // 0 is accepted (a fault that never fires) so a test can prove the dice are honoured.
    probability: z.preprocess(toNumber, z.number(requiredIssue).min(0, INVALID).max(1, INVALID).default(1)),
    count: optionalInt(1, 1_000_000),
    // Only the calls made with this account's token (authorizer appid, or a platform's component appid).
    appid: optionalAppid,
    // The call runs and its answer is lost (HTTP 504 after it ran, `timeout_ms` later when given).
    lose_answer: z.preprocess((v) => (v === "true" ? true : v === "false" || v === "" ? undefined : v), z.boolean(INVALID).optional()),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.errcode === undefined && value.http_status === undefined && value.timeout_ms === undefined && !value.lose_answer) {
      ctx.addIssue({ code: "custom", path: ["errcode"], message: REQUIRED });
    }
    // The fault answers either an HTTP error page or a platform errcode, never both.
    if (value.errcode !== undefined && value.http_status !== undefined) {
      ctx.addIssue({ code: "custom", path: ["http_status"], message: INVALID });
    }
    // A lost answer is no answer: neither an errcode nor an HTTP status goes with it.
    if (value.lose_answer && (value.errcode !== undefined || value.http_status !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["lose_answer"], message: INVALID });
    }
  });
export type FaultInput = z.output<typeof faultSchema>;

export const clearFaultsSchema = z.object({ id: optionalInt(1, 2_147_483_647) }).strict();

export const auditDecisionSchema = z
  .object({
    appid: appidField,
    result: z.enum(["approve", "reject", "delay"], INVALID),
    reason: optionalText(500),
    // `|`-separated media ids, as in weapp_audit_fail's ScreenShot.
    screenshot: optionalText(2000),
    // Without `screenshot`, a rejection gets this many new screenshot images (default 1).
    screenshots: optionalInt(0, 5),
  })
  .strict();

/** Global latency, or one account's (added to the global one); `appid` with ms 0 and jitter 0 removes that account's. */
export const latencySchema = z
  .object({ ms: requiredInt(0, 60_000), jitter_ms: z.preprocess(toNumber, int(0, 60_000).default(0)), appid: optionalAppid })
  .strict();

const shape = settingsSchema.shape;
/** Any subset of the settings; nested groups (latency, autoDecide) may be partial too and merge with the current ones. */
export const settingsPatchSchema = z
  .object({
    latency: z
      .object({ ms: optionalInt(0, 60_000), jitterMs: optionalInt(0, 60_000) })
      .strict()
      .optional(),
    tokenTtlSeconds: z.preprocess(toNumber, shape.tokenTtlSeconds.optional()),
    preAuthCodeTtlSeconds: z.preprocess(toNumber, shape.preAuthCodeTtlSeconds.optional()),
    authCodeTtlSeconds: z.preprocess(toNumber, shape.authCodeTtlSeconds.optional()),
    privacyScanMs: z.preprocess(toNumber, shape.privacyScanMs.optional()),
    undoDailyLimit: z.preprocess(toNumber, shape.undoDailyLimit.optional()),
    undoMonthlyLimit: z.preprocess(toNumber, shape.undoMonthlyLimit.optional()),
    qrPublishMonthlyLimit: z.preprocess(toNumber, shape.qrPublishMonthlyLimit.optional()),
    qrJump: z
      .object({
        hostsWithoutFile: shape.qrJump.shape.hostsWithoutFile.optional(),
        blacklistedHosts: shape.qrJump.shape.blacklistedHosts.optional(),
        unfiledHosts: shape.qrJump.shape.unfiledHosts.optional(),
        requestsPerSecond: z.preprocess(toNumber, shape.qrJump.shape.requestsPerSecond.optional()),
      })
      .strict()
      .optional(),
    apiDailyLimits: shape.apiDailyLimits.optional(),
    autoDecide: z
      .object({
        mode: shape.autoDecide.shape.mode.optional(),
        afterMs: optionalInt(0, 86_400_000),
        reason: z.preprocess((v) => (v === "" ? null : v), z.string().max(500, TOO_LONG).nullable().optional()),
        ratios: ratiosSchema.optional(),
      })
      .strict()
      .optional(),
    // Merged per appid; null removes an appid's latency.
    latencyByAppid: z.record(appidField, shape.latencyByAppid.valueType.nullable()).optional(),
    // Replace the whole map (an empty one turns 45011 off).
    minuteLimits: shape.minuteLimits.optional(),
    burst: shape.burst.optional(),
    traceCalls: shape.traceCalls.optional(),
  })
  .strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const pushTicketSchema = z.object({ component_appid: optionalAppid }).strict();
export const unauthorizeSchema = z.object({ appid: appidField }).strict();

export const seedSchema = z
  .object({ authorizers: requiredInt(1, 50_000), component_appid: optionalAppid })
  .strict();

export const platformSchema = z
  .object({
    name: optionalText(80),
    callback_base: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(500, TOO_LONG)
        .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: INVALID, abort: true })
        // The sandbox must not become a way to POST at other hosts: pushes go to this console only.
        .refine(isConsoleOrigin, CALLBACK_ORIGIN)
        .optional(),
    ),
  })
  .strict();

/**
 * An upload from a 开发小程序 (what the devtools would do): the draft's pages, and the location APIs its code calls
 * (seed 002: the privacy scan after a commit lists those the ext_json does not declare; submit_audit answers 61040).
 */
export const draftSchema = z
  .object({
    component_appid: optionalAppid,
    user_version: z.string(requiredIssue).trim().min(1, REQUIRED).max(64, TOO_LONG),
    user_desc: optionalText(200),
    pages: z.array(z.string(INVALID).trim().min(1, INVALID).max(200, TOO_LONG).regex(/^[A-Za-z0-9_\-./]+$/, INVALID), INVALID).min(1, REQUIRED).max(200, INVALID),
    privacy_apis: z.array(z.enum(LOCATION_APIS, INVALID), INVALID).max(LOCATION_APIS.length, INVALID).default([]),
    source_miniprogram_appid: optionalAppid,
  })
  .strict();
export type DraftInput = z.output<typeof draftSchema>;

export const emptySchema = z.object({}).strict();

/** GET /sandbox/control/state query. The limit keeps the answer small with tens of thousands of authorizers. */
export const stateQuerySchema = z
  .object({
    appid: optionalAppid,
    component_appid: optionalAppid,
    // Substring of the appid or the nickname.
    q: optionalText(64),
    limit: z.preprocess(toNumber, int(0, 1000).default(200)),
    offset: z.preprocess(toNumber, int(0, 1_000_000).default(0)),
  })
  .strict();
export type StateQuery = z.output<typeof stateQuerySchema>;

/** The platform's monthly audit quotas and one account's daily API count, set as a test or a rehearsal needs them. */
export const quotaSchema = z
  .object({
    component_appid: optionalAppid,
    audit_limit: optionalInt(0, 100_000),
    audit_used: optionalInt(0, 100_000),
    speedup_limit: optionalInt(0, 100_000),
    speedup_used: optionalInt(0, 100_000),
    clear_used: optionalInt(0, 1000),
    // Today's calls of `account` (a component appid or an authorizer appid) to `cgi_path`.
    api: z
      .object({ account: appidField, cgi_path: z.string().regex(/^\/[\w/.-]{1,200}$/, INVALID), used: requiredInt(0, 10_000_000) })
      .strict()
      .optional(),
  })
  .strict();
export type QuotaInput = z.output<typeof quotaSchema>;
