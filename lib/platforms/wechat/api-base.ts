import "server-only";
import { env } from "@/lib/env";

/**
 * Where a platform account's calls may go. The component secret, the verify ticket and every refresh and access
 * token travel to the API base, so it is one of:
 * - the platform's official host;
 * - this console's own sandbox, `{APP_URL}/sandbox/wechat` (http allowed: APP_URL may be http://localhost);
 * - WECHAT_API_BASE as the deployment sets it (the environment is trusted, whatever its scheme);
 * - over https, a host named in WECHAT_API_BASE_ALLOWLIST (a company proxy), any path.
 * Accounts are checked when saved (lib/console/accounts.ts) and every call is checked again before it is sent
 * (lib/platforms/wechat/http.ts), for rows stored before this rule or behind the console's back.
 */

export const OFFICIAL_API_BASE = "https://api.weixin.qq.com";

/** The host an account's calls go to: its own API base, else the deployment's default (WECHAT_API_BASE). The one fallback. */
export const effectiveApiBase = (apiBase: string | null | undefined): string => apiBase ?? env.WECHAT_API_BASE;

/** Why a base is refused: not a plain http(s) address, http where https is required, or a host not allowed. */
export type ApiBaseProblem = "format" | "https" | "notAllowed";

/** A plain http(s) address: no user name, password, query or fragment (they would end up in every request URL). */
function parse(base: string): URL | null {
  if (!URL.canParse(base)) return null;
  const url = new URL(base);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url;
}

/** Scheme, host, port and path without trailing slashes: two spellings of one base compare equal. */
const keyOf = (url: URL) => `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;

function trustedBases(): Set<string> {
  const sandbox = `${env.APP_URL.replace(/\/+$/, "")}/sandbox/wechat`;
  const keys = [OFFICIAL_API_BASE, sandbox, env.WECHAT_API_BASE].map(parse).filter((u): u is URL => u !== null).map(keyOf);
  return new Set(keys);
}

export function apiBaseProblem(base: string): ApiBaseProblem | null {
  const url = parse(base);
  if (!url) return "format";
  const trusted = trustedBases();
  if (trusted.has(keyOf(url))) return null;
  const listed = env.WECHAT_API_BASE_ALLOWLIST.includes(url.host);
  if (listed) return url.protocol === "https:" ? null : "https";
  // The same address over https would be allowed: say so, rather than "not allowed".
  if (url.protocol === "http:") {
    const secure = new URL(url);
    secure.protocol = "https:";
    if (trusted.has(keyOf(secure))) return "https";
  }
  return "notAllowed";
}

/** The field error (a validation.* catalog key) for a refused base. */
export const apiBaseFieldError = (problem: ApiBaseProblem) =>
  problem === "format" ? "validation.httpUrl" : problem === "https" ? "validation.apiBaseHttps" : "validation.apiBaseNotAllowed";
