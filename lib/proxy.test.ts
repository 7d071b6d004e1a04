import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

/** The real proxy (proxy.ts), loaded under a given public address. */
async function proxyUnder(appUrl: string) {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  const { default: proxy } = await import("../proxy");
  return proxy as unknown as (req: NextRequest, ctx: unknown) => Promise<Response>;
}

afterEach(() => vi.unstubAllEnvs());

describe("proxy security headers", () => {
  it("sends HSTS and upgrades insecure requests when the console's address is https", async () => {
    const proxy = await proxyUnder("https://console.example.com");
    const res = await proxy(new NextRequest("https://console.example.com/login"), {});
    expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("sends no HSTS over plain http, and a new nonce on every response", async () => {
    const proxy = await proxyUnder("http://localhost:3000");
    const a = await proxy(new NextRequest("http://localhost:3000/login"), {});
    const b = await proxy(new NextRequest("http://localhost:3000/login"), {});
    expect(a.headers.get("strict-transport-security")).toBeNull();
    const nonce = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
  });
});
