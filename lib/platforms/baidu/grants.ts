import "server-only";
import pLimit from "p-limit";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { KEYED_LOCK_PREFIXES } from "@/lib/db/locks";
import { tenants, wechatTokens } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { accessEvidence, evidenceHoldsFor, hashOf, lockKey, refreshEvidence, type Tx } from "@/lib/platforms/grant-store";

/**
 * Where Baidu's tokens and grants are kept, and the locks that order their writes.
 *
 * Tokens live in the `wechat_tokens` table (its name is historical: it holds every platform's cached tokens) under
 * `baidu-tp:{accountId}` (the platform's TP token, 30 days) and `baidu-app:{tenantId}` (a smart program's app
 * token, 1 hour). A smart program's refresh token (10 years, single use) is the tenant's `refresh_token_enc`.
 *
 * One advisory lock per key (`pg_advisory_xact_lock(hashtextextended(key, 0))`), held by a transaction. The app
 * token's refresh holds `baidu-app:{tenantId}` across its HTTP call and writes the rotated refresh token in that same
 * transaction; every other writer of the tenant's grant (onboarding, unauthorized, recovery) must take the same lock
 * (`withBaiduTenantLock`) so that no write lands between a refresh reading the refresh token and saving its answer.
 */

export { accessEvidence, hashOf, lockKey, refreshEvidence, type Tx };

export const baiduTpKey = (accountId: string) => `${KEYED_LOCK_PREFIXES.baiduTpToken}${accountId}`;
export const baiduAppKey = (tenantId: string) => `${KEYED_LOCK_PREFIXES.baiduAppToken}${tenantId}`;
/** A token as the platform answered it: the value and its lifetime in seconds. */
export type Fresh = { token: string; expiresIn: number };

/** Writes a cached token (encrypted, with its sha256 for compare-and-expire). */
export async function storeToken(tx: Tx, key: string, owner: { accountId: string; tenantId: string | null }, fresh: Fresh) {
  const values = {
    tokenEnc: encryptSecret(fresh.token),
    tokenHash: hashOf(fresh.token),
    expiresAt: new Date(Date.now() + fresh.expiresIn * 1000),
    refreshedAt: new Date(),
  };
  await tx
    .insert(wechatTokens)
    .values({ key, ...owner, ...values })
    .onConflictDoUpdate({ target: wechatTokens.key, set: values });
}

/**
 * A smart program's new pair, stored together: the refresh token on the tenant and the access token in the cache.
 * The caller holds the tenant's lock; the refresh token is written first (it is the one that cannot be asked for
 * again).
 */
export async function storePair(tx: Tx, tenant: { id: string; accountId: string }, pair: { accessToken: string; refreshToken: string; expiresIn: number }) {
  await tx.update(tenants).set({ refreshTokenEnc: encryptSecret(pair.refreshToken) }).where(eq(tenants.id, tenant.id));
  await storeToken(tx, baiduAppKey(tenant.id), { accountId: tenant.accountId, tenantId: tenant.id }, { token: pair.accessToken, expiresIn: pair.expiresIn });
}

const writerSlots = pLimit(2);

/** A transaction holding one smart program's grant lock: for every writer of its refresh token or status. */
export function withBaiduTenantLock<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return writerSlots(() =>
    db.transaction(async (tx) => {
      await lockKey(tx, baiduAppKey(tenantId));
      return work(tx);
    }),
  );
}

/** Under the smart program's lock: whether a refused grant's evidence is still the stored one (see grant-store.ts). */
export const baiduEvidenceHolds = (tx: Tx, tenantId: string, evidence: string) => evidenceHoldsFor(tx, tenantId, baiduAppKey(tenantId), evidence);
