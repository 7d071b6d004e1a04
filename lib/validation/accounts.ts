import { z } from "zod";
import { PLATFORMS } from "@/lib/vocab";
import { AES_KEY_LENGTH } from "./limits";
import { aesKeyField, componentAppIdField, pushTokenField } from "./wechat-account";

export { aesKeyField, componentAppIdField, pushTokenField };

/**
 * Platform-account form schemas, shared by the browser and the server. Messages are catalog keys ("validation.*").
 * The formats are the WeChat open platform's own rules for the values an admin copies from its settings page.
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

// Baidu smart programs come later: the choice is shown, disabled, and refused here too.
const platformField = z
  .enum(PLATFORMS, "validation.invalid")
  .refine((p) => p === "wechat", "validation.platformLater")
  .transform(() => "wechat" as const);

export const createAccountSchema = z.object({
  platform: platformField,
  name: accountNameField,
  appId: componentAppIdField,
  secret: secretField,
  token: pushTokenField,
  aesKey: aesKeyField,
  apiBase: apiBaseField,
});
export type CreateAccountInput = z.output<typeof createAccountSchema>;

/** Secrets left empty keep their stored value; the component appid cannot change (tenants hang from it). */
export const updateAccountSchema = z.object({
  id: z.uuid("validation.invalid"),
  name: accountNameField,
  secret: z.preprocess(blankToUndefined, secretField.optional()),
  token: z.preprocess(blankToUndefined, pushTokenField.optional()),
  aesKey: z.preprocess(blankToUndefined, aesKeyField.optional()),
  apiBase: apiBaseField,
});
export type UpdateAccountInput = z.output<typeof updateAccountSchema>;

export const accountIdSchema = z.object({ id: z.uuid("validation.invalid") });
