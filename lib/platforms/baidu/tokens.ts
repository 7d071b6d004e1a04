import "server-only";
import pLimit from "p-limit";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, wechatTokens, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { BaiduError, BaiduOAuthError, NoBaiduTicketError } from "./baidu-error";
import { invoke } from "./call";
import { APP_ENDPOINTS, TOKEN_ENDPOINTS, TP_ENDPOINTS } from "./endpoints";
import { accessEvidence, baiduAppKey, baiduTpKey, hashOf, lockKey, refreshEvidence, storePair, storeToken, withBaiduTenantLock, type Tx } from "./grants";
import { baiduRequest, type BaiduHistoryContext } from "./http";
import { oauthTokenAnswer } from "./schemas";

/**
 * Baidu's token authority. Tokens are cached in Postgres (encrypted, ./grants.ts), shared by every process, and
 * refreshed 5 minutes ahead of expiry, exactly once per key at a time across processes: an advisory lock on the key,
 * the row re-read once the lock is held (whoever waited finds the fresh token); within a process concurrent callers
 * share one flight. A refused token (110/111) is expired only if it is still the cached one, then the call is retried
 * once.
 *
 * The app token's refresh token is SINGLE USE: Baidu kills it the moment it answers a refresh with a new pair. So the
 * new pair is written first thing after the answer (./http.ts `persist`, before even its history row), in the
 * transaction that holds the tenant's lock, and that transaction commits right after.
 *
 * The window that remains: between Baidu answering and our COMMIT returning, the only copy of the new refresh token
 * is this process's memory. A process killed there (or a database failing the write) leaves a stored refresh token
 * Baidu no longer accepts. No ordering of writes can close that window — the token is not ours until its answer
 * arrives — so the loss is made recoverable instead: the next refresh gets `invalid_grant`, and under the same lock
 * `recoverGrant` asks for a fresh authorization code (retrieve/authorizationcode, with the platform's own TP token)
 * and exchanges it for a new pair. Only when Baidu says the authorization itself is gone (50032) is the grant lost:
 * that is reported with needsReauth and the refused grant's evidence; the console marks the tenant.
 */

const MARGIN_MS = 5 * 60_000;
const DAY_S = 86_400;

/** Refreshes hold a pooled connection (their lock's transaction) while they need others: bounded per kind (app waits for tp, never the reverse). */
const refreshSlots = { tp: pLimit(1), app: pLimit(3) };
const inflight = new Map<string, Promise<string>>();

async function readValid(executor: Tx | typeof db, key: string): Promise<string | null> {
  const [row] = await executor.select().from(wechatTokens).where(eq(wechatTokens.key, key)).limit(1);
  if (!row || row.expiresAt.getTime() - Date.now() <= MARGIN_MS) return null;
  return decryptSecret(row.tokenEnc);
}

/** The cached token for `key`, or one refresh in this process and across processes; `refresh` stores what it gets. */
async function tokenFor(key: string, kind: keyof typeof refreshSlots, refresh: (tx: Tx) => Promise<string>): Promise<string> {
  const cached = await readValid(db, key);
  if (cached) return cached;
  const running = inflight.get(key);
  if (running) return running;
  const flight = refreshSlots[kind](() =>
    db.transaction(async (tx) => {
      await lockKey(tx, key);
      return (await readValid(tx, key)) ?? refresh(tx);
    }),
  ).finally(() => inflight.delete(key));
  inflight.set(key, flight);
  return flight;
}

/** Expires the cached token only if it is still the one that was refused. */
export async function expireIfCurrent(key: string, refused: string): Promise<boolean> {
  const rows = await db
    .update(wechatTokens)
    .set({ expiresAt: new Date(0) })
    .where(and(eq(wechatTokens.key, key), eq(wechatTokens.tokenHash, hashOf(refused))))
    .returning({ key: wechatTokens.key });
  return rows.length > 0;
}

/**
 * Keeps the latest pushed ticket on the account (the column WeChat's verify ticket uses: one ticket per platform
 * account). `createdAt` is the push's CreateTime: a late retry of an older push never replaces a newer ticket.
 */
export async function storeBaiduTicket(accountId: string, ticket: string, createdAt?: Date | null): Promise<boolean> {
  const newer = createdAt ? or(isNull(platformAccounts.verifyTicketCreatedAt), lte(platformAccounts.verifyTicketCreatedAt, createdAt)) : undefined;
  const rows = await db
    .update(platformAccounts)
    .set({ verifyTicketEnc: encryptSecret(ticket), verifyTicketAt: new Date(), verifyTicketCreatedAt: createdAt ?? null })
    .where(and(eq(platformAccounts.id, accountId), eq(platformAccounts.platform, "baidu"), newer))
    .returning({ id: platformAccounts.id });
  return rows.length > 0;
}

/** The TP token (30 days), from the account row and its latest ticket as they are under the lock. */
export function getTpToken(account: PlatformAccount, context?: BaiduHistoryContext): Promise<string> {
  const key = baiduTpKey(account.id);
  return tokenFor(key, "tp", async (tx) => {
    const [fresh] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, account.id));
    if (!fresh) throw new Error(`platform account ${account.id} is gone`);
    if (!fresh.verifyTicketEnc) throw new NoBaiduTicketError(account.id);
    const answer = await invoke(
      TOKEN_ENDPOINTS.tpToken,
      { client_id: fresh.appId, ticket: decryptSecret(fresh.verifyTicketEnc) },
      (_token, req) => baiduRequest({ ...req, base: fresh.apiBase, context }),
      "none",
    );
    // The documented lifetime is 30 days; a missing or odd one is taken as a day.
    await storeToken(tx, key, { accountId: account.id, tenantId: null }, { token: answer.access_token, expiresIn: answer.expires_in > 0 ? answer.expires_in : DAY_S });
    return answer.access_token;
  });
}

const TOKEN_ERRNOS = new Set([110, 111]);
const isTokenRefusal = (error: unknown) =>
  (error instanceof BaiduError && TOKEN_ERRNOS.has(error.code)) || (error instanceof BaiduOAuthError && error.error === "expired_token");

/** Calls `fn` with a valid token; on a refused token expires it (if still current) and retries once. */
async function withToken<T>(key: string, get: () => Promise<string>, fn: (token: string) => Promise<T>): Promise<T> {
  const token = await get();
  try {
    return await fn(token);
  } catch (error) {
    if (!isTokenRefusal(error)) throw error;
    await expireIfCurrent(key, token);
    return fn(await get());
  }
}

export function withTpToken<T>(account: PlatformAccount, fn: (token: string) => Promise<T>, context?: BaiduHistoryContext): Promise<T> {
  return withToken(baiduTpKey(account.id), () => getTpToken(account, context), fn);
}

type Pair = { accessToken: string; refreshToken: string; expiresIn: number };
const pairOf = (answer: { access_token: string; refresh_token: string; expires_in: number }): Pair => ({
  accessToken: answer.access_token,
  refreshToken: answer.refresh_token,
  expiresIn: answer.expires_in > 0 ? answer.expires_in : 3600,
});

/**
 * One grant of a new pair (a refresh, or an authorization code's exchange) for a tenant whose lock `tx` holds: the
 * pair is stored in `tx` as soon as Baidu answers, before anything else runs.
 */
async function rotate(tx: Tx, account: PlatformAccount, tenant: Tenant, grant: { refresh_token: string } | { code: string }, context?: BaiduHistoryContext): Promise<Pair> {
  const def = "code" in grant ? TOKEN_ENDPOINTS.exchangeCode : TOKEN_ENDPOINTS.refreshToken;
  const persist = async (raw: unknown) => {
    const parsed = oauthTokenAnswer.safeParse(raw);
    if (parsed.success) await storePair(tx, tenant, pairOf(parsed.data));
  };
  const answer = await invoke(
    def,
    grant as never,
    (_token, req) => withTpToken(account, (tp) => baiduRequest({ ...req, base: account.apiBase, token: tp, context: { ...context, tenantId: tenant.id }, persist }), context),
    "tp",
  );
  return pairOf(answer);
}

/**
 * A lost grant recovered under the tenant's lock: a fresh authorization code for the smart program (it still
 * authorizes the platform), exchanged for a new pair, stored. 50032 (no authorization) is thrown with needsReauth,
 * naming the refresh token that was stored (`lost`).
 */
async function recoverIn(tx: Tx, account: PlatformAccount, tenant: Tenant, lost: string | null, context?: BaiduHistoryContext): Promise<Pair> {
  let code: string;
  try {
    const answer = await invoke(
      TP_ENDPOINTS.retrieveAuthorizationCode,
      { app_id: tenant.appid },
      (_token, req) => withTpToken(account, (tp) => baiduRequest({ ...req, base: account.apiBase, token: tp, context: { ...context, tenantId: tenant.id } }), context),
      "tp",
    );
    code = answer.authorization_code;
  } catch (error) {
    throw error instanceof BaiduError && error.options.needsReauth ? error.withEvidence(refreshEvidence(lost)) : error;
  }
  try {
    return await rotate(tx, account, tenant, { code }, context);
  } catch (error) {
    throw error instanceof BaiduOAuthError && error.error === "invalid_grant" ? error.asLostGrant(refreshEvidence(lost)) : error;
  }
}

async function rowsOf(tx: Tx, tenantId: string) {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  const [account] = tenant ? await tx.select().from(platformAccounts).where(eq(platformAccounts.id, tenant.accountId)) : [];
  if (!tenant || !account) throw new Error(`tenant ${tenantId} or its platform account is gone`);
  return { tenant, account };
}

/**
 * One refresh under the tenant's lock: the stored refresh token for a new pair; a refresh token Baidu no longer
 * accepts (invalid_grant: a rotation was lost, see above) is recovered through a new authorization code.
 */
async function refreshApp(tx: Tx, tenantId: string, context?: BaiduHistoryContext): Promise<string> {
  const { tenant, account } = await rowsOf(tx, tenantId);
  const stored = tenant.refreshTokenEnc ? decryptSecret(tenant.refreshTokenEnc) : null;
  if (tenant.status === "unauthorized") {
    throw new BaiduError(50032, "the smart program unauthorized this platform (stored status)", TOKEN_ENDPOINTS.refreshToken.path, refreshEvidence(stored));
  }
  if (stored) {
    try {
      return (await rotate(tx, account, tenant, { refresh_token: stored }, context)).accessToken;
    } catch (error) {
      if (!(error instanceof BaiduOAuthError && error.error === "invalid_grant")) throw error;
    }
  }
  return (await recoverIn(tx, account, tenant, stored, context)).accessToken;
}

/** The smart program's app token (1 hour), refreshed when needed. */
export function getAppToken(tenant: Tenant, context?: BaiduHistoryContext): Promise<string> {
  return tokenFor(baiduAppKey(tenant.id), "app", (tx) => refreshApp(tx, tenant.id, context));
}

/**
 * Recovers a tenant's grant without using its refresh token: retrieve/authorizationcode + exchange, under its lock.
 * For a grant known to be lost (a crash after a rotation, a refresh token the console never had).
 */
export async function recoverGrant(tenant: Tenant, context?: BaiduHistoryContext): Promise<void> {
  await withBaiduTenantLock(tenant.id, async (tx) => {
    const { tenant: fresh, account } = await rowsOf(tx, tenant.id);
    await recoverIn(tx, account, fresh, fresh.refreshTokenEnc ? decryptSecret(fresh.refreshTokenEnc) : null, context);
  });
}

/**
 * Calls `fn` with the smart program's token. A refused grant is thrown naming what was refused (the access token
 * the call carried), so the console marks the tenant only while that is still current.
 */
export function withAppToken<T>(tenant: Tenant, fn: (token: string) => Promise<T>, context?: BaiduHistoryContext): Promise<T> {
  const call = (token: string) =>
    fn(token).catch((error: unknown) => {
      throw error instanceof BaiduError && error.options.needsReauth ? error.withEvidence(accessEvidence(token)) : error;
    });
  return withToken(baiduAppKey(tenant.id), () => getAppToken(tenant, context), call);
}

/**
 * Onboarding: an authorization code (redirect or AUTHORIZED push) exchanged for a first pair, and the smart
 * program it belongs to (app/info with the new token: the OAuth answer does not name it). The caller stores the
 * pair with `storePair` under `withBaiduTenantLock` once the tenant row exists.
 */
export async function exchangeAuthorizationCode(account: PlatformAccount, code: string, context?: BaiduHistoryContext) {
  const answer = await invoke(
    TOKEN_ENDPOINTS.exchangeCode,
    { code },
    (_token, req) => withTpToken(account, (tp) => baiduRequest({ ...req, base: account.apiBase, token: tp, context }), context),
    "tp",
  );
  const pair = pairOf(answer);
  const info = await invoke(APP_ENDPOINTS.appInfo, undefined, (_token, req) => baiduRequest({ ...req, base: account.apiBase, token: pair.accessToken, context }), "app");
  return { pair, appInfo: info };
}
