import "server-only";
import pLimit from "p-limit";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { wechatTokens } from "@/lib/db/schema";
import { accessEvidence, evidenceHoldsFor, hashOf, lockKey, refreshEvidence, type Tx } from "@/lib/platforms/grant-store";

/**
 * The locks that order writes of a tenant's grant (its refresh token and status) and of cached tokens.
 *
 * One Postgres advisory lock per token key, `pg_advisory_xact_lock(hashtextextended(key, 0))`, held by a
 * transaction. The authorizer-token refresh holds `authorizer:{tenantId}` across its HTTP call; every other writer
 * of that tenant's grant (onboarding, re-pull, unauthorized, needs-reauth: all in lib/console) takes the same lock in its own
 * transaction, so no write lands between the refresh reading the refresh token and saving the answer — whichever
 * writer comes last wins, and a refresh never undoes a newer authorization. A writer holding the lock must not call
 * anything that waits for the same lock on another connection (it would wait for itself): writers do their HTTP
 * calls first and only write under the lock.
 */

export const componentKey = (accountId: string) => `component:${accountId}`;
export const authorizerKey = (tenantId: string) => `authorizer:${tenantId}`;

export { accessEvidence, hashOf, lockKey, refreshEvidence, type Tx };

/**
 * A writer waits for the lock while holding a pooled connection, and the refresh it waits for needs free ones (its
 * history rows, the component token): writers are bounded like refreshes (lib/platforms/wechat/tokens.ts), so that together
 * they never hold the whole pool.
 */
const writerSlots = pLimit(2);

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

/** The cached access tokens of these tenants, in one statement (a re-pull of a page of grants). */
export async function dropTenantTokensIn(tx: Tx, tenantIds: string[]) {
  if (tenantIds.length > 0) await tx.delete(wechatTokens).where(inArray(wechatTokens.tenantId, tenantIds));
}

/** Under the tenant's lock: whether a refused grant's evidence is still the stored one (see grant-store.ts). */
export const evidenceHolds = (tx: Tx, tenantId: string, evidence: string) => evidenceHoldsFor(tx, tenantId, authorizerKey(tenantId), evidence);
