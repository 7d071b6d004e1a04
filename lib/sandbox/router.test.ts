import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sandboxAuthorizers, sandboxCounters, sandboxTokens } from "./schema";
import { updateSettings } from "./settings";
import { sandboxHarness } from "@/scripts/vitest/sandbox";

const sandbox = sandboxHarness();

/** The platform's generic rules, applied by the router before any endpoint's own logic (reference §0, §7.1, §10). */
describe("tokens", () => {
  it("an expired token answers 42001; a refreshed one works", async () => {
    const { platform, authorizer } = await sandbox.authorizerWithToken();
    await updateSettings({ tokenTtlSeconds: 1 });
    try {
      const short = await sandbox.authorizerToken(platform, authorizer);
      const answer = await sandbox.call("/wxa/get_category", { method: "GET", token: short });
      expect(answer.body.errcode).toBe(0);
      await db.update(sandboxTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sandboxTokens.token, short));
      const expired = await sandbox.call("/wxa/get_category", { method: "GET", token: short });
      expect(expired.body.errcode).toBe(42001);
      expect(String(expired.body.errmsg)).toMatch(/^access_token expired rid: /);
    } finally {
      await updateSettings({ tokenTtlSeconds: 7200 });
    }
    const fresh = await sandbox.authorizerToken(platform, authorizer);
    expect((await sandbox.call("/wxa/get_category", { method: "GET", token: fresh })).body.errcode).toBe(0);
  });

  it("a superseded token keeps working for five minutes only (\"not latest\")", async () => {
    const { platform, authorizer, token: first } = await sandbox.authorizerWithToken();
    const second = await sandbox.authorizerToken(platform, authorizer);
    expect(second).not.toBe(first);
    const [row] = await db.select().from(sandboxTokens).where(eq(sandboxTokens.token, first));
    const graceMs = row!.expiresAt.getTime() - Date.now();
    expect(graceMs).toBeGreaterThan(290_000);
    expect(graceMs).toBeLessThanOrEqual(300_000);
    expect((await sandbox.call("/wxa/get_category", { method: "GET", token: first })).body.errcode).toBe(0);
  });

  it("missing, malformed and unknown tokens: 41001, 40014, 40001", async () => {
    expect((await sandbox.call("/wxa/get_category", { method: "GET" })).body.errcode).toBe(41001);
    expect((await sandbox.call("/wxa/get_category", { method: "GET", token: "bad token!" })).body.errcode).toBe(40014);
    expect((await sandbox.call("/wxa/get_category", { method: "GET", token: "SBXA_doesnotexist0000" })).body.errcode).toBe(40001);
  });

  it("accepts the token under every documented query name", async () => {
    const { token } = await sandbox.authorizerWithToken();
    for (const tokenParam of ["access_token", "component_access_token", "authorizer_access_token"] as const) {
      expect((await sandbox.call("/wxa/get_category", { method: "GET", token, tokenParam })).body.errcode).toBe(0);
    }
  });

  it("a mini-program that is no longer authorized answers 61003 to its old tokens", async () => {
    const { authorizer, token } = await sandbox.authorizerWithToken();
    await db.update(sandboxAuthorizers).set({ authorized: false }).where(eq(sandboxAuthorizers.appid, authorizer.appid));
    expect((await sandbox.call("/wxa/get_category", { method: "GET", token })).body.errcode).toBe(61003);
  });
});

describe("envelope", () => {
  it("an unknown API path is 404 with an errcode, and changes nothing", async () => {
    const answer = await sandbox.call("/wxa/no_such_api", { body: {} });
    expect(answer.status).toBe(404);
    expect(answer.body.errcode).toBe(40066);
  });

  it("counts every call per path and errcode", async () => {
    await db.execute(sql`delete from sandbox_counters where path = '/wxa/get_category'`);
    const { token } = await sandbox.authorizerWithToken();
    await sandbox.call("/wxa/get_category", { method: "GET", token });
    await sandbox.call("/wxa/get_category", { method: "GET", token });
    await sandbox.call("/wxa/get_category", { method: "GET" });
    const rows = await db.select().from(sandboxCounters).where(eq(sandboxCounters.path, "/wxa/get_category"));
    const byCode = Object.fromEntries(rows.map((r) => [r.errcode, r.count]));
    expect(byCode).toEqual({ 0: 2, 41001: 1 });
  });
});
