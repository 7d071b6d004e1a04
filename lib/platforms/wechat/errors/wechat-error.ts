import { PlatformError } from "@/lib/platforms/port";
import { describeErrcode, errorClassOf, type ErrorClass } from ".";

/**
 * The platform refused a call: `{"errcode": N, "errmsg": "… rid: …"}`. Code and class come from the errcode only;
 * the raw errmsg is kept for the history and support, never matched on (it carries a per-request rid suffix).
 * Pure: the UI renders these too (code + meaning in the operator's language).
 */
export class WeChatError extends Error {
  readonly class: ErrorClass;

  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`${path}: ${errcode} ${describeErrcode(errcode, "en").message}`);
    this.name = "WeChatError";
    this.class = errorClassOf(errcode);
  }

  /** The catalog's explanation in zh-CN or en, for people. */
  describe(locale: "zh-CN" | "en"): string {
    return describeErrcode(this.errcode, locale).message;
  }

  get retryable(): boolean {
    return this.class === "retryable";
  }
}

/**
 * The call never got a platform answer: network failure, timeout, HTTP 5xx, or a body that is not the API's.
 * Retryable unless the road itself is wrong (a redirect: asking again goes the same way).
 */
export class WeChatTransportError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly httpStatus?: number,
    readonly retryable = true,
  ) {
    super(`${path}: ${reason}`);
    this.name = "WeChatTransportError";
  }
}

/** Nothing was sent: the API base is not one the console may send its secrets to (lib/platforms/wechat/api-base.ts). */
export class ApiBaseRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly base: string,
  ) {
    // The origin only: a refused base may carry credentials in its user-info part.
    super(`${path}: not sent, the API base ${URL.canParse(base) ? new URL(base).origin : "(malformed)"} is not allowed`);
    this.name = "ApiBaseRefusedError";
  }
}

/** Plain, serialisable form for server-action results and job items. */
export function errorInfo(error: unknown, locale: "zh-CN" | "en") {
  if (error instanceof WeChatError) {
    return { errcode: error.errcode, class: error.class, message: error.describe(locale) };
  }
  if (error instanceof WeChatTransportError) {
    return { errcode: null, class: error.retryable ? ("retryable" as const) : ("unknown" as const), message: error.message };
  }
  if (error instanceof ApiBaseRefusedError) return { errcode: null, class: "input" as const, message: error.message };
  return null;
}

// 61023 refresh_token invalid, 61003 the component is not authorized by this mini-program: the grant is gone.
const REAUTH_ERRCODES = new Set([61023, 61003]);

/** A WeChat refusal (or a failed road to WeChat) in the port's terms; anything else is returned unchanged. */
export function asPlatformError(error: unknown): unknown {
  if (error instanceof WeChatError) {
    const meaning = { "zh-CN": error.describe("zh-CN"), en: error.describe("en") };
    return new PlatformError("wechat", error.errcode, error.errmsg, meaning, error.class, { path: error.path, needsReauth: REAUTH_ERRCODES.has(error.errcode) });
  }
  if (error instanceof WeChatTransportError) {
    const meaning = { "zh-CN": `无法连接微信平台：${error.reason}`, en: `The WeChat platform could not be reached: ${error.reason}` };
    return new PlatformError("wechat", null, error.reason, meaning, "retryable", { path: error.path, httpStatus: error.httpStatus });
  }
  return error;
}
