import type { z } from "zod";
import { PlatformError } from "@/lib/platforms/port";
import { baiduErrnoMeaning, baiduErrorClassOf, describeBaiduOAuthError } from "./errors";

/**
 * Baidu's refusals and failed roads as PlatformErrors: everything above the adapter catches PlatformError only.
 * Pure (the UI renders these too).
 */

// 50032: no authorization relation between the smart program and this platform: only the merchant can fix it.
const REAUTH_ERRNOS = new Set([50032]);

/** The platform refused a call: `{"errno": N, "msg": "…"}`. Code and class come from the errno only. */
export class BaiduError extends PlatformError {
  declare readonly code: number;

  constructor(errno: number, msg: string, path: string, evidence?: string) {
    super("baidu", errno, msg, baiduErrnoMeaning(errno), baiduErrorClassOf(errno), { path, needsReauth: REAUTH_ERRNOS.has(errno), evidence });
    this.name = "BaiduError";
  }

  get errno(): number {
    return this.code;
  }

  /** The same refusal, naming the grant it refused (./grants.ts). */
  withEvidence(evidence: string): BaiduError {
    return new BaiduError(this.code, this.rawMessage, this.options.path ?? "", evidence);
  }
}

/**
 * The OAuth token endpoint refused: `{"error": "invalid_grant", "error_description": "…"}` (no number). `needsReauth`
 * only when the token authority has found the grant unrecoverable (./tokens.ts), never for a bare refusal.
 */
export class BaiduOAuthError extends PlatformError {
  constructor(
    readonly error: string,
    readonly description: string,
    path: string,
    options: { needsReauth?: boolean; evidence?: string } = {},
  ) {
    const { meaning, class: errorClass } = describeBaiduOAuthError(error);
    super("baidu", null, description ? `${error}: ${description}` : error, meaning, errorClass, { path, ...options });
    this.name = "BaiduOAuthError";
  }

  /** The same refusal, marked as the end of the grant (recovery failed too), naming the grant. */
  asLostGrant(evidence: string): BaiduOAuthError {
    return new BaiduOAuthError(this.error, this.description, this.options.path ?? "", { needsReauth: true, evidence });
  }
}

/** No platform answer: network failure, timeout, HTTP 5xx or 3xx, a body that is not the API's. */
export class BaiduTransportError extends PlatformError {
  constructor(
    readonly path: string,
    readonly reason: string,
    httpStatus?: number,
    retryable = true,
  ) {
    const meaning = { "zh-CN": `无法连接百度智能小程序平台：${reason}`, en: `The Baidu smart-program platform could not be reached: ${reason}` };
    super("baidu", null, reason, meaning, retryable ? "retryable" : "unknown", { path, httpStatus });
    this.name = "BaiduTransportError";
    this.message = `${path}: ${reason}`;
  }
}

/** Nothing was sent: the API base is not one the console may send its tokens to (./api-base.ts). */
export class BaiduApiBaseRefusedError extends PlatformError {
  constructor(path: string, base: string) {
    const said = `not sent, the API base ${URL.canParse(base) ? new URL(base).origin : "(malformed)"} is not allowed`;
    const meaning = {
      "zh-CN": "请求未发送：该平台账号的 API 地址不在允许的主机范围内。请在“设置 → 平台账号”中修改。",
      en: "Not sent: this platform account's API base is not an allowed host. Change it in Settings → Platform accounts.",
    };
    super("baidu", null, said, meaning, "input", { path });
    this.name = "BaiduApiBaseRefusedError";
    this.message = `${path}: ${said}`;
  }
}

export type FieldErrors = Record<string, string[]>;

/** The caller's input broke a documented limit: refused before anything is sent (keys are `validation.*`). */
export class BaiduInputError extends PlatformError {
  readonly fieldErrors: FieldErrors;

  constructor(
    readonly endpoint: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const fieldErrors: FieldErrors = {};
    for (const issue of issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    const fields = Object.keys(fieldErrors).join(", ");
    const meaning = {
      "zh-CN": `请求未发送：以下字段不符合平台文档规定的限制：${fields}`,
      en: `Not sent: these fields break the platform's documented limits: ${fields}`,
    };
    super("baidu", null, "", meaning, "input", { path: endpoint });
    this.name = "BaiduInputError";
    this.message = `${endpoint}: invalid input: ${issues.map((i) => `${i.path.join(".") || "(input)"} ${i.message}`).join("; ")}`;
    this.fieldErrors = fieldErrors;
  }
}

/** The platform answered success in a shape its documents do not describe (the answer is in the history). */
export class BaiduAnswerError extends PlatformError {
  constructor(
    readonly endpoint: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const said = `unexpected answer: ${issues.map((i) => `${i.path.join(".") || "(answer)"} ${i.message}`).join("; ")}`;
    const meaning = {
      "zh-CN": `百度平台的应答与文档不符（${endpoint}），应答已记入操作历史。`,
      en: `Baidu answered ${endpoint} in a shape its documents do not describe; the answer is in the history.`,
    };
    super("baidu", null, said, meaning, "unknown", { path: endpoint });
    this.name = "BaiduAnswerError";
    this.message = `${endpoint}: ${said}`;
  }
}

/**
 * A refusal decided on our side, before any call: Baidu has no such operation (gray release, QR-jump rules…), or
 * the package the operation needs is not there (release without an approved package). `code` null: the platform
 * was not asked.
 */
export class BaiduLocalRefusal extends PlatformError {
  constructor(path: string, errorClass: "state" | "input", meaning: { "zh-CN": string; en: string }) {
    super("baidu", null, meaning.en, meaning, errorClass, { path });
    this.name = "BaiduLocalRefusal";
  }
}

/** An operation the Baidu platform does not offer to third-party platforms. */
export const unsupported = (operation: string) =>
  new BaiduLocalRefusal(operation, "input", {
    "zh-CN": `百度智能小程序第三方平台不提供此功能（${operation}）。`,
    en: `Baidu smart programs do not offer this to third-party platforms (${operation}).`,
  });

/** No ticket has arrived yet: Baidu pushes one every 10 minutes to the authorization event URL. */
export class NoBaiduTicketError extends PlatformError {
  constructor(readonly accountId: string) {
    const meaning = {
      "zh-CN": "该百度平台账号还没有收到 ticket 推送。请检查授权事件接收 URL（每 10 分钟推送一次）。",
      en: "No ticket has arrived for this Baidu platform account yet. Check the authorization event URL (Baidu pushes one every 10 minutes).",
    };
    super("baidu", null, "no ticket yet", meaning, "state");
    this.name = "NoBaiduTicketError";
  }
}
