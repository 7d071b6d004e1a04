import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants, wechatTokens } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { keyedXactLock } from "@/lib/db/locks";

/**
 * The locks that order writes of a tenant's grant (its refresh token and status) and of cached tokens.
 *
 * One Postgres advisory lock per token key, `pg_advisory_xact_lock(hashtextextended(key, 0))`, held by a
 * transaction. The authorizer-token refresh holds `authorizer:{tenantId}` across its HTTP call; every other writer
 * of that tenant's grant (onboarding, re-pull, unauthorized, needs-reauth) takes the same lock in its own
 * transaction, so no write lands between the refresh reading the refresh token and saving the answer — whichever
 * writer comes last wins, and a refresh never undoes a newer authorization. A writer holding the lock must not call
 * anything that waits for the same lock on another connection (it would wait for itself): writers do their HTTP
 * calls first and only write under the lock.
 */

export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

export const componentKey = (accountId: string) => `component:${accountId}`;
export const authorizerKey = (tenantId: string) => `authorizer:${tenantId}`;
export const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function lockKey(tx: Tx, key: string) {
  await tx.execute(keyedXactLock(key));
}

/** At most `size` of `fn` at a time in this process; the rest wait without holding anything. */
export function limiter(size: number) {
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
 * A writer waits for the lock while holding a pooled connection, and the refresh it waits for needs free ones (its
 * history rows, the component token): writers are bounded like refreshes (lib/platforms/wechat/tokens.ts), so that together
 * they never hold the whole pool.
 */
const writerSlots = limiter(2);

/** A transaction for writing tenants' grants: `lock(tenantId)` before reading or writing a tenant's grant. */
export function tenantWrite<T>(work: (tx: Tx, lock: (tenantId: string) => Promise<void>) => Promise<T>): Promise<T> {
  return writerSlots(() => db.transaction((tx) => work(tx, (tenantId) => lockKey(tx, authorizerKey(tenantId)))));
}

export function withTenantLock<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return tenantWrite(async (tx, lock) => {
    await lock(tenantId);
    return work(tx);
  });
}

export async function dropTokenIn(tx: Tx, key: string) {
  await tx.delete(wechatTokens).where(eq(wechatTokens.key, key));
}

/** Inside a transaction that holds the tenant's lock (the refresh's own): authorized → needs_reauth, token dropped. */
export async function markNeedsReauthIn(tx: Tx, tenantId: string) {
  await tx.update(tenants).set({ status: "needs_reauth" }).where(and(eq(tenants.id, tenantId), eq(tenants.status, "authorized")));
  await dropTokenIn(tx, authorizerKey(tenantId));
}

/**
 * The platform refused the tenant's grant (61023/61003). `evidence` is what was refused; when the stored grant is
 * no longer that one (re-authorized or re-pulled meanwhile) the refusal is about an old grant and nothing changes.
 */
export function markNeedsReauth(tenantId: string, evidence: { refreshToken?: string; accessToken?: string } = {}): Promise<boolean> {
  return withTenantLock(tenantId, async (tx) => {
    if (evidence.refreshToken !== undefined) {
      const [row] = await tx.select({ refreshTokenEnc: tenants.refreshTokenEnc }).from(tenants).where(eq(tenants.id, tenantId));
      if (!row?.refreshTokenEnc || decryptSecret(row.refreshTokenEnc) !== evidence.refreshToken) return false;
    }
    if (evidence.accessToken !== undefined) {
      const [row] = await tx.select({ tokenHash: wechatTokens.tokenHash }).from(wechatTokens).where(eq(wechatTokens.key, authorizerKey(tenantId)));
      if (row?.tokenHash !== hashOf(evidence.accessToken)) return false;
    }
    await markNeedsReauthIn(tx, tenantId);
    return true;
  });
}
