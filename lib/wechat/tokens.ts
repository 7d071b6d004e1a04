import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, wechatTokens, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { wechatRequest, type HistoryContext } from "./http";
import { WeChatError } from "./wechat-error";

/**
 * The token authority. Access tokens live in Postgres (encrypted), shared by every process, and are refreshed:
 * - ahead of expiry (5 minutes' margin);
 * - exactly once per key at a time across processes: a Postgres advisory lock on the key, and the row re-read after
 *   the lock is taken (whoever waited finds the fresh token); within a process, concurrent callers share one flight;
 * - on 40001/42001 only if the cached token is the one that failed (compare-and-expire), then the call is retried once.
 * The refresh token returned by every authorization and refresh answer is saved. 61023/61003 mark the tenant as
 * needing re-authorization.
 */

const MARGIN_MS = 5 * 60_000;
const TOKEN_ERRCODES = new Set([40001, 42001]);
const REAUTH_ERRCODES = new Set([61023, 61003]);

export const componentKey = (accountId: string) => `component:${accountId}`;
export const authorizerKey = (tenantId: string) => `authorizer:${tenantId}`;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** No verify ticket has arrived yet: the platform pushes one every 10 minutes once the callback URL is set. */
export class NoVerifyTicketError extends Error {
  constructor(readonly accountId: string) {
    super("No component_verify_ticket has been received for this platform account yet");
    this.name = "NoVerifyTicketError";
  }
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
type Fresh = { token: string; expiresIn: number };

async function readValid(executor: Tx | typeof db, key: string): Promise<string | null> {
  const [row] = await executor.select().from(wechatTokens).where(eq(wechatTokens.key, key)).limit(1);
  if (!row || row.expiresAt.getTime() - Date.now() <= MARGIN_MS) return null;
  return decryptSecret(row.tokenEnc);
}

const inflight = new Map<string, Promise<string>>();

/** At most `size` of `fn` at a time in this process; the rest wait without holding anything. */
function limiter(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active < size) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * A refresh holds a pooled connection (its transaction, for the advisory lock) while it needs more: the history
 * row of its own HTTP call and, for an authorizer, the component token. As many concurrent refreshes as the pool
 * has connections (lib/db/client.ts: 10) would each wait for a connection another holds, forever — a bulk job over
 * a dozen cold tenants did exactly that. So refreshes are bounded per kind, leaving connections free; authorizer
 * refreshes wait for component slots, never the reverse, so the two bounds cannot wait on each other.
 */
const refreshSlots = { component: limiter(2), authorizer: limiter(4) };

/** Cached token for `key`, or one refresh (in this process and across processes) through `refresh`. */
async function tokenFor(key: string, owner: { accountId: string; tenantId: string | null }, refresh: (tx: Tx) => Promise<Fresh>): Promise<string> {
  const cached = await readValid(db, key);
  if (cached) return cached;
  const running = inflight.get(key);
  if (running) return running;
  const slots = owner.tenantId === null ? refreshSlots.component : refreshSlots.authorizer;
  const flight = slots(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      const again = await readValid(tx, key);
      if (again) return again;
      const fresh = await refresh(tx);
      const values = {
        tokenEnc: encryptSecret(fresh.token),
        tokenHash: hashOf(fresh.token),
        expiresAt: new Date(Date.now() + fresh.expiresIn * 1000),
        refreshedAt: new Date(),
      };
      await tx
        .insert(wechatTokens)
        .values({ key, accountId: owner.accountId, tenantId: owner.tenantId, ...values })
        .onConflictDoUpdate({ target: wechatTokens.key, set: values });
      return fresh.token;
    }),
  ).finally(() => inflight.delete(key));
  inflight.set(key, flight);
  return flight;
}

/** Expires the cached token only if it is still the one that failed (another caller may have refreshed it already). */
export async function expireIfCurrent(key: string, failedToken: string): Promise<boolean> {
  const rows = await db
    .update(wechatTokens)
    .set({ expiresAt: new Date(0) })
    .where(and(eq(wechatTokens.key, key), eq(wechatTokens.tokenHash, hashOf(failedToken))))
    .returning({ key: wechatTokens.key });
  return rows.length > 0;
}

export async function dropToken(key: string) {
  await db.delete(wechatTokens).where(eq(wechatTokens.key, key));
}

/**
 * Keeps a component_verify_ticket. `createdAt` is the push's CreateTime: a late retry of an older push must not bring
 * back a ticket the platform has since replaced, so it only replaces a ticket pushed at the same time or earlier.
 * One conditional UPDATE, so two pushes racing cannot interleave. The same CreateTime replaces (two pushes can share
 * a second; the later arrival is the better guess). A ticket stored without one (tests, tools) is replaced by the
 * next push. Returns whether the ticket was stored.
 */
export async function storeVerifyTicket(accountId: string, ticket: string, createdAt?: Date): Promise<boolean> {
  const newer = createdAt ? or(isNull(platformAccounts.verifyTicketCreatedAt), lte(platformAccounts.verifyTicketCreatedAt, createdAt)) : undefined;
  const rows = await db
    .update(platformAccounts)
    .set({ verifyTicketEnc: encryptSecret(ticket), verifyTicketAt: new Date(), verifyTicketCreatedAt: createdAt ?? null })
    .where(and(eq(platformAccounts.id, accountId), newer))
    .returning({ id: platformAccounts.id });
  return rows.length > 0;
}

export function getComponentToken(account: PlatformAccount, context?: HistoryContext): Promise<string> {
  return tokenFor(componentKey(account.id), { accountId: account.id, tenantId: null }, async (tx) => {
    const [fresh] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, account.id));
    if (!fresh?.verifyTicketEnc) throw new NoVerifyTicketError(account.id);
    const answer = await wechatRequest<{ component_access_token: string; expires_in: number }>({
      method: "POST",
      path: "/cgi-bin/component/api_component_token",
      base: account.apiBase,
      body: {
        component_appid: account.appId,
        component_appsecret: decryptSecret(account.secretEnc),
        component_verify_ticket: decryptSecret(fresh.verifyTicketEnc),
      },
      retry: "transient",
      action: "component.api_component_token",
      context,
    });
    return { token: answer.component_access_token, expiresIn: answer.expires_in };
  });
}

export async function markNeedsReauth(tenantId: string) {
  await db.update(tenants).set({ status: "needs_reauth" }).where(and(eq(tenants.id, tenantId), eq(tenants.status, "authorized")));
  await dropToken(authorizerKey(tenantId));
}

export async function getAuthorizerToken(tenant: Tenant, context?: HistoryContext): Promise<string> {
  return tokenFor(authorizerKey(tenant.id), { accountId: tenant.accountId, tenantId: tenant.id }, async (tx) => {
    const [account] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, tenant.accountId));
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, tenant.id));
    if (!account || !current) throw new Error(`tenant ${tenant.id} or its platform account is gone`);
    if (!current.refreshTokenEnc) throw new WeChatError(61023, "refresh_token is invalid (none stored)", "/cgi-bin/component/api_authorizer_token");
    const answer = await withComponentToken(account, (componentToken) =>
      wechatRequest<{ authorizer_access_token: string; expires_in: number; authorizer_refresh_token?: string }>({
        method: "POST",
        path: "/cgi-bin/component/api_authorizer_token",
        base: account.apiBase,
        token: { name: "component_access_token", value: componentToken },
        body: { component_appid: account.appId, authorizer_appid: current.appid, authorizer_refresh_token: decryptSecret(current.refreshTokenEnc!) },
        retry: "transient",
        action: "component.api_authorizer_token",
        context: { ...context, tenantId: tenant.id },
      }),
    ).catch(async (error) => {
      if (error instanceof WeChatError && REAUTH_ERRCODES.has(error.errcode)) await markNeedsReauth(tenant.id);
      throw error;
    });
    // Save the refresh token of every answer: a rotated one that is dropped is lost for good.
    if (answer.authorizer_refresh_token) {
      await tx.update(tenants).set({ refreshTokenEnc: encryptSecret(answer.authorizer_refresh_token) }).where(eq(tenants.id, tenant.id));
    }
    return { token: answer.authorizer_access_token, expiresIn: answer.expires_in };
  });
}

/** Calls `fn` with a valid token; on 40001/42001 expires that token (if still current) and retries once. */
async function withToken<T>(key: string, get: () => Promise<string>, fn: (token: string) => Promise<T>): Promise<T> {
  const token = await get();
  try {
    return await fn(token);
  } catch (error) {
    if (!(error instanceof WeChatError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
    await expireIfCurrent(key, token);
    return fn(await get());
  }
}

export function withComponentToken<T>(account: PlatformAccount, fn: (token: string) => Promise<T>, context?: HistoryContext): Promise<T> {
  return withToken(componentKey(account.id), () => getComponentToken(account, context), fn);
}

export async function withAuthorizerToken<T>(tenant: Tenant, fn: (token: string) => Promise<T>, context?: HistoryContext): Promise<T> {
  try {
    return await withToken(authorizerKey(tenant.id), () => getAuthorizerToken(tenant, context), fn);
  } catch (error) {
    if (error instanceof WeChatError && REAUTH_ERRCODES.has(error.errcode)) await markNeedsReauth(tenant.id);
    throw error;
  }
}

/**
 * Re-pulls every authorizer's refresh token from api_get_authorizer_list (pages of 500, the documented maximum) and
 * saves them, so tenants marked "needs re-authorization" after a lost refresh token recover without the merchant.
 */
export async function repullRefreshTokens(account: PlatformAccount, context?: HistoryContext): Promise<{ listed: number; updated: number; recovered: number }> {
  let offset = 0;
  let listed = 0;
  let updated = 0;
  let recovered = 0;
  for (;;) {
    const page = await withComponentToken(
      account,
      (token) =>
        wechatRequest<{ total_count: number; list: { authorizer_appid: string; refresh_token: string }[] }>({
          method: "POST",
          path: "/cgi-bin/component/api_get_authorizer_list",
          base: account.apiBase,
          token: { name: "component_access_token", value: token },
          body: { component_appid: account.appId, offset, count: 500 },
          retry: "transient",
          action: "component.api_get_authorizer_list",
          context,
        }),
      context,
    );
    for (const item of page.list) {
      const where = and(eq(tenants.accountId, account.id), eq(tenants.appid, item.authorizer_appid));
      const [before] = await db.select({ id: tenants.id, status: tenants.status }).from(tenants).where(where);
      if (!before) continue;
      const status = before.status === "needs_reauth" ? "authorized" : before.status;
      await db.update(tenants).set({ refreshTokenEnc: encryptSecret(item.refresh_token), status }).where(where);
      await dropToken(authorizerKey(before.id));
      updated++;
      if (before.status === "needs_reauth") recovered++;
    }
    listed += page.list.length;
    offset += page.list.length;
    if (page.list.length === 0 || offset >= page.total_count) break;
  }
  return { listed, updated, recovered };
}
