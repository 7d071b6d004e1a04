/**
 * Test helpers for the Baidu client (vitest only; never imported by the app). A "world" is an emulated Baidu
 * platform (with a pushed ticket) and one authorized smart program, mirrored in the console the way onboarding would
 * leave them: a `baidu` platform_accounts row pointing at the emulator over HTTP (client_id, push token and key,
 * the ticket), and a tenant holding the smart program's current refresh token. Tests then use the real client.
 */
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { decryptSecret, encryptSecret } from "../../lib/crypto";
import { operations, platformAccounts, tenants, wechatTokens, type PlatformAccount, type Tenant } from "../../lib/db/schema";
import { createBaiduApp, getBaiduApp, type BaiduAppRow, type BaiduPlatformRow, type NewBaiduApp } from "../../lib/sandbox/baidu/registry";
import { sandboxCounters } from "../../lib/sandbox/schema";
import { storeBaiduTicket } from "../../lib/platforms/baidu/tokens";
import { baiduAppKey } from "../../lib/platforms/baidu/grants";
import type { BaiduHarness } from "./baidu";

export type BaiduWorld = { platform: BaiduPlatformRow; app: BaiduAppRow; account: PlatformAccount; tenant: Tenant };

export async function consoleBaiduAccount(platform: BaiduPlatformRow, base: string): Promise<PlatformAccount> {
  const [account] = await db
    .insert(platformAccounts)
    .values({
      platform: "baidu",
      name: `Sandbox ${platform.clientId}`,
      appId: platform.clientId,
      secretEnc: encryptSecret("baidu-has-no-secret-here"),
      tokenEnc: encryptSecret(platform.token),
      aesKeyEnc: encryptSecret(platform.encodingAesKey),
      apiBase: base,
    })
    .returning();
  if (platform.ticket) await storeBaiduTicket(account!.id, platform.ticket);
  const [fresh] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, account!.id));
  return fresh!;
}

export async function consoleBaiduTenant(account: PlatformAccount, app: BaiduAppRow): Promise<Tenant> {
  const [tenant] = await db
    .insert(tenants)
    .values({ accountId: account.id, appid: String(app.appId), nickname: app.appName, refreshTokenEnc: app.refreshToken ? encryptSecret(app.refreshToken) : null, authorizedAt: new Date() })
    .returning();
  return tenant!;
}

export async function createBaiduWorld(baidu: BaiduHarness, input: Omit<NewBaiduApp, "clientId"> = {}): Promise<BaiduWorld> {
  const platform = await baidu.platformWithTicket();
  const app = await createBaiduApp({ ...input, clientId: platform.clientId });
  const account = await consoleBaiduAccount(platform, baidu.base);
  return { platform, app, account, tenant: await consoleBaiduTenant(account, app) };
}

/** The refresh token the console holds for the tenant, and the one the emulator holds live for the app. */
export async function refreshTokens(world: BaiduWorld): Promise<{ stored: string | null; live: string | null }> {
  const [row] = await db.select({ enc: tenants.refreshTokenEnc }).from(tenants).where(eq(tenants.id, world.tenant.id));
  return { stored: row?.enc ? decryptSecret(row.enc) : null, live: (await getBaiduApp(world.app.appId))?.refreshToken ?? null };
}

/** Upstream calls the emulator counted for a path (every errno). */
export async function baiduUpstreamCalls(path: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${sandboxCounters.count}), 0)::int` })
    .from(sandboxCounters)
    .where(eq(sandboxCounters.path, path));
  return row?.n ?? 0;
}

/** History rows of one tenant's action, oldest first. */
export const historyOf = (tenantId: string | null, action: string) =>
  db
    .select()
    .from(operations)
    .where(and(tenantId === null ? sql`true` : eq(operations.tenantId, tenantId), eq(operations.action, action)))
    .orderBy(operations.id);

/** Forgets the tenant's cached app token: the next call refreshes. */
export const dropAppToken = (tenant: Tenant) => db.delete(wechatTokens).where(eq(wechatTokens.key, baiduAppKey(tenant.id)));
