import { z } from "zod";

/**
 * The formats of a Baidu smart-program third-party platform's credentials, as its developer settings show them
 * (shared by the browser and the server). lib/validation/accounts.ts composes them with WeChat's.
 *
 * Baidu names the platform by its `client_id` (the "TP key"); its documents give no length or alphabet for it, nor
 * for the message-check token, so these only refuse what cannot be one: whitespace, characters that would need
 * escaping in the callback URL the console builds from it, absurd lengths. The EncodingAESKey is WXBizMsgCrypt's
 * (43 letters or digits), the same rule as WeChat's (./wechat-account.ts `aesKeyField`).
 */

/** client_id: letters, digits, `_` and `-`, at most 64 (it becomes a path segment of the push URLs). */
export const baiduClientIdField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "validation.baiduClientId");

/** The push token (signs every push): 3 to 64 letters or digits. */
export const baiduPushTokenField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .regex(/^[A-Za-z0-9]{3,64}$/, "validation.baiduPushToken");
