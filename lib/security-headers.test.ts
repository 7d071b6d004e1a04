import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "./security-headers";

describe("security headers", () => {
  it("the fixed headers forbid sniffing and framing and send no path across sites", () => {
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });

  it("the policy allows scripts only by nonce, forbids framing and plugins", () => {
    const policy = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("development allows eval and the hot-reload socket; https upgrades insecure requests", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toMatch(/script-src [^;]*'unsafe-eval'.*connect-src 'self' ws: wss:/);
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("nonces are 128 random bits and never repeat", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
