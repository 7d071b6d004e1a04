/**
 * Error-code catalog data (pure, shared with the browser). Chinese text follows the seed documents where they
 * give one, otherwise WeChat's global return-code list (as mirrored by WxJava's WxOpenErrorMsgEnum), otherwise
 * the reference's description. Lookups live in ./index.ts.
 *
 * Classes, and the choices behind them:
 * - retryable: transient; the same request may succeed later (system busy, short-window rate limits, the privacy
 *   scan after commit, a concurrent commit still running). Callers still must not blindly repeat commit.
 * - token: the access token sent with the call was rejected; fetch a fresh one and retry once.
 * - quota: a counted daily/monthly allowance is used up; stop until it resets (or is cleared).
 * - state: valid request, but the current state forbids it (audit running, nothing to release, list full…).
 * - input: the request or the configuration is wrong (params, ext_json, appid/secret, wrong token type).
 * - permission: a person must act — re-authorize, grant a permission set, whitelist an IP, publish the platform.
 *   61003, 61023 and 42007 are here rather than under "token": refreshing cannot fix them, only a new
 *   authorization by the merchant can.
 */

import type { ErrorCatalog } from "@/lib/platforms/error-catalog";
import { WXA_ERRORS } from "./catalog-wxa";

export const ERROR_CATALOG: ErrorCatalog = Object.freeze<ErrorCatalog>({
  // ── General ────────────────────────────────────────────────────────────────────────────────────────────
  "-1": { class: "retryable", zh: "系统繁忙，此时请开发者稍候再试", en: "WeChat is busy (system error). Retry after a short wait." },
  40001: {
    class: "token",
    zh: "获取 access_token 时 AppSecret 错误，或者 access_token 无效。请开发者认真比对 AppSecret 的正确性，或查看是否正在为恰当的公众号调用接口",
    en: "The access token is invalid or no longer the latest (or the AppSecret is wrong). Refresh the token and retry once; if it persists, check the credentials and the token type.",
  },
  40005: { class: "input", zh: "上传素材文件格式不对", en: "The uploaded media file has an unsupported format (images: png/jpeg/jpg/gif; video: mp4)." },
  40006: { class: "input", zh: "上传素材文件大小超出限制", en: "The uploaded media file is too large (images up to 2 MB, video up to 10 MB)." },
  40007: { class: "input", zh: "不合法的媒体文件 id", en: "Invalid media_id: the platform has no such media for this account (or it has expired)." },
  40013: { class: "input", zh: "不合法的 AppID", en: "Invalid AppID: check the appid sent and that it belongs to the token's account." },
  40014: {
    class: "token",
    zh: "不合法的 access_token，请开发者认真比对 access_token 的有效性（如是否过期），或查看是否正在为恰当的公众号调用接口",
    en: "The access token is malformed or not valid for this account. Get a fresh token and retry.",
  },
  40097: { class: "input", zh: "参数错误", en: "Invalid arguments: check the request parameters." },
  40125: { class: "input", zh: "不合法的 AppSecret，请检查 AppSecret 是否正确", en: "Invalid AppSecret: check the platform's AppSecret in the account settings." },
  40164: { class: "permission", zh: "调用接口的 IP 地址不在白名单中", en: "The calling server's IP address is not in the account's IP whitelist: add it in the WeChat console." },
  40170: { class: "input", zh: "参数数量超过限制（如 get_authorizer_list 的 count 超过 500）", en: "Too many items requested (for example count above 500 in get_authorizer_list)." },
  41001: { class: "token", zh: "缺少 access_token 参数", en: "The access_token parameter is missing: the call was sent without a token." },
  41002: { class: "input", zh: "缺少 appid 参数", en: "The appid parameter is missing." },
  41004: { class: "input", zh: "缺少 secret 参数", en: "The AppSecret parameter is missing." },
  41005: { class: "input", zh: "缺少多媒体文件数据，传输素材无视频或图片内容", en: "No media data: the upload contained no image or video." },
  41018: { class: "input", zh: "缺少 component_appid 参数", en: "The component_appid parameter is missing." },
  42001: { class: "token", zh: "access_token 超时，请检查 access_token 的有效期", en: "The access token has expired: refresh it and retry." },
  42007: {
    class: "permission",
    zh: "用户修改微信密码，access_token 和 refresh_token 失效，需要重新授权",
    en: "The administrator changed the account password, which revoked the access and refresh tokens: the merchant must authorize the mini-program again.",
  },
  43001: { class: "input", zh: "需要 GET 请求", en: "This API must be called with GET." },
  43002: { class: "input", zh: "需要 POST 请求", en: "This API must be called with POST." },
  43007: { class: "permission", zh: "需要授权方授权（require bizuser authorize）", en: "The account has not authorized the platform: the merchant must authorize it first." },
  44002: { class: "input", zh: "POST 的数据包为空", en: "Empty POST body: this API needs a JSON body (send {} when there are no parameters)." },
  44990: { class: "retryable", zh: "接口请求太快（超过每秒 5 次）", en: "Requests are too fast (more than 5 per second for this API): slow down and retry." },
  45009: {
    class: "quota",
    zh: "接口调用超过限制（reach max api daily quota limit）",
    en: "The daily call quota for this API is used up. Wait for the daily reset or clear the quota (clear_quota, 10 times per month).",
  },
  45011: { class: "retryable", zh: "API 调用太频繁，请稍候再试", en: "Per-minute frequency limit reached: retry in the next minute." },
  45035: { class: "permission", zh: "访问的客户端 IP 未登记，不在 IP 白名单中", en: "The client IP is not registered in the IP whitelist: add the server's IP in the platform settings." },
  45082: { class: "input", zh: "域名需要 ICP 备案", en: "The domain needs an ICP filing before it can be used." },
  47001: { class: "input", zh: "解析 JSON/XML 内容错误", en: "Malformed request body: the JSON/XML could not be parsed or a field has the wrong type." },
  48001: {
    class: "permission",
    zh: "api 功能未授权，请确认公众号/小程序已获得该接口",
    en: "The account may not use this API (not granted, or not available for this account type).",
  },
  48004: { class: "permission", zh: "api 接口被封禁，请登录 mp.weixin.qq.com 查看详情", en: "This API is banned for the account because of violations; see mp.weixin.qq.com for details." },
  48006: { class: "quota", zh: "api 禁止清零调用次数，因为清零次数达到上限", en: "The quota cannot be cleared: the limit of 10 clears per month has been reached." },

  // ── Authorization and platform tokens ──────────────────────────────────────────────────────────────────
  61003: {
    class: "permission",
    zh: "帐号未授权（该小程序未授权给第三方平台或已取消授权）",
    en: "The mini-program has not authorized this platform, or has revoked it: the merchant must authorize it again.",
  },
  61004: { class: "permission", zh: "访问的客户端 IP 未在第三方平台 IP 白名单中", en: "The server's IP address is not in the platform's IP whitelist: add it on the Open Platform console." },
  61005: {
    class: "state",
    zh: "component_verify_ticket 已过期",
    en: "The component_verify_ticket has expired: wait for the next push (every 10 minutes) or request one with api_start_push_ticket.",
  },
  61006: { class: "state", zh: "无效的 component_verify_ticket", en: "The component_verify_ticket is invalid: use the latest ticket pushed by WeChat." },
  61007: {
    class: "permission",
    zh: "接口未授权给第三方平台",
    en: "The merchant did not grant this API's permission set to the platform: ask them to authorize again with it selected.",
  },
  61009: { class: "input", zh: "无效的授权码", en: "The authorization code is invalid (mistyped or already used)." },
  61010: { class: "state", zh: "授权码已过期", en: "The authorization code has expired: the merchant must go through authorization again." },
  61011: { class: "input", zh: "无效的第三方平台", en: "Invalid component (platform) appid." },
  61012: { class: "input", zh: "无效的选项名称", en: "Invalid option name." },
  61013: { class: "input", zh: "无效的选项值", en: "Invalid option value." },
  61014: {
    class: "input",
    zh: "必须使用 component_access_token 调用第三方平台接口",
    en: "Wrong token type: platform (component) APIs need the component_access_token, not an authorizer token.",
  },
  61016: {
    class: "permission",
    zh: "接口所属权限集需要第三方平台确认",
    en: "The platform must first confirm this API's permission set on the Open Platform console.",
  },
  61023: {
    class: "permission",
    zh: "refresh_token 无效（授权已失效、已重新授权或刷新令牌错误）",
    en: "The refresh token is invalid: the merchant must authorize the mini-program again.",
  },
  61024: { class: "input", zh: "第三方平台帐号必须通过 api_component_token 获取令牌", en: "A platform account must obtain its token through api_component_token." },
  61025: { class: "input", zh: "只读选项，不可修改", en: "This option is read-only." },
  61028: {
    class: "permission",
    zh: "第三方平台未全网发布",
    en: "The platform is not fully published: only accounts in its test list can authorize it or be managed.",
  },

  // ── Privacy ────────────────────────────────────────────────────────────────────────────────────────────
  61031: { class: "state", zh: "该隐私接口已在申请中", en: "An application for this privacy API is already pending." },
  61032: { class: "input", zh: "视频格式错误，须为 mp4", en: "The video must be an mp4 file." },
  61034: { class: "input", zh: "缺少参数", en: "Required parameters are missing." },
  61035: { class: "state", zh: "该接口无需申请", en: "This API does not need an application." },
  61036: { class: "permission", zh: "不满足申请条件", en: "The account is not eligible to apply for this API." },
  61039: {
    class: "retryable",
    zh: "隐私接口检查任务未完成，请稍等一分钟再重试",
    en: "The privacy scan started by the last commit has not finished: wait about a minute and submit the audit again (do not commit again).",
  },
  61040: {
    class: "input",
    zh: "代码使用了地理位置等隐私接口，但未在 ext_json 的 requiredPrivateInfos 中声明，或该小程序没有对应接口权限",
    en: "The code uses location privacy APIs that are not declared in ext_json requiredPrivateInfos or not granted to this mini-program: declare or apply for them, or set privacy_api_not_use.",
  },
  86069: { class: "input", zh: "缺少 owner_setting（隐私保护指引的开发者信息）", en: "owner_setting is missing from the privacy settings." },
  86070: { class: "input", zh: "缺少 notice_method（通知方式）", en: "owner_setting.notice_method is missing." },
  86072: { class: "input", zh: "store_expire_timestamp 参数无效", en: "Invalid store_expire_timestamp." },
  86073: { class: "input", zh: "无效的 ext_file_media_id", en: "Invalid ext_file_media_id: upload the guide file with uploadprivacyextfile first." },
  86074: { class: "state", zh: "现网隐私保护指引不存在", en: "There is no live privacy guide for this mini-program yet." },
  86075: { class: "state", zh: "现网隐私保护指引的 ext_file_media_id 不可修改", en: "The custom guide file of the live privacy guide cannot be changed." },

  // ── getApiQuota ────────────────────────────────────────────────────────────────────────────────────────
  76003: { class: "input", zh: "cgi_path 格式错误", en: "Malformed cgi_path (it must start with / and contain no host)." },
  76021: { class: "input", zh: "cgi_path 填写错误", en: "Unknown cgi_path." },
  76022: {
    class: "input",
    zh: "当前调用凭证与该接口所属帐号不匹配",
    en: "The token does not belong to the account that owns this API (component token for platform APIs, authorizer token for mini-program APIs).",
  },

  // Code management, audit, release, QR-jump, domains, account binding: lib/platforms/wechat/errors/catalog-wxa.ts
  ...WXA_ERRORS,
  // ── WXBizMsgCrypt sample-code local codes (never returned by the API; kept so stored codes resolve) ────
  "-40001": { class: "input", zh: "签名验证错误", en: "Push message signature verification failed (ValidateSignatureError)." },
  "-40002": { class: "input", zh: "XML 解析失败", en: "The push message XML could not be parsed (ParseXmlError)." },
  "-40003": { class: "unknown", zh: "sha 加密生成签名失败", en: "Computing the signature failed (ComputeSignatureError)." },
  "-40004": { class: "input", zh: "EncodingAESKey 非法", en: "Invalid EncodingAESKey (IllegalAesKey): it must be 43 characters." },
  "-40005": { class: "input", zh: "appid 校验错误", en: "The decrypted appid does not match (ValidateAppidError)." },
  "-40006": { class: "unknown", zh: "AES 加密失败", en: "AES encryption failed (EncryptAESError)." },
  "-40007": { class: "input", zh: "AES 解密失败", en: "AES decryption failed (DecryptAESError): wrong key or corrupted message." },
  "-40008": { class: "input", zh: "解密后得到的 buffer 非法", en: "The decrypted buffer is malformed (IllegalBuffer)." },
  "-40009": { class: "unknown", zh: "base64 加密失败", en: "Base64 encoding failed (EncodeBase64Error)." },
  "-40010": { class: "input", zh: "base64 解密失败", en: "Base64 decoding failed (DecodeBase64Error)." },
  "-40011": { class: "unknown", zh: "生成回包 XML 失败", en: "Building the reply XML failed (GenReturnXmlError)." },
});
