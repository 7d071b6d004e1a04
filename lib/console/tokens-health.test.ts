import { afterEach, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants, wechatTokens } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { clearFaults, unauthorize } from "@/lib/sandbox/control-ops";
import { createAuthorizer, getAuthorizer, newRefreshToken } from "@/lib/sandbox/registry";
import { sandboxAuthorizers } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { PlatformError } from "@/lib/platforms/port";
import { WeChatError } from "@/lib/platforms/wechat/errors/wechat-error";
import { authorizerKey, refreshEvidence } from "@/lib/platforms/wechat/grants";
import { authorizerTokenRow, consoleAccountFor, consoleTenantFor, createWorld, expireCachedToken, type World } from "@/scripts/vitest/wechat";
import { markNeedsReauth, repullRefreshTokens, withTenantHealth } from "./tokens-health";

/**
 * Tokens report, the console decides: a refused grant reaches the console as a PlatformError (needsReauth + the
 * evidence of what was refused); withTenantHealth marks the tenant only while that grant is still the stored one.
 * The re-pull restores grants a page at a time.
 */

const sandbox = sandboxHarness();
const tenantRow = async (id: string) => (await db.select().from(tenants).where(eq(tenants.id, id)))[0]!;

async function warmWorld() {
  const w = await createWorld(sandbox);
  await w.client.getCategory();
  return w;
}

/** The platform no longer knows the tenant's refresh token (an older one was saved over a rotated one). */
async function loseRefreshToken(w: World) {
  await db.update(sandboxAuthorizers).set({ refreshToken: newRefreshToken() }).where(eq(sandboxAuthorizers.appid, w.authorizer.appid));
  await expireCachedToken(authorizerKey(w.tenant.id));
}

const refusalOf = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as PlatformError);

afterEach(async () => {
  await clearFaults({});
});

describe("lost authorization", () => {
  it("marks the tenant needs_reauth on 61023, and repullRefreshTokens restores it", async () => {
    const w = await warmWorld();
    await loseRefreshToken(w);

    const error = await refusalOf(withTenantHealth(w.tenant, () => w.client.getCategory()));
    expect(error).toBeInstanceOf(WeChatError);
    expect(error!.code).toBe(61023);
    expect(error!.describe("en")).toBe("61023 — The refresh token is invalid: the merchant must authorize the mini-program again.");
    expect((await tenantRow(w.tenant.id)).status).toBe("needs_reauth");
    expect(await authorizerTokenRow(w.tenant)).toBeUndefined();

    expect(await repullRefreshTokens(w.account)).toEqual({ listed: 1, updated: 1, recovered: 1 });
    const restored = await tenantRow(w.tenant.id);
    expect(restored.status).toBe("authorized");
    expect(decryptSecret(restored.refreshTokenEnc!)).toBe((await getAuthorizer(w.authorizer.appid))!.refreshToken);
    expect((await w.client.getCategory()).category_list).toHaveLength(2);
  });

  it("marks the tenant needs_reauth when the merchant revoked the authorization (61003); a re-pull cannot restore that", async () => {
    const w = await warmWorld();
    await unauthorize({ appid: w.authorizer.appid });
    // The revoked token answers 40001 first; the refresh then says 61003.
    const error = await refusalOf(withTenantHealth(w.tenant, () => w.client.getCategory()));
    expect(error!.code).toBe(61003);
    expect((await tenantRow(w.tenant.id)).status).toBe("needs_reauth");
    expect(await repullRefreshTokens(w.account)).toEqual({ listed: 0, updated: 0, recovered: 0 });
    expect((await tenantRow(w.tenant.id)).status).toBe("needs_reauth");
  });

  it("leaves the tenant alone when its grant was replaced between the refusal and the marking", async () => {
    const w = await warmWorld();
    await loseRefreshToken(w);
    // The refusal, as the token authority reports it (the refresh's transaction has ended)…
    const error = await refusalOf(w.client.getCategory());
    expect(error!.options.evidence).toBe(refreshEvidence(w.authorizer.refreshToken!));
    // …then a re-pull (or a re-authorization) stores the grant the platform knows now, before the console marks.
    await repullRefreshTokens(w.account);
    expect(await markNeedsReauth(w.tenant.id, error!.options.evidence)).toBe(false);
    expect((await tenantRow(w.tenant.id)).status).toBe("authorized");
    expect((await w.client.getCategory()).category_list).toHaveLength(2);
  });

  it("rethrows other refusals unchanged and marks nothing", async () => {
    const w = await warmWorld();
    const error = await refusalOf(withTenantHealth(w.tenant, () => w.client.getAuditStatus({ auditid: 1 })));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error!.options.needsReauth).toBe(false);
    const bug = new TypeError("bug");
    expect(await refusalOf(withTenantHealth(w.tenant, () => Promise.reject(bug)))).toBe(bug);
    expect((await tenantRow(w.tenant.id)).status).toBe("authorized");
  });
});

describe("the re-pull of many tenants", () => {
  /** Counts statements of one kind on one table (a statement-level trigger), to prove the work is batched. */
  async function countStatements(table: "tenants" | "wechat_tokens", op: "update" | "delete") {
    const name = `count_${table}_${op}`;
    await db.execute(sql.raw(`create table if not exists ${name} (n int not null default 0); delete from ${name}; insert into ${name} values (0)`));
    await db.execute(sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin update ${name} set n = n + 1; return null; end $$`));
    await db.execute(sql.raw(`drop trigger if exists ${name} on ${table}; create trigger ${name} after ${op} on ${table} for each statement execute function ${name}()`));
    return async () => {
      const [row] = (await db.execute(sql.raw(`select n from ${name}`))) as unknown as { n: number }[];
      await db.execute(sql.raw(`drop trigger ${name} on ${table}`));
      return row!.n;
    };
  }

  it("saves a page of grants in one UPDATE and one DELETE, whatever the number of tenants, and counts the recovered", async () => {
    const platform = await sandbox.platformWithTicket();
    const account = await consoleAccountFor(platform, sandbox.wechatBase);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const authorizer = await createAuthorizer({ componentAppid: platform.componentAppid });
      const tenant = await consoleTenantFor(account, authorizer);
      // Every stored grant is stale; a third are marked needs_reauth, one was unauthorized meanwhile.
      const status = i === 0 ? ("unauthorized" as const) : i % 3 === 0 ? ("needs_reauth" as const) : ("authorized" as const);
      await db.update(tenants).set({ status, refreshTokenEnc: encryptSecret(`stale-${i}`) }).where(eq(tenants.id, tenant.id));
      ids.push(tenant.id);
    }
    await db.insert(wechatTokens).values({ key: authorizerKey(ids[2]!), accountId: account.id, tenantId: ids[2]!, tokenEnc: encryptSecret("x"), tokenHash: "x", expiresAt: new Date(Date.now() + 3600_000) });
    const updates = await countStatements("tenants", "update");
    const deletes = await countStatements("wechat_tokens", "delete");

    expect(await repullRefreshTokens(account)).toEqual({ listed: 24, updated: 24, recovered: 7 });

    expect({ updates: await updates(), deletes: await deletes() }).toEqual({ updates: 1, deletes: 1 });
    const rows = await db.select().from(tenants).where(inArray(tenants.id, ids));
    const platformTokens = new Map((await db.select().from(sandboxAuthorizers)).map((a) => [a.appid, a.refreshToken]));
    for (const row of rows) expect(decryptSecret(row.refreshTokenEnc!)).toBe(platformTokens.get(row.appid));
    expect(rows.filter((r) => r.status === "authorized")).toHaveLength(23);
    // A re-pull does not bring back a tenant the console saw unauthorized: only needs_reauth recovers.
    expect((await tenantRow(ids[0]!)).status).toBe("unauthorized");
    expect(await db.select().from(wechatTokens).where(inArray(wechatTokens.tenantId, ids))).toEqual([]);
  });
});
