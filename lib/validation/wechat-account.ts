import { z } from "zod";
import { AES_KEY_LENGTH } from "./limits";

/**
 * The formats of a WeChat third-party platform's credentials, as its settings page shows them (shared by the browser
 * and the server). A second platform brings its own file beside this one; lib/validation/accounts.ts composes them.
 */

/** WeChat app ids: "wx" and 16 letters or digits. */
export const componentAppIdField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .regex(/^wx[0-9a-zA-Z]{16}$/, "validation.appId");

/** The message-check Token: 3–32 letters or digits (the platform's settings page refuses anything else). */
export const pushTokenField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .regex(/^[A-Za-z0-9]{3,32}$/, "validation.pushToken");

/** EncodingAESKey: 43 letters or digits (base64 of 32 bytes without its trailing "="). */
export const aesKeyField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .regex(new RegExp(`^[A-Za-z0-9]{${AES_KEY_LENGTH}}$`), "validation.aesKey");

