import type { z } from "zod";
import * as s from "./schemas";

/**
 * Every Baidu endpoint the console calls, declared once (reference §8, the package-management document): method,
 * path, token (the platform's TP token, the smart program's app token, or none), input schema, and the schema of the
 * answer's `data` — or `oauth` for the token endpoint, which answers its fields bare. Parameters travel as the query
 * for GET and as a form body for POST (Baidu reads query/form even for POST; the access token is always in the
 * query). The clients (./client.ts) are generated from these tables. Pure.
 */

export type BaiduTokenKind = "tp" | "app" | "none";
/** "never": a retry after a lost success would do harm (see each entry). */
export type RetryClass = "transient" | "never";

export type BaiduEndpoint = {
  method: "GET" | "POST";
  path: string;
  token?: BaiduTokenKind;
  input?: z.ZodType;
  /** The schema of `data` in `{errno, msg, data}`; `oauth`: the whole bare answer, parsed with `answer`. */
  data?: z.ZodType;
  oauth?: z.ZodType;
  retry?: RetryClass;
  /** Fixed parameters naming a variant of one path (the OAuth grant types); the history action names it. */
  fixed?: Record<string, string>;
  variant?: string;
};

/**
 * The history action of a path: the API version and the `smartapp` namespace are dropped, the rest joined with
 * dots, prefixed `baidu.`, the variant appended: `/rest/2.0/smartapp/package/upload` → `baidu.package.upload`,
 * `/rest/2.0/oauth/token` (refresh) → `baidu.oauth.token.refresh`.
 */
export function baiduActionOf(path: string, variant?: string): string {
  const parts = path.split("/").filter(Boolean);
  const rest = parts.filter((p, i) => !(i < 2 && /^(rest|public|\d+\.\d+)$/.test(p)) && p !== "smartapp");
  return ["baidu", ...rest, variant].filter(Boolean).join(".");
}

/** The platform's own calls (its TP token): authorization and templates. */
export const TP_ENDPOINTS = {
  /** One pre-auth code per authorization page visit (20 minutes). */
  createPreAuthCode: { method: "GET", path: "/rest/2.0/smartapp/tp/createpreauthcode", data: s.preAuthCodeData },
  /** A fresh authorization code for an app that authorized the platform: the way back to a lost grant. 50032: no authorization. */
  retrieveAuthorizationCode: { method: "POST", path: "/rest/2.0/smartapp/auth/retrieve/authorizationcode", input: s.appIdInput, data: s.authorizationCodeData },
  getTemplateDraftList: { method: "GET", path: "/rest/2.0/smartapp/template/gettemplatedraftlist", input: s.draftListInput, data: s.draftListData },
  addToTemplate: { method: "POST", path: "/rest/2.0/smartapp/template/addtotemplate", input: s.addToTemplateInput, data: s.addToTemplateData },
  getTemplateList: { method: "GET", path: "/rest/2.0/smartapp/template/gettemplatelist", input: s.templateListInput, data: s.templateListData },
  deleteTemplate: { method: "POST", path: "/rest/2.0/smartapp/template/deltemplate", input: s.deleteTemplateInput, data: s.anyData },
} satisfies Record<string, BaiduEndpoint>;

/** One authorized smart program's calls (its app token): information and packages. */
export const APP_ENDPOINTS = {
  appInfo: { method: "GET", path: "/rest/2.0/smartapp/app/info", data: s.appInfoData },
  /**
   * Takes effect ~3 s later (poll getPackages: upload_status 1 uploading, 3 failed). Never retried: a retry after a
   * lost success would upload twice and replace the package the first one made.
   */
  upload: { method: "POST", path: "/rest/2.0/smartapp/package/upload", input: s.uploadInput, data: s.anyData, retry: "never" },
  /** Needs the app's basic information approved. Never retried: each submission may spend the audit quota. */
  submitAudit: { method: "POST", path: "/rest/2.0/smartapp/package/submitaudit", input: s.submitAuditInput, data: s.anyData, retry: "never" },
  /** The approved package; needs the principal's authenticity verified. */
  release: { method: "POST", path: "/rest/2.0/smartapp/package/release", input: s.packageIdInput, data: s.anyData },
  /** The online package; takes effect later (status 8 while rolling back). Never retried: a second rollback would go one further. */
  rollback: { method: "POST", path: "/rest/2.0/smartapp/package/rollback", input: s.packageIdInput, data: s.anyData, retry: "never" },
  /** The package under audit. */
  withdraw: { method: "POST", path: "/rest/2.0/smartapp/package/withdraw", input: s.packageIdInput, data: s.anyData },
  /** At most one development, one audit and one online package. */
  getPackages: { method: "GET", path: "/rest/2.0/smartapp/package/get", data: s.packageListData },
  getPackageDetail: { method: "GET", path: "/rest/2.0/smartapp/package/getdetail", input: s.packageDetailInput, data: s.packageAnswer },
  getAuditQuota: { method: "GET", path: "/rest/2.0/smartapp/package/auditquota", data: s.auditQuotaData },
} satisfies Record<string, BaiduEndpoint>;

const OAUTH_TOKEN_PATH = "/rest/2.0/oauth/token";

/** The token authority's own calls (./tokens.ts): never exposed on a client. */
export const TOKEN_ENDPOINTS = {
  /** The TP token (30 days) from the latest pushed ticket: no token, the platform's client_id. */
  tpToken: { method: "GET", path: "/public/2.0/smartapp/auth/tp/token", token: "none", input: s.tpTokenInput, data: s.tpTokenData },
  /**
   * An authorization code for the app's first pair. Never retried: the code is single use (a retry after a lost
   * answer is refused anyway, and recovery asks for a new code).
   */
  exchangeCode: {
    method: "GET",
    path: OAUTH_TOKEN_PATH,
    token: "tp",
    input: s.exchangeCodeInput,
    oauth: s.oauthTokenAnswer,
    fixed: { grant_type: "app_to_tp_authorization_code" },
    variant: "exchange",
    retry: "never",
  },
  /**
   * A new pair for the stored refresh token, which dies with this answer (single use). Never retried: a retry after
   * a lost answer would send a dead refresh token; the lost pair is recovered with recoverGrant instead.
   */
  refreshToken: {
    method: "GET",
    path: OAUTH_TOKEN_PATH,
    token: "tp",
    input: s.refreshTokenInput,
    oauth: s.oauthTokenAnswer,
    fixed: { grant_type: "app_to_tp_refresh_token" },
    variant: "refresh",
    retry: "never",
  },
} satisfies Record<string, BaiduEndpoint>;

/** Every endpoint once, resolved: for tests and tools. */
export function allBaiduEndpoints() {
  const tables = [
    ["tp", TP_ENDPOINTS, "tp"],
    ["app", APP_ENDPOINTS, "app"],
    ["token", TOKEN_ENDPOINTS, "none"],
  ] as const;
  return tables.flatMap(([table, defs, token]) =>
    Object.entries(defs as Record<string, BaiduEndpoint>).map(([name, def]) => ({
      table,
      name,
      method: def.method,
      path: def.path,
      token: def.token ?? token,
      retry: def.retry ?? "transient",
      action: baiduActionOf(def.path, def.variant),
    })),
  );
}
