import { z } from "zod";
import { AES_KEY_LENGTH } from "./limits";
import { aesKeyField, componentAppIdField, pushTokenField } from "./wechat-account";
import { baiduClientIdField, baiduPushTokenField } from "./baidu-account";

export { aesKeyField, baiduClientIdField, baiduPushTokenField, componentAppIdField, pushTokenField };

/**
 * Platform-account form schemas, shared by the browser and the server. Messages are catalog keys ("validation.*").
 * The formats are each platform's own rules for the values an admin copies from its settings page: WeChat's in
 * ./wechat-account.ts, Baidu's in ./baidu-account.ts. The form's `platform` picks which set applies.
 */

// An empty form field means "not given": optional on create, "keep the stored value" on update.
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export { AES_KEY_LENGTH };

export const accountNameField = z.string().trim().min(1, "validation.required").max(100, "validation.tooLong");

export const secretField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .max(128, "validation.tooLong")
  .regex(/^\S+$/, "validation.invalid");

/** A plain http(s) address: no user name, password, query or fragment (they would go into every request URL). */
const isPlainHttpUrl = (v: string) => {
  if (!/^https?:\/\//i.test(v) || !URL.canParse(v)) return false;
  const url = new URL(v);
  return !url.username && !url.password && !url.search && !url.hash;
};

/**
 * Optional API host (the sandbox, a proxy); stored without its trailing slash. The format only: which hosts are
 * allowed depends on the server's environment and is checked there (lib/platforms/wechat/api-base.ts).
 */
export const apiBaseField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .refine(isPlainHttpUrl, "validation.httpUrl")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
);

/** A WeChat third-party platform: component appid, AppSecret, push Token, EncodingAESKey. */
const wechatAccountSchema = z.object({
  platform: z.literal("wechat"),
  name: accountNameField,
  appId: componentAppIdField,
  secret: secretField,
  token: pushTokenField,
  aesKey: aesKeyField,
  apiBase: apiBaseField,
});

/**
 * A Baidu smart-program third-party platform: its client_id (the "TP key") in `appId`, the push token and
 * EncodingAESKey. No secret: Baidu's TP token is granted for the client_id and the pushed ticket alone.
 */
const baiduAccountSchema = z.object({
  platform: z.literal("baidu"),
  name: accountNameField,
  appId: baiduClientIdField,
  token: baiduPushTokenField,
  aesKey: aesKeyField,
  apiBase: apiBaseField,
});

export const createAccountSchema = z.discriminatedUnion("platform", [wechatAccountSchema, baiduAccountSchema], { error: "validation.invalid" });
export type CreateAccountInput = z.output<typeof createAccountSchema>;

/**
 * Secrets left empty keep their stored value; the platform and its appid (client_id) cannot change (tenants hang
 * from them). A Baidu account's form has no secret field. Token formats are checked by the server against the
 * account's platform (lib/console/accounts.ts): this schema accepts either platform's.
 */
export const updateAccountSchema = z.object({
  id: z.uuid("validation.invalid"),
  name: accountNameField,
  secret: z.preprocess(blankToUndefined, secretField.optional()),
  token: z.preprocess(blankToUndefined, baiduPushTokenField.optional()),
  aesKey: z.preprocess(blankToUndefined, aesKeyField.optional()),
  apiBase: apiBaseField,
});
export type UpdateAccountInput = z.output<typeof updateAccountSchema>;

export const accountIdSchema = z.object({ id: z.uuid("validation.invalid") });

/** A WeChat account's creation input (the one with an AppSecret). */
export type WechatAccountInput = Extract<CreateAccountInput, { platform: "wechat" }>;
