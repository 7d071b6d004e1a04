/**
 * The browser-facing security policy. The proxy (proxy.ts) sets the Content-Security-Policy with a fresh nonce on
 * every page and action response, and hands the same header to Next on the request, which is how Next finds the
 * nonce and stamps it on its own scripts (every page here is rendered per request: the root layout reads the locale).
 * Headers that do not change per request are set for every path, static files included, in next.config.mjs.
 */

import staticHeaders from "./security-headers.json";

export type PolicyOptions = { dev: boolean; https: boolean };

/** A fresh nonce: 128 random bits, base64 (what CSP's nonce-source expects). */
export const newNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");

export function contentSecurityPolicy(nonce: string, { dev, https }: PolicyOptions): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced framework scripts load are trusted; nothing else runs. React's dev build
    // evaluates code to rebuild server stacks, hence 'unsafe-eval' in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes from server-rendered markup and the toast library's injected <style> carry no nonce, and a
    // nonce in style-src would disable 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Mini-program avatars come from the platform's CDN (any host, sometimes plain http); QR codes are data: URLs.
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    // Development: the hot-reload websocket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, the preload list's minimum; only ever sent when the console's public address is https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Set on every response, static files included, by next.config.mjs (which reads the same JSON file). The Referrer
 * policy sends the origin across sites: the platform's authorization page checks the Referer's domain
 * (授权发起页域名), and a path is never sent.
 */
export const STATIC_SECURITY_HEADERS: Record<string, string> = staticHeaders;
