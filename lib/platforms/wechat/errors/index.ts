/**
 * WeChat error-code meanings for operators. Pure (nothing server-side): the browser imports it to show what a refused
 * call means, the server uses the class to decide between retrying, refreshing a token and stopping. Always key on
 * errcode: live errmsg strings end with a variable " rid: …" suffix. Other platforms keep their own catalogs.
 */
import { describeCode, entryOf, meaningOf, type CodeDescription, type ErrorEntry } from "@/lib/platforms/error-catalog";
import type { ErrorClass, ErrorLocale } from "@/lib/platforms/port";
import { ERROR_CATALOG } from "./catalog";

export { ERROR_CATALOG };
export type { ErrorClass, ErrorEntry, ErrorLocale };

export type ErrcodeDescription = CodeDescription;

export const describeErrcode = (errcode: number, locale: ErrorLocale): ErrcodeDescription => describeCode(ERROR_CATALOG, errcode, locale);

/** The meaning in both languages (PlatformError's `meaning`). */
export const errcodeMeaning = (errcode: number) => meaningOf(ERROR_CATALOG, errcode);

export const errorClassOf = (errcode: number): ErrorClass => entryOf(ERROR_CATALOG, errcode)?.class ?? "unknown";

export const isRetryableErrcode = (errcode: number): boolean => errorClassOf(errcode) === "retryable";
