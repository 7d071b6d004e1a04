/**
 * Test helpers for the WeChat client (vitest only; never imported by the app). A "world" is a sandbox platform with
 * one authorizer, mirrored in the console the way onboarding would leave it: a platform_accounts row pointing at the
 * sandbox over HTTP with the sandbox platform's secret (encrypted) and verify ticket, and a tenant holding the
 * authorizer's refresh token (encrypted). Tests then use the real client against the sandbox.
 */
import { expect } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { encryptSecret } from "../../lib/crypto";
import { operations, platformAccounts, tenants, wechatTokens, type PlatformAccount, type Tenant } from "../../lib/db/schema";
import { createAuthorizer, type NewAuthorizer } from "../../lib/sandbox/registry";
import { sandboxCounters } from "../../lib/sandbox/schema";
import type { AuthorizerRow, PlatformRow } from "../../lib/sandbox/router";
import type { SandboxHarness } from "./sandbox";
import { getAuthorizerClient, getComponentClient, type ClientContext } from "../../lib/platforms/wechat/client";
import { authorizerKey, componentKey, storeVerifyTicket } from "../../lib/platforms/wechat/tokens";

export type World = {
  platform: PlatformRow;
  authorizer: AuthorizerRow;
  account: PlatformAccount;
  tenant: Tenant;
  component: ReturnType<typeof getComponentClient>;
  client: ReturnType<typeof getAuthorizerClient>;
};

export async function consoleAccountFor(platform: PlatformRow, wechatBase: string): Promise<PlatformAccount> {
  const [account] = await db
    .insert(platformAccounts)
    .values({
      platform: "wechat",
      name: `Sandbox ${platform.componentAppid}`,
      appId: platform.componentAppid,
      secretEnc: encryptSecret(platform.componentAppsecret),
      tokenEnc: encryptSecret(platform.token),
      aesKeyEnc: encryptSecret(platform.encodingAesKey),
      apiBase: wechatBase,
    })
    .returning();
  await storeVerifyTicket(account!.id, platform.verifyTicket!);
  const [fresh] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, account!.id));
  return fresh!;
}

export async function consoleTenantFor(account: PlatformAccount, authorizer: AuthorizerRow): Promise<Tenant> {
  const [tenant] = await db
    .insert(tenants)
    .values({
      accountId: account.id,
      appid: authorizer.appid,
      nickname: authorizer.nickname,
      principalName: authorizer.principalName,
      // The gh_ original id, as onboarding keeps it: pushes to the message URL are checked against it.
      userName: authorizer.userName,
      refreshTokenEnc: encryptSecret(authorizer.refreshToken!),
      permissionSets: authorizer.funcInfo,
      authorizedAt: new Date(),
    })
    .returning();
  return tenant!;
}

/** A sandbox platform + authorizer and their console account + tenant, with clients for both. */
export async function createWorld(sandbox: SandboxHarness, input: Omit<NewAuthorizer, "componentAppid"> = {}, context?: ClientContext): Promise<World> {
  const platform = await sandbox.platformWithTicket();
  const authorizer = await createAuthorizer({ ...input, componentAppid: platform.componentAppid });
  const account = await consoleAccountFor(platform, sandbox.wechatBase);
  const tenant = await consoleTenantFor(account, authorizer);
  return { platform, authorizer, account, tenant, component: getComponentClient(account, context), client: getAuthorizerClient(tenant, context) };
}

/** Upstream calls the sandbox counted for a path (every errcode), e.g. `/cgi-bin/component/api_authorizer_token`. */
export async function upstreamCalls(path: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${sandboxCounters.count}), 0)::int` })
    .from(sandboxCounters)
    .where(eq(sandboxCounters.path, path));
  return row?.n ?? 0;
}

/** Every upstream call the sandbox counted, all paths. */
export const allUpstreamCalls = async () => {
  const [row] = await db.select({ n: sql<number>`coalesce(sum(${sandboxCounters.count}), 0)::int` }).from(sandboxCounters);
  return row?.n ?? 0;
};

/** History rows of one action (optionally for one tenant), oldest first. */
export function historyOf(action: string, tenantId?: string) {
  return db
    .select()
    .from(operations)
    .where(tenantId ? and(eq(operations.action, action), eq(operations.tenantId, tenantId)) : eq(operations.action, action))
    .orderBy(operations.id);
}

export async function historyCount(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(operations);
  return row?.n ?? 0;
}

/** The cached token row of a tenant / account. */
export async function tokenRow(key: string) {
  const [row] = await db.select().from(wechatTokens).where(eq(wechatTokens.key, key));
  return row;
}
export const authorizerTokenRow = (tenant: Tenant) => tokenRow(authorizerKey(tenant.id));
export const componentTokenRow = (account: PlatformAccount) => tokenRow(componentKey(account.id));

/** Makes the cached token look expired (as after two hours) without touching the sandbox's copy. */
export async function expireCachedToken(key: string) {
  await db.update(wechatTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(wechatTokens.key, key));
}

/** Drops every cached token of an account (cold start). */
export async function dropCachedTokens(account: PlatformAccount) {
  await db.delete(wechatTokens).where(eq(wechatTokens.accountId, account.id));
}

/**
 * Runs one client call with warm tokens and checks it cost exactly one upstream request and wrote exactly one
 * history row (a token refresh or a retry would show up as more).
 */
export async function oneCall<T>(fn: () => Promise<T>): Promise<T> {
  const [history, upstream] = [await historyCount(), await allUpstreamCalls()];
  const answer = await fn();
  expect({ history: (await historyCount()) - history, upstream: (await allUpstreamCalls()) - upstream }).toEqual({ history: 1, upstream: 1 });
  return answer;
}
