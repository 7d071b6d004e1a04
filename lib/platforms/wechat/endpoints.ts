import type { z } from "zod";
import * as s from "./schemas";

/**
 * Every WeChat endpoint the console calls, declared once: method, path, token, input schema (the documented limits,
 * checked before anything is sent), answer schema (or binary), retry class, and the fields the client adds from its
 * own context (the account's appid, its secret: never the caller's). The history action name is derived from the
 * path (`actionOf`). The clients (./client.ts) are generated from these tables, and the token authority calls the
 * token table through the same code (./call.ts). Pure: the browser may read limits from it.
 *
 * Body and query: a GET sends its input in the query, a POST in a JSON body, `{}` when it has nothing (several
 * endpoints answer 44002 to an empty body).
 */

export type TokenKind = "component" | "authorizer" | "none";
/** "never": a retry after a lost success would do harm (commit restarts the privacy scan, submit_audit spends quota). */
export type RetryClass = "transient" | "never";

export type ComponentCaller = { componentAppid: string; secret: () => string };
export type AuthorizerCaller = { appid: string };

export type EndpointDef<C = never> = {
  method: "GET" | "POST";
  path: string;
  /** Default: the table's (component table: the component token; authorizer table: the authorizer's token). */
  token?: TokenKind;
  input?: z.ZodType;
  answer: z.ZodType | "binary";
  /** Default "transient". */
  retry?: RetryClass;
  /** A fixed query naming a variant of one path; the history action names it too. */
  variant?: { action: string };
  /** A POST's body: JSON (default), or multipart form data whose file fields are `{name, type, bytes}`. */
  body?: "json" | "multipart";
  /** Body fields the client adds from its own context, before the caller's input. */
  fields?: (caller: C) => Record<string, unknown>;
};

/**
 * The history action of a path: `cgi-bin` is dropped (alone it leaves `cgi`), the first segment is the namespace and
 * the last the name (segments between only group pages in the documents), a version or a bare `get` joins the
 * segment before it (`clear_quota/v2` → `clear_quota_v2`, `openapi/rid/get` → `openapi.rid_get`), a variant is appended: `/wxa/commit` → `wxa.commit`,
 * `/cgi-bin/component/api_component_token` → `component.api_component_token`, `/cgi-bin/clear_quota` → `cgi.clear_quota`.
 */
export function actionOf(path: string, variant?: { action: string }): string {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "cgi-bin") parts.shift();
  const namespace = parts.length > 1 ? parts.shift()! : "cgi";
  const last = parts.pop()!;
  const name = /^(v\d+|get)$/.test(last) && parts.length > 0 ? `${parts.pop()}_${last}` : last;
  return [namespace, name, variant?.action].filter(Boolean).join(".");
}

const component = (c: ComponentCaller) => ({ component_appid: c.componentAppid });

/** The platform's own calls (component_access_token, or its secret where noted): authorization, templates, quota. */
export const COMPONENT_ENDPOINTS = {
  /** One pre_auth_code per authorization page visit. */
  createPreAuthCode: { method: "POST", path: "/cgi-bin/component/api_create_preauthcode", fields: component, answer: s.preAuthCodeAnswer },
  /**
   * Exchanges the authorization code; the answer's refresh token must be stored (shown only here and in refreshes). A
   * transient retry is harmless: if the lost attempt consumed the single-use code, the retry answers 61009.
   */
  queryAuth: { method: "POST", path: "/cgi-bin/component/api_query_auth", fields: component, input: s.queryAuthInput, answer: s.queryAuthAnswer },
  getAuthorizerInfo: { method: "POST", path: "/cgi-bin/component/api_get_authorizer_info", fields: component, input: s.authorizerAppidInput, answer: s.authorizerInfoAnswer },
  /** One page (count ≤ 500) of authorizers with their refresh tokens: the re-pull reads these. */
  getAuthorizerList: { method: "POST", path: "/cgi-bin/component/api_get_authorizer_list", fields: component, input: s.authorizerListInput, answer: s.authorizerListAnswer },
  /** The new path; the old one had an `api_` prefix. */
  getAuthorizerOption: { method: "POST", path: "/cgi-bin/component/get_authorizer_option", fields: component, input: s.getAuthorizerOptionInput, answer: s.authorizerOptionAnswer },
  setAuthorizerOption: { method: "POST", path: "/cgi-bin/component/set_authorizer_option", fields: component, input: s.setAuthorizerOptionInput, answer: s.okAnswer },
  /** Asks for a verify ticket push now (secret, no token). */
  startPushTicket: {
    method: "POST",
    path: "/cgi-bin/component/api_start_push_ticket",
    token: "none",
    fields: (c) => ({ component_appid: c.componentAppid, component_secret: c.secret() }),
    answer: s.okAnswer,
  },
  /** Uploads from the platform's 开发小程序 (one kept per 开发小程序). */
  getTemplateDraftList: { method: "GET", path: "/wxa/gettemplatedraftlist", answer: s.draftListAnswer },
  /** 85065 when 200 templates exist. */
  addToTemplate: { method: "POST", path: "/wxa/addtotemplate", input: s.addToTemplateInput, answer: s.okAnswer },
  /** The document lists template_type under "body", but the call is a GET. */
  getTemplateList: { method: "GET", path: "/wxa/gettemplatelist", input: s.templateListInput, answer: s.templateListAnswer },
  deleteTemplate: { method: "POST", path: "/wxa/deletetemplate", input: s.deleteTemplateInput, answer: s.okAnswer },
  // clear_quota variants: 10 clears a month per account across all of them (48006); nothing calls them automatically.
  /** {appid: the platform}: the platform's own API counts. */
  clearQuota: { method: "POST", path: "/cgi-bin/clear_quota", fields: (c) => ({ appid: c.componentAppid }), answer: s.okAnswer },
  /** Secret-based: works when the token APIs themselves are out of quota; with `appid`, for one mini-program. */
  clearQuotaV2: {
    method: "POST",
    path: "/cgi-bin/component/clear_quota/v2",
    token: "none",
    fields: (c) => ({ component_appid: c.componentAppid, appsecret: c.secret() }),
    input: s.clearQuotaV2Input,
    answer: s.okAnswer,
  },
  /** The legacy form many SDKs still use. */
  clearComponentQuota: { method: "POST", path: "/cgi-bin/component/clear_quota", fields: component, answer: s.okAnswer },
  /** Today's count of one of the platform's own APIs (a component API: this token). */
  getApiQuota: { method: "POST", path: "/cgi-bin/openapi/quota/get", input: s.apiQuotaInput, answer: s.apiQuotaAnswer },
  /** The request behind a rid the platform answered to this account. */
  getRidInfo: { method: "POST", path: "/cgi-bin/openapi/rid/get", input: s.ridInput, answer: s.ridAnswer },
} satisfies Record<string, EndpointDef<ComponentCaller>>;

/** One authorized mini-program's calls (its authorizer_access_token). */
export const AUTHORIZER_ENDPOINTS = {
  // ── code and the trial version (reference §4.1) ──
  /** Never retried: a commit restarts the privacy scan, and a retry after a lost success only pushes submit_audit into 61039. */
  commit: { method: "POST", path: "/wxa/commit", input: s.commitInput, answer: s.okAnswer, retry: "never" },
  /** The trial's pages (audit item addresses must be among them). */
  getPage: { method: "GET", path: "/wxa/get_page", answer: s.pageListAnswer },
  /** JPEG bytes; `path` is urlencoded once by the query builder, as the document asks. */
  getTrialQrcode: { method: "GET", path: "/wxa/get_qrcode", input: s.trialQrcodeInput, answer: "binary" },
  getCategory: { method: "GET", path: "/wxa/get_category", answer: s.categoryAnswer },
  changeVisitStatus: { method: "POST", path: "/wxa/change_visitstatus", input: s.changeVisitStatusInput, answer: s.okAnswer },
  getVisitStatus: { method: "POST", path: "/wxa/getvisitstatus", answer: s.visitStatusAnswer },
  /** The trial (exp_info) and online (release_info) versions, each when present. */
  getVersionInfo: { method: "POST", path: "/wxa/getversioninfo", answer: s.versionInfoAnswer },
  getSupportVersion: { method: "POST", path: "/cgi-bin/wxopen/getweappsupportversion", answer: s.supportVersionAnswer },
  /** 85015 for a version that is not a published base library (seed 001). */
  setSupportVersion: { method: "POST", path: "/cgi-bin/wxopen/setweappsupportversion", input: s.setSupportVersionInput, answer: s.okAnswer },
  /** Answers 61039 while the scan started by the last commit runs (retry later, not now). */
  getCodePrivacyInfo: { method: "GET", path: "/wxa/security/get_code_privacy_info", answer: s.codePrivacyInfoAnswer },
  // ── audit (reference §4.1–§4.5) ──
  /** Never retried: each accepted submission spends the platform's monthly quota; a retry after a lost success answers 85009 at best. */
  submitAudit: { method: "POST", path: "/wxa/submit_audit", input: s.submitAuditInput, answer: s.submitAuditAnswer, retry: "never" },
  getAuditStatus: { method: "POST", path: "/wxa/get_auditstatus", input: s.auditIdInput, answer: s.auditStatusAnswer },
  /** 85012 when nothing was ever submitted. */
  getLatestAuditStatus: { method: "GET", path: "/wxa/get_latest_auditstatus", answer: s.latestAuditStatusAnswer },
  /** 5 a day, 10 a month (87013). */
  undoAudit: { method: "GET", path: "/wxa/undocodeaudit", answer: s.okAnswer },
  /** Spends one of the platform's monthly speed-ups. */
  speedupAudit: { method: "POST", path: "/wxa/speedupaudit", input: s.auditIdInput, answer: s.okAnswer },
  /** A picture or video for preview_info (multipart field `media`); its media id is valid 3 days. */
  uploadMedia: { method: "POST", path: "/wxa/uploadmedia", body: "multipart", input: s.uploadMediaInput, answer: s.uploadMediaAnswer },
  /** A permanent image's bytes (rejection screenshots); 40007 for an unknown id. */
  getMaterial: { method: "POST", path: "/cgi-bin/material/get_material", input: s.materialInput, answer: "binary" },
  /** The platform's monthly submit and speed-up quotas (shared by all its authorizers). */
  queryQuota: { method: "GET", path: "/wxa/queryquota", answer: s.quotaAnswer },
  // ── release (reference §4.1, §4.5–§4.6) ──
  release: { method: "POST", path: "/wxa/release", answer: s.okAnswer },
  /** Only ever upwards (85082). */
  grayRelease: { method: "POST", path: "/wxa/grayrelease", input: s.grayReleaseInput, answer: s.okAnswer },
  getGrayReleasePlan: { method: "GET", path: "/wxa/getgrayreleaseplan", answer: s.grayReleasePlanAnswer },
  revertGrayRelease: { method: "GET", path: "/wxa/revertgrayrelease", answer: s.okAnswer },
  /** Back to the previous (or the named) released version. */
  revertCodeRelease: { method: "GET", path: "/wxa/revertcoderelease", input: s.revertCodeReleaseInput, answer: s.okAnswer },
  /** The versions a rollback can name (at most 5). */
  getHistoryVersions: { method: "GET", path: "/wxa/revertcoderelease", variant: { action: "get_history_version" }, answer: s.historyVersionsAnswer },
  // ── QR-code jump rules (reference §5; 5 requests a second, 44990) ──
  /** Add (is_edit 0) or edit an unpublished rule (is_edit 1). */
  qrcodeJumpAdd: { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpadd", input: s.qrcodeJumpAddInput, answer: s.okAnswer },
  qrcodeJumpGet: { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpget", answer: s.qrcodeJumpGetAnswer },
  /** The verification file to host under the prefix. */
  qrcodeJumpDownload: { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpdownload", answer: s.qrcodeJumpDownloadAnswer },
  qrcodeJumpDelete: { method: "POST", path: "/cgi-bin/wxopen/qrcodejumpdelete", input: s.qrcodeJumpPrefixInput, answer: s.okAnswer },
  /** Needs a released version; 100 publishes a month. */
  qrcodeJumpPublish: { method: "POST", path: "/cgi-bin/wxopen/qrcodejumppublish", input: s.qrcodeJumpPrefixInput, answer: s.okAnswer },
  /** {appid}: this mini-program's API counts. */
  clearQuota: { method: "POST", path: "/cgi-bin/clear_quota", fields: (c) => ({ appid: c.appid }), answer: s.okAnswer },
  /** Today's count of one of this mini-program's APIs. */
  getApiQuota: { method: "POST", path: "/cgi-bin/openapi/quota/get", input: s.apiQuotaInput, answer: s.apiQuotaAnswer },
  /** The request behind a rid the platform answered to this mini-program. */
  getRidInfo: { method: "POST", path: "/cgi-bin/openapi/rid/get", input: s.ridInput, answer: s.ridAnswer },
} satisfies Record<string, EndpointDef<AuthorizerCaller>>;

/** The token authority's own calls (./tokens.ts): never exposed on a client. */
export const TOKEN_ENDPOINTS = {
  componentToken: { method: "POST", path: "/cgi-bin/component/api_component_token", token: "none", input: s.componentTokenInput, answer: s.componentTokenAnswer },
  authorizerToken: {
    method: "POST",
    path: "/cgi-bin/component/api_authorizer_token",
    token: "component",
    fields: component,
    input: s.authorizerTokenInput,
    answer: s.authorizerTokenAnswer,
  },
} satisfies Record<string, EndpointDef<ComponentCaller>>;

/** Every endpoint once, resolved (token, retry, action): for tests and tools. */
export function allEndpoints() {
  const tables = [
    ["component", COMPONENT_ENDPOINTS, "component"],
    ["authorizer", AUTHORIZER_ENDPOINTS, "authorizer"],
    ["token", TOKEN_ENDPOINTS, "none"],
  ] as const;
  return tables.flatMap(([table, defs, token]) =>
    Object.entries(defs as Record<string, EndpointDef<never>>).map(([name, def]) => ({
      table,
      name,
      method: def.method,
      path: def.path,
      token: def.token ?? token,
      retry: def.retry ?? "transient",
      binary: def.answer === "binary",
      action: actionOf(def.path, def.variant),
    })),
  );
}
