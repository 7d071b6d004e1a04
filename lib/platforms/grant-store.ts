import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { db } from "@/lib/db/client";
import { keyedXactLock } from "@/lib/db/locks";
import { tenants, wechatTokens } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";

/**
 * What both platforms' token authorities share (./wechat/grants.ts, ./baidu/grants.ts): the per-key advisory lock,
 * token hashes, and the evidence a refused grant names. Each platform keeps its own keys, lock holders and writers.
 */

export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

export const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The advisory lock on `key` (lib/db/locks.ts), held until the transaction ends. */
export async function lockKey(tx: Tx, key: string) {
  await tx.execute(keyedXactLock(key));
}

/**
 * What a refusal of a tenant's grant names (PlatformError `evidence`): the refresh token a refresh sent, or the
 * access token a call carried, as a sha256 (never the token).
 */
export const refreshEvidence = (refreshToken: string | null) => `refresh_token:${refreshToken === null ? "none" : hashOf(refreshToken)}`;
export const accessEvidence = (accessToken: string) => `access_token:${hashOf(accessToken)}`;

/**
 * Under the tenant's lock: whether the evidence is still the stored grant (the tenant's refresh token, or the access
 * token cached under `accessKey`). A refusal of a grant replaced meanwhile (re-authorized, re-pulled) says nothing.
 */
export async function evidenceHoldsFor(tx: Tx, tenantId: string, accessKey: string, evidence: string): Promise<boolean> {
  const [kind, digest] = evidence.split(":");
  if (kind === "refresh_token") {
    const [row] = await tx.select({ refreshTokenEnc: tenants.refreshTokenEnc }).from(tenants).where(eq(tenants.id, tenantId));
    if (!row) return false;
    return (row.refreshTokenEnc ? hashOf(decryptSecret(row.refreshTokenEnc)) : "none") === digest;
  }
  if (kind === "access_token") {
    const [row] = await tx.select({ tokenHash: wechatTokens.tokenHash }).from(wechatTokens).where(eq(wechatTokens.key, accessKey));
    return row?.tokenHash === digest;
  }
  return false;
}
