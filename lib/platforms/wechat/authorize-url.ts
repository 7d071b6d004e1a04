import { ClientInputError, parseInput } from "@/lib/platforms/wechat/schemas/common";
import { authorizationUrlInput, type AuthorizationUrlInput } from "@/lib/platforms/wechat/schemas/auth";

/**
 * The authorization page a merchant's administrator opens (reference §1.4). Pure: the URL holds a pre_auth_code,
 * which is single-use and short-lived, not a secret worth hiding from the operator who will open it.
 */

export const WECHAT_AUTHORIZE_PAGES = {
  // PC: shows a QR code the administrator scans.
  pc: "https://mp.weixin.qq.com/cgi-bin/componentloginpage",
  // H5: opened inside WeChat (the new host; the old mp.weixin.qq.com/safe/bindcomponent is only in English docs).
  h5: "https://open.weixin.qq.com/wxaopen/safe/bindcomponent",
} as const;

const SANDBOX_API_SUFFIX = "/sandbox/wechat";

/**
 * The sandbox serves both variants at `{origin}/sandbox/authorize`, beside its API at `{origin}/sandbox/wechat`:
 * an account whose API base is a sandbox must send its administrators there, never to the real page (which would
 * not know the sandbox's pre_auth_code).
 */
export function sandboxAuthorizePage(apiBase: string): string | null {
  const base = apiBase.replace(/\/+$/, "");
  return base.endsWith(SANDBOX_API_SUFFIX) ? `${base.slice(0, -SANDBOX_API_SUFFIX.length)}/sandbox/authorize` : null;
}

export function buildAuthorizationUrl(
  target: { componentAppid: string; apiBase: string; /** Overrides the page (tests, a proxy). */ pageBase?: string },
  value: AuthorizationUrlInput,
): string {
  const parsed = parseInput(authorizationUrlInput, value, "authorization_url");
  const sandboxPage = sandboxAuthorizePage(target.apiBase);
  // The real page refuses a non-https redirect_uri; the sandbox accepts http for consoles running locally.
  if (!sandboxPage && !target.pageBase && !parsed.redirect_uri.startsWith("https://")) {
    throw new ClientInputError("authorization_url", [{ code: "custom", message: "validation.invalid", path: ["redirect_uri"], input: parsed.redirect_uri }]);
  }
  const url = new URL(target.pageBase ?? sandboxPage ?? WECHAT_AUTHORIZE_PAGES[parsed.variant]);
  if (parsed.variant === "h5") {
    url.searchParams.set("action", "bindcomponent");
    url.searchParams.set("no_scan", "1");
  }
  url.searchParams.set("component_appid", target.componentAppid);
  url.searchParams.set("pre_auth_code", parsed.pre_auth_code);
  url.searchParams.set("redirect_uri", parsed.redirect_uri);
  url.searchParams.set("auth_type", String(parsed.auth_type));
  if (parsed.biz_appid) url.searchParams.set("biz_appid", parsed.biz_appid);
  if (parsed.category_id_list) url.searchParams.set("category_id_list", parsed.category_id_list.join("|"));
  if (parsed.variant === "h5") url.hash = "wechat_redirect";
  return url.toString();
}
