/**
 * WeChat (and Baidu) error-code meanings for operators. Pure and dependency-free: the browser imports it to
 * show what a refused call means, the server uses the class to decide between retrying, refreshing a token
 * and stopping. Always key on errcode: live errmsg strings end with a variable " rid: …" suffix.
 */
import { BAIDU_ERROR_CATALOG, ERROR_CATALOG, type ErrorClass, type ErrorEntry } from "./catalog";

export { BAIDU_ERROR_CATALOG, ERROR_CATALOG };
export type { ErrorClass, ErrorEntry };

export type ErrorLocale = "zh-CN" | "en";
export type ErrorPlatform = "wechat" | "baidu";

export type ErrcodeDescription = { message: string; class: ErrorClass; known: boolean };

function lookup(errcode: number, platform: ErrorPlatform): ErrorEntry | undefined {
  if (!Number.isInteger(errcode)) return undefined;
  const catalog = platform === "baidu" ? BAIDU_ERROR_CATALOG : ERROR_CATALOG;
  return Object.hasOwn(catalog, errcode) ? catalog[errcode] : undefined;
}

export function describeErrcode(
  errcode: number,
  locale: ErrorLocale,
  platform: ErrorPlatform = "wechat",
): ErrcodeDescription {
  const entry = lookup(errcode, platform);
  if (entry) {
    return { message: locale === "en" ? entry.en : entry.zh, class: entry.class, known: true };
  }
  const code = String(errcode);
  return {
    message:
      locale === "en"
        ? `Unknown error code ${code}: check the errmsg returned by the platform.`
        : `未知错误码 ${code}：请查看平台返回的 errmsg。`,
    class: "unknown",
    known: false,
  };
}

export function errorClassOf(errcode: number, platform: ErrorPlatform = "wechat"): ErrorClass {
  return lookup(errcode, platform)?.class ?? "unknown";
}

export function isRetryableErrcode(errcode: number, platform: ErrorPlatform = "wechat"): boolean {
  return errorClassOf(errcode, platform) === "retryable";
}
