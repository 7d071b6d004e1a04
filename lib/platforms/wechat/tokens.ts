import "server-only";
import pLimit from "p-limit";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, wechatTokens, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { PlatformError } from "@/lib/platforms/port";
import { invoke } from "./call";
import { TOKEN_ENDPOINTS, type ComponentCaller } from "./endpoints";
import { accessEvidence, authorizerKey, componentKey, hashOf, lockKey, refreshEvidence, type Tx } from "./grants";
import { wechatRequest, type HistoryContext } from "./http";
import { WeChatError } from "./errors/wechat-error";

export { authorizerKey, componentKey };

/**
 * The token authority. Access tokens live in Postgres (encrypted), shared by every process, and are refreshed:
 * - ahead of expiry (5 minutes' margin);
 * - exactly once per key at a time across processes: a Postgres advisory lock on the key, and the row re-read after
 *   the lock is taken (whoever waited finds the fresh token); within a process, concurrent callers share one flight;
 * - on 40001/42001 only if the cached token is the one that failed (compare-and-expire), then the call is retried once.
 * The refresh token returned by every authorization and refresh answer is saved. A refused grant (61023/61003) is
 * reported, not acted on: the PlatformError says needsReauth and names the refused grant (evidence); the console
 * marks the tenant (lib/console/tokens-health.ts). Writes of a tenant's grant are ordered by the same lock as its
 * refresh (./grants.ts).
 */

const MARGIN_MS = 5 * 60_000;
const TOKEN_ERRCODES = new Set([40001, 42001]);

/** No verify ticket has arrived yet: the platform pushes one every 10 minutes once the callback URL is set. */
export class NoVerifyTicketError extends PlatformError {
  constructor(readonly accountId: string) {
    const meaning = {
      "zh-CN": "该平台账号还没有收到验证票据。请检查授权事件接收 URL，然后在“设置 → 平台账号”中推送票据。",
      en: "No verify ticket has arrived for this platform account yet. Check the authorization event URL, then push a ticket from Settings → Platform accounts.",
    };
    super("wechat", null, "no component_verify_ticket yet", meaning, "state");
    this.name = "NoVerifyTicketError";
    this.message = "No component_verify_ticket has been received for this platform account yet";
  }
}

type Fresh = { token: string; expiresIn: number };

async function readValid(executor: Tx | typeof db, key: string): Promise<string | null> {
  const [row] = await executor.select().from(wechatTokens).where(eq(wechatTokens.key, key)).limit(1);
  if (!row || row.expiresAt.getTime() - Date.now() <= MARGIN_MS) return null;
  return decryptSecret(row.tokenEnc);
}

const inflight = new Map<string, Promise<string>>();

/**
 * A refresh holds a pooled connection (its transaction, for the advisory lock) while it needs more: the history
 * row of its own HTTP call and, for an authorizer, the component token. As many concurrent refreshes as the pool
 * has connections (lib/db/client.ts POOL_SIZE: 20) would each wait for a connection another holds, forever — a bulk
 * job over a dozen cold tenants did exactly that. So refreshes are bounded per kind, leaving connections free;
 * authorizer refreshes wait for component slots, never the reverse, so the two bounds cannot wait on each other.
 * What may hold a connection while needing another, per process: here 2 + 8, the grant writers 2, Baidu's token
 * refreshes 1 + 3 and grant writers 2 — 18 of the 20. (A preflight over 1,000 cold tenants refreshes 8 at a time.)
 */
const refreshSlots = { component: pLimit(2), authorizer: pLimit(8) };

/** Cached token for `key`, or one refresh (in this process and across processes) through `refresh`. */
async function tokenFor(key: string, owner: { accountId: string; tenantId: string | null }, refresh: (tx: Tx) => Promise<Fresh>): Promise<string> {
  const cached = await readValid(db, key);
  if (cached) return cached;
  const running = inflight.get(key);
  if (running) return running;
  const slots = owner.tenantId === null ? refreshSlots.component : refreshSlots.authorizer;
  const flight = slots(async () => {
    return db.transaction(async (tx): Promise<string> => {
      await lockKey(tx, key);
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
    });
  }).finally(() => inflight.delete(key));
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

/**
 * The component token, from the account row as it is under the lock: a secret or API base changed since `account`
 * was read is the one used (lib/console/accounts.ts takes this lock when it changes them).
 */
export function getComponentToken(account: PlatformAccount, context?: HistoryContext): Promise<string> {
  return tokenFor(componentKey(account.id), { accountId: account.id, tenantId: null }, async (tx) => {
    const [fresh] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, account.id));
    if (!fresh) throw new Error(`platform account ${account.id} is gone`);
    if (!fresh.verifyTicketEnc) throw new NoVerifyTicketError(account.id);
    const answer = await invoke(
      TOKEN_ENDPOINTS.componentToken,
      callerOf(fresh),
      { component_appid: fresh.appId, component_appsecret: decryptSecret(fresh.secretEnc), component_verify_ticket: decryptSecret(fresh.verifyTicketEnc) },
      (_token, req) => wechatRequest({ ...req, base: fresh.apiBase, context }),
      "none",
    );
    return { token: answer.component_access_token, expiresIn: answer.expires_in };
  });
}

const callerOf = (account: PlatformAccount): ComponentCaller => ({ componentAppid: account.appId, secret: () => decryptSecret(account.secretEnc) });
const isReauth = (error: unknown): error is WeChatError => error instanceof WeChatError && error.options.needsReauth === true;

/**
 * Whether the grant a refresh used is still the tenant's, once its answer is in: same refresh token, not
 * unauthorized, same API base. The rows stay locked until the refresh commits, so no change can land between this
 * check and the save either (the tenant's writers also take its advisory lock; lib/console/accounts.ts updates the account
 * row FOR UPDATE).
 *
 * Lock choices, each against a wait this transaction would never see the end of: the tenant row FOR NO KEY UPDATE,
 * not FOR UPDATE, because a retry's history row (another connection) references the tenant with FOR KEY SHARE; the
 * account row only once the tenant is known to be unchanged, because a retry after a stale tenant may need a
 * component token while lib/console/accounts.ts holds that lock and waits for this account row.
 */
async function stillCurrent(tx: Tx, tenantId: string, used: { refreshToken: string; apiBase: string | null }): Promise<boolean> {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("no key update");
  if (!tenant || tenant.status === "unauthorized" || !tenant.refreshTokenEnc) return false;
  if (decryptSecret(tenant.refreshTokenEnc) !== used.refreshToken) return false;
  // A changed base seen here was committed before the lock was granted: its change holds no lock any more.
  const [account] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, tenant.accountId)).for("share");
  return account?.apiBase === used.apiBase;
}

/**
 * One refresh under the tenant's lock. Its answer is saved (refresh token and access token) only if the grant it
 * used is still the stored one; otherwise it is thrown away and the refresh runs once more with the new grant. A
 * refusal of the grant is thrown naming that grant (its evidence): the console marks the tenant once this
 * transaction has ended, under the same lock, if the grant is still the stored one then.
 */
async function refreshAuthorizer(tx: Tx, tenantId: string, context?: HistoryContext): Promise<Fresh> {
  for (let attempt = 0; ; attempt++) {
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    const [account] = current ? await tx.select().from(platformAccounts).where(eq(platformAccounts.id, current.accountId)) : [];
    if (!account || !current) throw new Error(`tenant ${tenantId} or its platform account is gone`);
    if (!current.refreshTokenEnc || current.status === "unauthorized") {
      const stored = current.refreshTokenEnc ? decryptSecret(current.refreshTokenEnc) : null;
      throw new WeChatError(61023, "refresh_token is invalid (none stored)", TOKEN_ENDPOINTS.authorizerToken.path, refreshEvidence(stored));
    }
    const used = { refreshToken: decryptSecret(current.refreshTokenEnc), apiBase: account.apiBase };
    const firstTry = attempt === 0;
    let answer;
    try {
      answer = await withComponentToken(account, (componentToken) =>
        invoke(
          TOKEN_ENDPOINTS.authorizerToken,
          callerOf(account),
          { authorizer_appid: current.appid, authorizer_refresh_token: used.refreshToken },
          (_token, req) => wechatRequest({ ...req, base: account.apiBase, token: { name: "component_access_token", value: componentToken }, context: { ...context, tenantId } }),
          "component",
        ),
      );
    } catch (error) {
      if (!isReauth(error)) throw error;
      // A refusal of a grant that has been replaced meanwhile says nothing about the new one: try the new one.
      if (firstTry && !(await stillCurrent(tx, tenantId, used))) continue;
      throw error.withEvidence(refreshEvidence(used.refreshToken));
    }
    if (!(await stillCurrent(tx, tenantId, used))) {
      if (firstTry) continue;
      throw new Error(`the authorization of tenant ${tenantId} changed during two refreshes in a row`);
    }
    // Save the refresh token of every answer: a rotated one that is dropped is lost for good.
    if (answer.authorizer_refresh_token && answer.authorizer_refresh_token !== used.refreshToken) {
      await tx.update(tenants).set({ refreshTokenEnc: encryptSecret(answer.authorizer_refresh_token) }).where(eq(tenants.id, tenantId));
    }
    return { token: answer.authorizer_access_token, expiresIn: answer.expires_in };
  }
}

export function getAuthorizerToken(tenant: Tenant, context?: HistoryContext): Promise<string> {
  return tokenFor(authorizerKey(tenant.id), { accountId: tenant.accountId, tenantId: tenant.id }, (tx) => refreshAuthorizer(tx, tenant.id, context));
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

/**
 * Calls `fn` with the tenant's token. A refused grant is thrown naming what was refused: the refresh token (a refused
 * refresh) or the access token the call carried, so the console marks the tenant only while that is still current.
 */
export function withAuthorizerToken<T>(tenant: Tenant, fn: (token: string) => Promise<T>, context?: HistoryContext): Promise<T> {
  const call = (token: string) =>
    fn(token).catch((error: unknown) => {
      throw isReauth(error) ? error.withEvidence(accessEvidence(token)) : error;
    });
  return withToken(authorizerKey(tenant.id), () => getAuthorizerToken(tenant, context), call);
}
