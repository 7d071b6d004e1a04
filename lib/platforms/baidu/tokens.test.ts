import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { KEYED_LOCK_PREFIXES } from "@/lib/db/locks";
import { platformAccounts, tenants } from "@/lib/db/schema";
import { PlatformError } from "@/lib/platforms/port";
import { unauthorizeApp } from "@/lib/sandbox/baidu/api/auth";
import { sandboxBaiduTokens } from "@/lib/sandbox/baidu/schema";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { baiduUpstreamCalls, createBaiduWorld, dropAppToken, historyOf, refreshTokens } from "@/scripts/vitest/baidu-client";
import { getAppClient } from "./client";
import { baiduAppKey, baiduTpKey, hashOf } from "./grants";
import { getAppToken, getTpToken, recoverGrant } from "./tokens";

/**
 * The token authority against the emulator over HTTP: the TP token from the pushed ticket, app tokens refreshed once
 * however many callers (and processes) ask, the single-use refresh token rotated and stored, and a rotation lost
 * after the platform answered recovered through a new authorization code — never a lost grant.
 */

const baidu = baiduHarness();
const OAUTH = "/rest/2.0/oauth/token";

describe("keys", () => {
  it("keeps Baidu's token keys in their own lock families", () => {
    expect(baiduTpKey("a")).toBe(`${KEYED_LOCK_PREFIXES.baiduTpToken}a`);
    expect(baiduAppKey("t")).toBe(`${KEYED_LOCK_PREFIXES.baiduAppToken}t`);
  });
});

describe("the TP token", () => {
  it("is fetched once from the stored ticket and cached", async () => {
    const { account } = await createBaiduWorld(baidu);
    const before = await baiduUpstreamCalls("/public/2.0/smartapp/auth/tp/token");
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getTpToken(account)));
    expect(new Set(tokens).size).toBe(1);
    expect(await baiduUpstreamCalls("/public/2.0/smartapp/auth/tp/token")).toBe(before + 1);
  });

  it("is refused with a PlatformError saying no ticket has arrived", async () => {
    const { account } = await createBaiduWorld(baidu);
    await db.update(platformAccounts).set({ verifyTicketEnc: null }).where(eq(platformAccounts.id, account.id));
    await expect(getTpToken(account)).rejects.toMatchObject({ name: "NoBaiduTicketError", platform: "baidu", errorClass: "state" });
  });
});

describe("app tokens", () => {
  it("refreshes a cold token once for 100 concurrent callers in two 'processes', and stores the rotated refresh token", async () => {
    const world = await createBaiduWorld(baidu);
    const r1 = (await refreshTokens(world)).stored!;
    // A second instance of the module: its own in-process flights, the same database — as another process would be.
    vi.resetModules();
    const other = (await import("./tokens")) as typeof import("./tokens");
    expect(other.getAppToken).not.toBe(getAppToken);
    const before = await baiduUpstreamCalls(OAUTH);
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? getAppToken : other.getAppToken)(world.tenant)));
    expect(new Set(tokens).size).toBe(1);
    expect(await baiduUpstreamCalls(OAUTH)).toBe(before + 1);
    expect(await historyOf(world.tenant.id, "baidu.oauth.token.refresh")).toHaveLength(1);
    const { stored, live } = await refreshTokens(world);
    expect(stored).toBe(live);
    expect(stored).not.toBe(r1);
    // The token works: a package list through the client.
    expect(await getAppClient(world.tenant).getPackages()).toEqual([]);
  });

  it("keeps tokens and codes out of the history", async () => {
    const world = await createBaiduWorld(baidu);
    await getAppToken(world.tenant);
    await recoverGrant(world.tenant);
    const rows = [
      ...(await historyOf(world.tenant.id, "baidu.oauth.token.refresh")),
      ...(await historyOf(world.tenant.id, "baidu.auth.retrieve.authorizationcode")),
      ...(await historyOf(world.tenant.id, "baidu.oauth.token.exchange")),
    ];
    expect(rows).toHaveLength(3);
    const text = JSON.stringify(rows.map((r) => [r.request, r.response]));
    const { stored } = await refreshTokens(world);
    expect(text).not.toContain(stored!);
    expect(text).not.toMatch(/"(45|46)\.[0-9a-f]{32}/);
    expect(text).not.toMatch(/authcode\./);
    expect(rows.find((r) => r.action === "baidu.oauth.token.exchange")!.request).toMatchObject({ params: { code: "[redacted]", grant_type: "app_to_tp_authorization_code" } });
  });

  it("expires a refused access token (if still the cached one) and retries the call once with a fresh one", async () => {
    const world = await createBaiduWorld(baidu);
    const first = await getAppToken(world.tenant);
    await db.delete(sandboxBaiduTokens).where(eq(sandboxBaiduTokens.token, first));
    expect(await getAppClient(world.tenant).getPackages()).toEqual([]);
    const second = await getAppToken(world.tenant);
    expect(second).not.toBe(first);
    const { stored, live } = await refreshTokens(world);
    expect(stored).toBe(live);
  });
});

/** Makes every write of this tenant's refresh token fail, as a process killed before its COMMIT would lose it. */
async function breakRefreshWrites(tenantId: string) {
  await db.execute(sql.raw(`
    create or replace function test_baidu_crash() returns trigger language plpgsql as $$
    begin
      if new.id = '${tenantId}' and new.refresh_token_enc is distinct from old.refresh_token_enc then
        raise exception 'simulated crash after the platform answered';
      end if;
      return new;
    end $$;
    drop trigger if exists test_baidu_crash on tenants;
    create trigger test_baidu_crash before update on tenants for each row execute function test_baidu_crash();`));
}
const repairRefreshWrites = () => db.execute(sql.raw("drop trigger if exists test_baidu_crash on tenants"));

describe("a refresh killed after the platform answered", () => {
  it("loses no grant: the dead refresh token is recovered through a new authorization code", async () => {
    const world = await createBaiduWorld(baidu);
    const r1 = (await refreshTokens(world)).stored!;
    await breakRefreshWrites(world.tenant.id);
    try {
      const crashed = (await getAppToken(world.tenant).then(
        () => null,
        (e: unknown) => e,
      )) as (Error & { cause?: Error }) | null;
      expect(crashed?.cause?.message).toMatch(/simulated crash/);
    } finally {
      await repairRefreshWrites();
    }
    // Baidu rotated (R1 is dead there), the console still holds R1 and no access token: the crash window.
    const afterCrash = await refreshTokens(world);
    expect(afterCrash.stored).toBe(r1);
    expect(afterCrash.live).not.toBe(r1);
    const [refresh] = await historyOf(world.tenant.id, "baidu.oauth.token.refresh");
    expect(refresh).toMatchObject({ ok: false, response: { error: expect.stringContaining("answered, but the answer could not be stored") } });

    // The next caller: R1 is refused (invalid_grant), the grant is recovered under the same lock, the call works.
    expect(await getAppClient(world.tenant).getPackages()).toEqual([]);
    const recovered = await refreshTokens(world);
    expect(recovered.stored).toBe(recovered.live);
    expect(recovered.stored).not.toBe(r1);
    const refreshes = await historyOf(world.tenant.id, "baidu.oauth.token.refresh");
    expect(refreshes.map((r) => r.ok)).toEqual([false, false]);
    expect(refreshes[1]!.response).toMatchObject({ error: "invalid_grant" });
    expect((await historyOf(world.tenant.id, "baidu.auth.retrieve.authorizationcode")).map((r) => r.ok)).toEqual([true]);
    expect((await historyOf(world.tenant.id, "baidu.oauth.token.exchange")).map((r) => r.ok)).toEqual([true]);
    // And from there on, plain refreshes again.
    await dropAppToken(world.tenant);
    await getAppToken(world.tenant);
    expect((await historyOf(world.tenant.id, "baidu.oauth.token.refresh")).map((r) => r.ok)).toEqual([false, false, true]);
  });

  it("recoverGrant replaces a grant the console never had; an unauthorized smart program is reported lost, naming the stored grant", async () => {
    const world = await createBaiduWorld(baidu);
    await db.update(tenants).set({ refreshTokenEnc: null }).where(eq(tenants.id, world.tenant.id));
    await recoverGrant(world.tenant);
    const { stored, live } = await refreshTokens(world);
    expect(stored).toBe(live);
    expect(stored).not.toBeNull();

    await unauthorizeApp(world.app.appId);
    await dropAppToken(world.tenant);
    const error = await getAppToken(world.tenant).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platform: "baidu", code: 50032, errorClass: "permission" });
    expect((error as PlatformError).options).toMatchObject({ needsReauth: true, evidence: `refresh_token:${hashOf(stored!)}` });
  });
});
