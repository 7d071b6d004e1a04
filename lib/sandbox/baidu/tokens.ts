import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sandboxBaiduTokens } from "./schema";

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// Emulator choice, as in the WeChat emulator: a superseded access token keeps working for five minutes.
const GRACE_SECONDS = 300;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/**
 * Token strings shaped like Baidu's (`45.<hex>.<ttl>.<expiry>.<random>` for app access tokens, `46.` for refresh
 * tokens); clients must treat them as opaque.
 */
export function baiduTokenString(prefix: "45" | "46" | "tp", ttlSeconds: number): string {
  const expiry = Math.floor(Date.now() / 1000) + ttlSeconds;
  return `${prefix}.${hex(16)}.${ttlSeconds}.${expiry}.${randomBytes(24).toString("base64url")}`;
}

export const newBaiduRefreshToken = () => baiduTokenString("46", 315_360_000);
export const newBaiduCode = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

/** A new token for the owner; the owner's previous ones end within the grace period. Runs in `tx` when given. */
async function issue(kind: "tp" | "app", clientId: string, appId: number | null, ttlSeconds: number, tx?: Tx) {
  const token = baiduTokenString(kind === "tp" ? "tp" : "45", ttlSeconds);
  const owner = and(eq(sandboxBaiduTokens.kind, kind), eq(sandboxBaiduTokens.clientId, clientId), appId === null ? isNull(sandboxBaiduTokens.appId) : eq(sandboxBaiduTokens.appId, appId));
  const run = async (t: Tx) => {
    await t
      .update(sandboxBaiduTokens)
      .set({ expiresAt: sql`least(${sandboxBaiduTokens.expiresAt}, now() + ${`${GRACE_SECONDS} seconds`}::interval)` })
      .where(owner);
    await t.insert(sandboxBaiduTokens).values({ token, kind, clientId, appId, expiresAt: new Date(Date.now() + ttlSeconds * 1000) });
  };
  if (tx) await run(tx);
  else await db.transaction(run);
  return { token, expiresIn: ttlSeconds };
}

/** The TP token (`/public/2.0/smartapp/auth/tp/token`, 30 days by default). */
export const issueTpToken = (clientId: string, ttlSeconds: number) => issue("tp", clientId, null, ttlSeconds);
/** A smart program's access token (the OAuth exchange and refresh, 1 hour by default). */
export const issueAppToken = (clientId: string, appId: number, ttlSeconds: number, tx?: Tx) => issue("app", clientId, appId, ttlSeconds, tx);

/** Unauthorization and re-authorization: every access token of the smart program stops at once. */
export async function revokeAppTokens(appId: number, tx?: Tx) {
  await (tx ?? db).delete(sandboxBaiduTokens).where(eq(sandboxBaiduTokens.appId, appId));
}
