import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const KEY = Buffer.alloc(32, 7).toString("base64");
const SECRET = "s".repeat(40);

function problemsOf(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error("expected parseEnv to fail");
}

describe("environment validation", () => {
  it("applies defaults for an empty development environment", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.PORT).toBe(3000);
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DEMO_SEED).toBe(false);
  });

  it("derives APP_URL from PORT and treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "4100", APP_URL: "" }).APP_URL).toBe("http://localhost:4100");
  });

  it("names a malformed variable", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://x" });
    expect(problems.map((p) => p.variable)).toEqual(["DATABASE_URL"]);
    expect((() => { try { parseEnv({ PORT: "abc" }); } catch (e) { return (e as Error).message; } })()).toMatch(/PORT/);
  });

  it("names a bad encryption key and a bad flag", () => {
    expect(problemsOf({ APP_ENCRYPTION_KEY: "short" }).map((p) => p.variable)).toEqual(["APP_ENCRYPTION_KEY"]);
    expect(problemsOf({ DEMO_SEED: "yes" }).map((p) => p.variable)).toEqual(["DEMO_SEED"]);
  });

  it("requires the encryption key and auth secret in production, naming each missing one", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems.map((p) => p.variable).sort()).toEqual(["APP_ENCRYPTION_KEY", "AUTH_SECRET"]);
    expect(parseEnv({ NODE_ENV: "production", APP_ENCRYPTION_KEY: KEY, AUTH_SECRET: SECRET }).NODE_ENV).toBe("production");
  });

  it("reads the API base allow-list as hosts, https only, and names a bad entry", () => {
    expect(parseEnv({}).WECHAT_API_BASE_ALLOWLIST).toEqual([]);
    expect(parseEnv({ WECHAT_API_BASE_ALLOWLIST: " proxy.example.com, https://GW.example.net:8443 ,https://a.example:443" }).WECHAT_API_BASE_ALLOWLIST).toEqual([
      "proxy.example.com",
      "gw.example.net:8443",
      "a.example",
    ]);
    for (const bad of ["http://proxy.example.com", "https://proxy.example.com/path", "https://user@proxy.example.com", "bad host"]) {
      expect(problemsOf({ WECHAT_API_BASE_ALLOWLIST: bad }).map((p) => p.variable)).toEqual(["WECHAT_API_BASE_ALLOWLIST"]);
    }
  });

  it("counts trusted proxies from 0 and wants a setup token long enough not to be guessed", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "-1" }).map((p) => p.variable)).toEqual(["TRUSTED_PROXY_HOPS"]);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: "1.5" }).map((p) => p.variable)).toEqual(["TRUSTED_PROXY_HOPS"]);
    expect(problemsOf({ SETUP_TOKEN: "too-short" }).map((p) => p.variable)).toEqual(["SETUP_TOKEN"]);
    expect(parseEnv({ SETUP_TOKEN: "a-long-enough-setup-token" }).SETUP_TOKEN).toBe("a-long-enough-setup-token");
  });

  it("does not require production secrets while next build compiles", () => {
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).NODE_ENV).toBe("production");
  });
});
