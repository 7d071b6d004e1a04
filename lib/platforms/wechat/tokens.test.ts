import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db, POOL_SIZE } from "@/lib/db/client";
import { tenants } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { createAuthorizer, newRefreshToken } from "@/lib/sandbox/registry";
import { sandboxAuthorizers } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getAuthorizerClient } from "./client";
import { authorizerKey, expireIfCurrent } from "./tokens";
import { accessEvidence, refreshEvidence } from "./grants";
import { WeChatError } from "@/lib/platforms/wechat/errors/wechat-error";
import { PlatformError } from "@/lib/platforms/port";
import { authorizerTokenRow, consoleAccountFor, consoleTenantFor, createWorld, expireCachedToken, historyOf, upstreamCalls, type World } from "@/scripts/vitest/wechat";

/**
 * The token authority through the client, against the sandbox: one refresh for many callers, compare-and-expire on
 * 40001/42001, and recovery from a lost refresh token. Counts are the sandbox's own (sandbox_counters).
 */

const sandbox = sandboxHarness();
const AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";
const COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";
const tokenCalls = async () => ({ authorizer: await upstreamCalls(AUTHORIZER_TOKEN), component: await upstreamCalls(COMPONENT_TOKEN) });
const since = async (before: { authorizer: number; component: number }) => {
  const now = await tokenCalls();
  return { authorizer: now.authorizer - before.authorizer, component: now.component - before.component };
};
const tenantRow = async (w: World) => (await db.select().from(tenants).where(eq(tenants.id, w.tenant.id)))[0]!;

/** A world whose tokens are already cached (one call made). */
async function warmWorld() {
  const w = await createWorld(sandbox);
  await w.client.getCategory();
  return w;
}

afterEach(async () => {
  await clearFaults({});
});

describe("one refresh for many callers", () => {
  it("refreshes an expired authorizer token exactly once for 20 concurrent calls", async () => {
    const w = await warmWorld();
    const old = (await authorizerTokenRow(w.tenant))!;
    await expireCachedToken(authorizerKey(w.tenant.id));
    const before = await tokenCalls();

    const answers = await Promise.all(Array.from({ length: 20 }, () => w.client.getCategory()));
    expect(answers.every((a) => a.category_list.length === 2)).toBe(true);
    expect(await since(before)).toEqual({ authorizer: 1, component: 0 });
    const fresh = (await authorizerTokenRow(w.tenant))!;
    expect(fresh.tokenHash).not.toBe(old.tokenHash);
    expect(fresh.expiresAt.getTime() - Date.now()).toBeGreaterThan(7000_000);
  });

  it("fetches each token once on a cold start, even from two module instances sharing the database", async () => {
    const w = await createWorld(sandbox);
    // A second copy of the client and token modules: its own in-process flight map, like another process.
    vi.resetModules();
    const other = (await import("./client")).getAuthorizerClient(w.tenant);
    const before = await tokenCalls();
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? other : w.client).getCategory());
    expect((await Promise.all(calls)).length).toBe(20);
    expect(await since(before)).toEqual({ authorizer: 1, component: 1 });
  });

  it("refreshes more cold tenants at once than the pool has connections, without starving it", async () => {
    // Each refresh holds a connection for its lock while it needs another for its history row and the component
    // token: 15 at once used to take all 10 pooled connections and wait for an 11th forever (the pool has 20 now).
    const COLD = POOL_SIZE + 5;
    const platform = await sandbox.platformWithTicket();
    const account = await consoleAccountFor(platform, sandbox.wechatBase);
    const clients = [];
    for (let i = 0; i < COLD; i++) {
      const authorizer = await createAuthorizer({ componentAppid: platform.componentAppid });
      clients.push(getAuthorizerClient(await consoleTenantFor(account, authorizer)));
    }
    const before = await tokenCalls();
    const outcome = await Promise.race([
      Promise.all(clients.map((c) => c.getCategory())).then((answers) => answers.length),
      new Promise((resolve) => setTimeout(() => resolve("stuck after 20 s"), 20_000)),
    ]);
    expect(outcome).toBe(COLD);
    expect(await since(before)).toEqual({ authorizer: COLD, component: 1 });
  });
});

describe("compare-and-expire on 40001 / 42001", () => {
  it.each([40001, 42001])("expires the failing token, refreshes once and retries once after %i", async (errcode) => {
    const w = await warmWorld();
    const old = (await authorizerTokenRow(w.tenant))!;
    await addFault({ path: "/wxa/get_category", errcode, probability: 1, count: 1 });
    const before = await tokenCalls();

    expect((await w.client.getCategory()).category_list).toHaveLength(2);
    expect(await since(before)).toEqual({ authorizer: 1, component: 0 });
    expect((await authorizerTokenRow(w.tenant))!.tokenHash).not.toBe(old.tokenHash);
    const rows = await historyOf("wxa.get_category", w.tenant.id);
    expect(rows.slice(-2).map((r) => [r.ok, r.errcode])).toEqual([[false, errcode], [true, 0]]);
  });

  it("does not expire a token another caller has already refreshed", async () => {
    const w = await warmWorld();
    // A's request carries the old token and is answered 40001 late; meanwhile B gets 40001 and refreshes.
    await addFault({ path: "/wxa/get_category", errcode: 40001, timeout_ms: 1200, probability: 1, count: 1 });
    await addFault({ path: "/wxa/queryquota", errcode: 40001, probability: 1, count: 1 });
    const before = await tokenCalls();

    const a = w.client.getCategory();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await w.client.queryQuota();
    const refreshed = (await authorizerTokenRow(w.tenant))!;
    expect(await since(before)).toEqual({ authorizer: 1, component: 0 });

    expect((await a).category_list).toHaveLength(2);
    // A found a token other than its own in the cache: nothing expired, nothing refreshed again.
    expect(await since(before)).toEqual({ authorizer: 1, component: 0 });
    const after = (await authorizerTokenRow(w.tenant))!;
    expect(after.tokenHash).toBe(refreshed.tokenHash);
    expect(after.expiresAt.getTime()).toBe(refreshed.expiresAt.getTime());
    expect(await expireIfCurrent(authorizerKey(w.tenant.id), "SBXA_not-the-current-one")).toBe(false);
  });
});

describe("lost authorization: reported, not written", () => {
  // The console marks the tenant (lib/console/tokens-health.test.ts); the token authority only says what was refused.
  it("throws 61023 with needsReauth and the refused refresh token's digest, and leaves the tenant's status alone", async () => {
    const w = await warmWorld();
    // The platform no longer knows our refresh token (e.g. an older one was saved over a rotated one).
    await db.update(sandboxAuthorizers).set({ refreshToken: newRefreshToken() }).where(eq(sandboxAuthorizers.appid, w.authorizer.appid));
    await expireCachedToken(authorizerKey(w.tenant.id));

    const error = await w.client.getCategory().then(() => null, (e: unknown) => e as WeChatError);
    expect(error).toBeInstanceOf(WeChatError);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error!.errcode).toBe(61023);
    expect(error!.options).toMatchObject({ needsReauth: true, evidence: refreshEvidence(w.authorizer.refreshToken!) });
    expect(error!.options.evidence).not.toContain(w.authorizer.refreshToken!);
    expect((await tenantRow(w)).status).toBe("authorized");
  });

  it("names the access token a call carried when the call itself is refused (61003)", async () => {
    const w = await warmWorld();
    const token = decryptSecret((await authorizerTokenRow(w.tenant))!.tokenEnc);
    await addFault({ path: "/wxa/get_category", errcode: 61003, probability: 1, count: 1 });
    const error = await w.client.getCategory().then(() => null, (e: unknown) => e as WeChatError);
    expect(error!.errcode).toBe(61003);
    expect(error!.options).toMatchObject({ needsReauth: true, evidence: accessEvidence(token) });
    expect((await tenantRow(w)).status).toBe("authorized");
  });
});
