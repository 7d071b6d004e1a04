import { PlatformError } from "@/lib/platforms/port";
import { errcodeMeaning, errorClassOf, type ErrorClass } from ".";

/**
 * WeChat's refusals and failed roads, as PlatformErrors: everything above the adapter catches PlatformError only and
 * reads code, meaning (zh/en), class and needsReauth; the WeChat names (errcode, errmsg, reason…) stay for the client's
 * own code and tests. Pure: the UI renders these too (code + meaning in the operator's language).
 */

// 61023 refresh_token invalid, 61003 the component is not authorized by this mini-program: the grant is gone.
const REAUTH_ERRCODES = new Set([61023, 61003]);

/**
 * The platform refused a call: `{"errcode": N, "errmsg": "… rid: …"}`. Code and class come from the errcode only;
 * the raw errmsg is kept for the history and support, never matched on (it carries a per-request rid suffix).
 */
/** The ` rid: …` suffix every live errmsg carries (reference §0), or undefined. */
export function ridOf(errmsg: string): string | undefined {
  return /\brid: ([\w-]{1,64})\s*$/.exec(errmsg)?.[1];
}

export class WeChatError extends PlatformError {
  declare readonly code: number;

  constructor(errcode: number, errmsg: string, path: string, evidence?: string) {
    super("wechat", errcode, errmsg, errcodeMeaning(errcode), errorClassOf(errcode), { path, needsReauth: REAUTH_ERRCODES.has(errcode), evidence, rid: ridOf(errmsg) });
    this.name = "WeChatError";
  }

  get errcode(): number {
    return this.code;
  }

  get errmsg(): string {
    return this.rawMessage;
  }

  get path(): string {
    return this.options.path ?? "";
  }

  get class(): ErrorClass {
    return this.errorClass;
  }

  /** The same refusal, naming the grant it refused (lib/platforms/wechat/grants.ts `evidenceOf`). */
  withEvidence(evidence: string): WeChatError {
    return new WeChatError(this.errcode, this.errmsg, this.path, evidence);
  }
}

/**
 * The call never got a platform answer: network failure, timeout, HTTP 5xx, or a body that is not the API's.
 * Retryable unless the road itself is wrong (a redirect: asking again goes the same way).
 */
export class WeChatTransportError extends PlatformError {
  constructor(
    readonly path: string,
    readonly reason: string,
    httpStatus?: number,
    retryable = true,
  ) {
    const meaning = { "zh-CN": `无法连接微信平台：${reason}`, en: `The WeChat platform could not be reached: ${reason}` };
    super("wechat", null, reason, meaning, retryable ? "retryable" : "unknown", { path, httpStatus });
    this.name = "WeChatTransportError";
    this.message = `${path}: ${reason}`;
  }

  get httpStatus(): number | undefined {
    return this.options.httpStatus;
  }
}

/** Nothing was sent: the API base is not one the console may send its secrets to (lib/platforms/wechat/api-base.ts). */
export class ApiBaseRefusedError extends PlatformError {
  constructor(
    readonly path: string,
    readonly base: string,
  ) {
    // The origin only: a refused base may carry credentials in its user-info part.
    const said = `not sent, the API base ${URL.canParse(base) ? new URL(base).origin : "(malformed)"} is not allowed`;
    const meaning = {
      "zh-CN": "请求未发送：该平台账号的 API 地址不在允许的主机范围内。请在“设置 → 平台账号”中修改。",
      en: "Not sent: this platform account's API base is not an allowed host. Change it in Settings → Platform accounts.",
    };
    super("wechat", null, said, meaning, "input", { path });
    this.name = "ApiBaseRefusedError";
    this.message = `${path}: ${said}`;
  }
}
