import "server-only";
import { env } from "@/lib/env";

/**
 * Where a Baidu platform account's calls may go: the TP token, every app token and refresh token travel there, so
 * it is one of
 * - Baidu's open API host, `https://openapi.baidu.com` (the default when the account names no base);
 * - this console's own emulator, `{APP_URL}/sandbox/baidu`;
 * - the emulator beside the deployment's WeChat sandbox: when WECHAT_API_BASE is `…/sandbox/wechat`, the same
 *   sandbox serves `…/sandbox/baidu` (tests and local runs point WeChat at a sandbox on another port);
 * - over https, a host named in WECHAT_API_BASE_ALLOWLIST (the deployment's list of proxies, whatever the platform).
 * Checked again before every call (./http.ts).
 */

export const BAIDU_OFFICIAL_API_BASE = "https://openapi.baidu.com";

const WECHAT_SANDBOX_SUFFIX = "/sandbox/wechat";
const BAIDU_SANDBOX_SUFFIX = "/sandbox/baidu";

/** The host an account's calls go to: its own API base, else Baidu's. */
export const baiduApiBase = (apiBase: string | null | undefined): string => apiBase ?? BAIDU_OFFICIAL_API_BASE;

function parse(base: string): URL | null {
  if (!URL.canParse(base)) return null;
  const url = new URL(base);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url;
}

const keyOf = (url: URL) => `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;

function trustedBases(): Set<string> {
  const bases = [BAIDU_OFFICIAL_API_BASE, `${env.APP_URL.replace(/\/+$/, "")}${BAIDU_SANDBOX_SUFFIX}`];
  const wechat = env.WECHAT_API_BASE.replace(/\/+$/, "");
  if (wechat.endsWith(WECHAT_SANDBOX_SUFFIX)) bases.push(wechat.slice(0, -WECHAT_SANDBOX_SUFFIX.length) + BAIDU_SANDBOX_SUFFIX);
  return new Set(bases.map(parse).filter((u): u is URL => u !== null).map(keyOf));
}

/** Why a base is refused (null: allowed). */
export function baiduApiBaseProblem(base: string): "format" | "https" | "notAllowed" | null {
  const url = parse(base);
  if (!url) return "format";
  if (trustedBases().has(keyOf(url))) return null;
  if (env.WECHAT_API_BASE_ALLOWLIST.includes(url.host)) return url.protocol === "https:" ? null : "https";
  return "notAllowed";
}

/**
 * The emulator's authorization page beside its API (`{origin}/sandbox/baidu` → `{origin}/sandbox/baidu/mappconsole/tp/authorization`, Baidu's own path):
 * an account whose API is the emulator must send merchants there, never to Baidu's page.
 */
export function baiduSandboxAuthorizePage(apiBase: string): string | null {
  const base = apiBase.replace(/\/+$/, "");
  return base.endsWith(BAIDU_SANDBOX_SUFFIX) ? `${base}/mappconsole/tp/authorization` : null;
}

/** Baidu's authorization page (reference §8.2): client_id, redirect_uri, pre_auth_code. */
export const BAIDU_AUTHORIZE_PAGE = "https://smartprogram.baidu.com/mappconsole/tp/authorization";
