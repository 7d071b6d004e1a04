import type { ErrorClass, ErrorLocale } from "./port";

/**
 * What every platform's error catalog is made of, and how a code is looked up in one. Pure (the browser shows
 * meanings too). Each platform keeps its own catalog (lib/platforms/<platform>/errors): the same number means
 * different things on different platforms (WeChat's 40001 is a bad token, Baidu's a bad parameter).
 */

export type ErrorEntry = { zh: string; en: string; class: ErrorClass };
export type ErrorCatalog = Readonly<Record<number, ErrorEntry>>;
export type CodeDescription = { message: string; class: ErrorClass; known: boolean };

/** Own integer keys only: "constructor" or 1.5 are not codes. */
export function entryOf(catalog: ErrorCatalog, code: number): ErrorEntry | undefined {
  if (!Number.isInteger(code)) return undefined;
  return Object.hasOwn(catalog, code) ? catalog[code] : undefined;
}

export function describeCode(catalog: ErrorCatalog, code: number, locale: ErrorLocale): CodeDescription {
  const entry = entryOf(catalog, code);
  if (entry) return { message: locale === "en" ? entry.en : entry.zh, class: entry.class, known: true };
  const text = String(code);
  return {
    message: locale === "en" ? `Unknown error code ${text}: check the errmsg returned by the platform.` : `未知错误码 ${text}：请查看平台返回的 errmsg。`,
    class: "unknown",
    known: false,
  };
}

/** The catalog's meaning in both languages, as a PlatformError carries it. */
export const meaningOf = (catalog: ErrorCatalog, code: number): Record<ErrorLocale, string> => ({
  "zh-CN": describeCode(catalog, code, "zh-CN").message,
  en: describeCode(catalog, code, "en").message,
});
