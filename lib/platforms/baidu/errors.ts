import { describeCode, entryOf, meaningOf, type CodeDescription, type ErrorCatalog } from "@/lib/platforms/error-catalog";
import type { ErrorClass, ErrorLocale } from "@/lib/platforms/port";

/**
 * Baidu smart-program errno values, in their own namespace (Baidu's 40001 means "bad parameter", not "invalid
 * token"). Pure: the browser shows meanings too.
 *
 * Where each entry comes from:
 * - the package-management document (the seed): 40001 参数错误 is the only errno it names;
 * - the reference's Baidu section: 50032 (no authorization relation, from retrieve/authorizationcode); the register
 *   API's 50016–50027 and 47008 are named there without meanings and are left out;
 * - Baidu's general open-API codes for a refused access token (110 invalid, 111 expired): not in either document,
 *   but what the open API answers for a bad token; the emulator answers them too;
 * - EMULATOR CHOICES (`BAIDU_EMULATOR_ERRNOS`): the documents give no errno for a refused state transition (submit
 *   without a development package, release without an approved one…). The emulator (lib/sandbox/baidu) picks
 *   these numbers; the console only relies on their class, never on the number.
 */
export const BAIDU_ERROR_CATALOG: ErrorCatalog = Object.freeze<ErrorCatalog>({
  40001: { class: "input", zh: "参数错误", en: "Invalid parameters (Baidu errno 40001)." },
  50032: {
    class: "permission",
    zh: "没有授权关系",
    en: "The smart program has not authorized this platform: the merchant must authorize it again.",
  },
  110: { class: "token", zh: "access_token 无效或已失效", en: "The access token is invalid or no longer valid: refresh it and retry once." },
  111: { class: "token", zh: "access_token 已过期", en: "The access token has expired: refresh it and retry once." },
  // ── emulator choices (lib/sandbox/baidu/errors.ts): state refusals the documents describe in words only ──
  "-1": { class: "retryable", zh: "系统错误，请稍后重试", en: "Baidu reported a system error: retry after a short wait." },
  60001: { class: "input", zh: "代码包不存在", en: "No such package (it may have been replaced by a newer one)." },
  60002: { class: "state", zh: "代码包当前的状态不允许此操作", en: "The package's current status does not allow this (e.g. submitting a package that is not the development one, releasing one that has not passed audit)." },
  60003: { class: "permission", zh: "小程序基本信息尚未审核通过，无法提交审核", en: "The smart program's basic information is not approved yet: it cannot be submitted for audit." },
  60004: { class: "permission", zh: "主体真实性认证未通过，无法发布", en: "The principal's authenticity is not verified: the package cannot be released." },
  60005: { class: "quota", zh: "审核额度已用完", en: "The audit quota is used up." },
  60006: { class: "retryable", zh: "代码包仍在上传中或上传失败", en: "The package is still uploading (or its upload failed): wait a few seconds, or upload again." },
  60007: { class: "state", zh: "没有可回滚的上一个线上版本", en: "There is no earlier online version to roll back to." },
  60008: { class: "input", zh: "模板不存在", en: "No such template." },
  60009: { class: "input", zh: "草稿不存在", en: "No such draft." },
  60010: { class: "state", zh: "已有代码包在审核中", en: "A package is already under audit: wait for the result or withdraw it." },
  60011: { class: "state", zh: "client_id 或 ticket 无效", en: "The client_id or the ticket is not accepted: wait for the next ticket push (every 10 minutes)." },
  60012: { class: "state", zh: "线上版本正在回滚中", en: "The online package is rolling back: wait until it is done." },
  60404: { class: "input", zh: "接口不存在", en: "Unknown API." },
  60405: { class: "input", zh: "请求方法不被允许", en: "Request method not allowed." },
});

/** The errnos above that the emulator chose (no document gives them): kept apart so they can be told from Baidu's own. */
export const BAIDU_EMULATOR_ERRNOS: ReadonlySet<number> = new Set([-1, 60001, 60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60404, 60405]);

export const describeBaiduErrno = (errno: number, locale: ErrorLocale): CodeDescription => describeCode(BAIDU_ERROR_CATALOG, errno, locale);

export const baiduErrorClassOf = (errno: number): ErrorClass => entryOf(BAIDU_ERROR_CATALOG, errno)?.class ?? "unknown";

/** The meaning in both languages (PlatformError's `meaning`). */
export const baiduErrnoMeaning = (errno: number) => meaningOf(BAIDU_ERROR_CATALOG, errno);

/**
 * The OAuth token endpoint (`/rest/2.0/oauth/token`) refuses with `{error, error_description}` (OAuth 2.0 names, no
 * number). `invalid_grant` on a refresh means the refresh token is dead (used once already, or the authorization is
 * gone): the grant must be recovered (retrieve/authorizationcode) or the merchant must authorize again.
 */
export const BAIDU_OAUTH_ERRORS: Readonly<Record<string, { zh: string; en: string; class: ErrorClass }>> = Object.freeze({
  invalid_request: { class: "input", zh: "请求缺少参数或参数无效", en: "The token request is missing a parameter or has an invalid one." },
  invalid_client: { class: "input", zh: "client_id 或第三方平台凭据无效", en: "The platform's client_id or its token is not accepted." },
  invalid_grant: { class: "permission", zh: "授权码或 refresh_token 无效、已使用或已过期", en: "The authorization code or refresh token is invalid, already used or expired." },
  unauthorized_client: { class: "permission", zh: "第三方平台无权使用该授权方式", en: "The platform may not use this grant type." },
  unsupported_grant_type: { class: "input", zh: "不支持的 grant_type", en: "Unsupported grant_type." },
  expired_token: { class: "token", zh: "第三方平台 access_token 已过期", en: "The platform's access token has expired." },
  invalid_scope: { class: "permission", zh: "权限范围无效", en: "Invalid scope." },
});

export function describeBaiduOAuthError(error: string): { meaning: Record<ErrorLocale, string>; class: ErrorClass } {
  const entry = Object.hasOwn(BAIDU_OAUTH_ERRORS, error) ? BAIDU_OAUTH_ERRORS[error] : undefined;
  if (entry) return { meaning: { "zh-CN": entry.zh, en: entry.en }, class: entry.class };
  return {
    meaning: { "zh-CN": `百度授权接口返回未知错误 ${error}。`, en: `The Baidu token endpoint answered an unknown error ${error}.` },
    class: "unknown",
  };
}
