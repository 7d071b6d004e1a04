import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sandboxTokens } from "./schema";

// Like the platform: a superseded access token keeps working for five minutes, then answers 40001 ("not latest").
const GRACE_SECONDS = 300;

export const randomToken = (prefix: string, bytes = 48) => `${prefix}${randomBytes(bytes).toString("base64url")}`;

async function issue(kind: "component" | "authorizer", componentAppid: string, authorizerAppid: string | null, ttlSeconds: number) {
  const token = randomToken(kind === "component" ? "SBXC_" : "SBXA_");
  const owner = and(
    eq(sandboxTokens.kind, kind),
    eq(sandboxTokens.componentAppid, componentAppid),
    authorizerAppid ? eq(sandboxTokens.authorizerAppid, authorizerAppid) : isNull(sandboxTokens.authorizerAppid),
  );
  await db.transaction(async (tx) => {
    await tx
      .update(sandboxTokens)
      .set({ expiresAt: sql`least(${sandboxTokens.expiresAt}, now() + ${`${GRACE_SECONDS} seconds`}::interval)` })
      .where(owner);
    await tx.insert(sandboxTokens).values({
      token,
      kind,
      componentAppid,
      authorizerAppid,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
  });
  return { token, expiresIn: ttlSeconds };
}

export const issueComponentToken = (componentAppid: string, ttlSeconds: number) => issue("component", componentAppid, null, ttlSeconds);
export const issueAuthorizerToken = (componentAppid: string, authorizerAppid: string, ttlSeconds: number) =>
  issue("authorizer", componentAppid, authorizerAppid, ttlSeconds);

/** Unauthorization and resets: every token of the authorizer stops working at once. */
export async function revokeAuthorizerTokens(authorizerAppid: string) {
  await db.delete(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, authorizerAppid));
}
