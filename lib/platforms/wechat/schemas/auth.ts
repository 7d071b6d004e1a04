import { z } from "zod";
import { appid, httpUrl, int, INVALID, okAnswer, requiredText } from "./common";

/**
 * Authorization family (reference §1.3–§1.4), called with the platform's component_access_token.
 * `component_appid` is never part of an input: the client adds the account's own.
 */

// ── requests ───────────────────────────────────────────────────────────────────────────────────────────────

export const queryAuthInput = z.object({ authorization_code: requiredText(512) });
export const authorizerAppidInput = z.object({ authorizer_appid: appid });
/** api_component_token (no token: the secret and the latest verify ticket instead). */
export const componentTokenInput = z.object({ component_appid: appid, component_appsecret: requiredText(), component_verify_ticket: requiredText() });
/** api_authorizer_token (component token); `component_appid` is the account's own. */
export const authorizerTokenInput = z.object({ authorizer_appid: appid, authorizer_refresh_token: requiredText() });
/** get_authorizer_list: `count` at most 500 (40170 above). */
export const authorizerListInput = z.object({ offset: int(0), count: int(1, 500) });

/** The documented option names and their values (all strings): location_report 0/1/2, the others 0/1. */
export const AUTHORIZER_OPTIONS = {
  location_report: ["0", "1", "2"],
  voice_recognize: ["0", "1"],
  customer_service: ["0", "1"],
} as const;
export type AuthorizerOptionName = keyof typeof AUTHORIZER_OPTIONS;
const optionName = z.enum(Object.keys(AUTHORIZER_OPTIONS) as [AuthorizerOptionName, ...AuthorizerOptionName[]], INVALID);

export const getAuthorizerOptionInput = z.object({ authorizer_appid: appid, option_name: optionName });
export const setAuthorizerOptionInput = z
  .object({ authorizer_appid: appid, option_name: optionName, option_value: z.string(INVALID) })
  .refine((v) => (AUTHORIZER_OPTIONS[v.option_name] as readonly string[]).includes(v.option_value), {
    message: INVALID,
    path: ["option_value"],
  });

/** auth_type (§1.4): 1 OA, 2 mini-program, 3 both, 4 推客, 5 视频号, 6 all, 8 带货助手. */
export const AUTH_TYPES = [1, 2, 3, 4, 5, 6, 8] as const;

/** The authorization page link; `pre_auth_code` comes from createPreAuthCode. */
export const authorizationUrlInput = z.object({
  variant: z.enum(["pc", "h5"], INVALID).default("pc"),
  pre_auth_code: requiredText(512),
  redirect_uri: httpUrl,
  auth_type: z.literal(AUTH_TYPES, INVALID).default(2),
  biz_appid: appid.optional(),
  /** Permission-set ids; sent joined by `|`. Absent: every fully published set. */
  category_id_list: z.array(int(1), INVALID).min(1, INVALID).optional(),
});
export type AuthorizationUrlInput = z.input<typeof authorizationUrlInput>;

// ── answers ────────────────────────────────────────────────────────────────────────────────────────────────

export const componentTokenAnswer = z.looseObject({ component_access_token: z.string().min(1), expires_in: z.number() });
/** The refresh token may be rotated by any answer: the caller must save the one it gets. */
export const authorizerTokenAnswer = z.looseObject({
  authorizer_access_token: z.string().min(1),
  expires_in: z.number(),
  authorizer_refresh_token: z.string().optional(),
});
export const preAuthCodeAnswer = z.looseObject({ pre_auth_code: z.string().min(1), expires_in: z.number() });

/** func_info items carry only `funcscope_category.id` in real answers (older docs list more fields). */
export const funcInfo = z.array(z.looseObject({ funcscope_category: z.looseObject({ id: z.number() }) }));
/** The permission-set ids of a func_info list, as stored on the tenant. */
export const permissionSetsOf = (items: z.output<typeof funcInfo>) => [...new Set(items.map((f) => f.funcscope_category.id))].sort((a, b) => a - b);

export const queryAuthAnswer = z.looseObject({
  authorization_info: z.looseObject({
    authorizer_appid: z.string(),
    // Present only when the merchant granted API permissions (§1.3 c).
    authorizer_access_token: z.string().optional(),
    expires_in: z.number().optional(),
    authorizer_refresh_token: z.string().optional(),
    func_info: funcInfo.default([]),
  }),
});

export const authorizerInfoAnswer = z.looseObject({
  authorizer_info: z.looseObject({
    nick_name: z.string().default(""),
    head_img: z.string().optional(),
    service_type_info: z.looseObject({ id: z.number() }).optional(),
    verify_type_info: z.looseObject({ id: z.number() }).optional(),
    user_name: z.string().optional(),
    alias: z.string().optional(),
    principal_name: z.string().default(""),
    signature: z.string().optional(),
    // Present ⇒ the account is a mini-program.
    MiniProgramInfo: z.looseObject({}).optional(),
    register_type: z.number().optional(),
    account_status: z.number().optional(),
  }),
  authorization_info: z.looseObject({
    authorizer_appid: z.string(),
    authorizer_refresh_token: z.string().optional(),
    func_info: funcInfo.default([]),
  }),
});

export const authorizerListAnswer = z.looseObject({
  total_count: z.number(),
  list: z.array(z.looseObject({ authorizer_appid: z.string(), refresh_token: z.string(), auth_time: z.number() })),
});

export const authorizerOptionAnswer = okAnswer.extend({
  authorizer_appid: z.string().optional(),
  option_name: z.string(),
  option_value: z.string(),
});

export type QueryAuthAnswer = z.output<typeof queryAuthAnswer>;
export type AuthorizerInfoAnswer = z.output<typeof authorizerInfoAnswer>;
export type AuthorizerListAnswer = z.output<typeof authorizerListAnswer>;
