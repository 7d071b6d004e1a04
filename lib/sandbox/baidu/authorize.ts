import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { issueAuthorizationCode } from "./api/auth";
import { enqueueBaiduAuthEvent, type BaiduAuthEvent } from "./push";
import { baiduAppValues, type BaiduPlatformRow } from "./registry";
import { sandboxBaiduApps, sandboxBaiduCodes, sandboxBaiduPlatforms } from "./schema";
import { getBaiduSettings } from "./settings";

/**
 * The authorization page's logic (reference §8.2 "auth page"): `client_id`, `redirect_uri`, `pre_auth_code` (and
 * `type=1` for programs registered on the merchant's behalf, accepted and ignored). On confirmation the pre-auth code
 * is consumed, the smart program authorized (an existing one of the platform, or a new one), an authorization code
 * issued, the browser sent to `redirect_uri?authorization_code=…&expires_in=…`, and AUTHORIZED pushed
 * (UPDATE_AUTHORIZED when the program was authorized already).
 */

export type BaiduAuthorizeProblem = "missingParams" | "invalidRedirect" | "unknownPlatform" | "invalidCode" | "usedCode" | "expiredCode" | "unknownApp" | "invalidChoice";

export class BaiduAuthorizeRefused extends Error {
  constructor(readonly problem: BaiduAuthorizeProblem) {
    super(`authorization refused: ${problem}`);
    this.name = "BaiduAuthorizeRefused";
  }
}

export type BaiduAuthorizeRequest = { platform: BaiduPlatformRow; preAuthCode: string; redirectUri: string };

const param = (params: URLSearchParams, name: string) => {
  const value = params.get(name)?.trim();
  return value ? value : null;
};

/** Checks the page's parameters and the pre-auth code. Changes nothing. */
export async function validateBaiduAuthorize(params: URLSearchParams): Promise<BaiduAuthorizeRequest> {
  const clientId = param(params, "client_id");
  const preAuthCode = param(params, "pre_auth_code");
  if (!clientId || !preAuthCode || clientId.length > 64 || preAuthCode.length > 200) throw new BaiduAuthorizeRefused("missingParams");
  const redirect = param(params, "redirect_uri");
  if (!redirect || redirect.length > 2000 || !URL.canParse(redirect) || !/^https?:$/.test(new URL(redirect).protocol)) throw new BaiduAuthorizeRefused("invalidRedirect");
  const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, clientId));
  if (!platform) throw new BaiduAuthorizeRefused("unknownPlatform");
  const [code] = await db.select().from(sandboxBaiduCodes).where(eq(sandboxBaiduCodes.code, preAuthCode));
  const problem = codeProblem(code, clientId);
  if (problem) throw new BaiduAuthorizeRefused(problem);
  return { platform, preAuthCode, redirectUri: new URL(redirect).toString() };
}

function codeProblem(code: typeof sandboxBaiduCodes.$inferSelect | undefined, clientId: string): BaiduAuthorizeProblem | null {
  if (!code || code.kind !== "pre_auth" || code.clientId !== clientId) return "invalidCode";
  if (code.usedAt) return "usedCode";
  if (code.expiresAt.getTime() <= Date.now()) return "expiredCode";
  return null;
}

/** The platform's smart programs the page offers (the first 50). */
export async function baiduAuthorizeChoices(clientId: string) {
  return db
    .select({ appId: sandboxBaiduApps.appId, appName: sandboxBaiduApps.appName, authorized: sandboxBaiduApps.authorized })
    .from(sandboxBaiduApps)
    .where(eq(sandboxBaiduApps.clientId, clientId))
    .orderBy(asc(sandboxBaiduApps.createdAt), asc(sandboxBaiduApps.appId))
    .limit(50);
}

export type BaiduChoice = { mode: "existing"; appId: number } | { mode: "new"; appName: string };
export type BaiduAuthorization = { appId: number; authorizationCode: string; expiresIn: number; redirectUrl: string; event: BaiduAuthEvent };

/** The merchant confirmed: one transaction consumes the code (single use even under a double submit) and authorizes. */
export async function completeBaiduAuthorization(params: URLSearchParams, choice: BaiduChoice): Promise<BaiduAuthorization> {
  const request = await validateBaiduAuthorize(params);
  const clientId = request.platform.clientId;
  const ttl = (await getBaiduSettings()).authCodeTtlSeconds;
  const { appId, event } = await db.transaction(async (tx) => {
    const consumed = await tx
      .update(sandboxBaiduCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(sandboxBaiduCodes.code, request.preAuthCode), eq(sandboxBaiduCodes.kind, "pre_auth"), isNull(sandboxBaiduCodes.usedAt), sql`${sandboxBaiduCodes.expiresAt} > now()`))
      .returning({ code: sandboxBaiduCodes.code });
    if (consumed.length === 0) throw new BaiduAuthorizeRefused("usedCode");
    if (choice.mode === "new") {
      const name = choice.appName.trim();
      if (!name || [...name].length > 30) throw new BaiduAuthorizeRefused("invalidChoice");
      // A new program starts unauthorized: the exchange gives it its refresh token.
      const values = { ...baiduAppValues({ clientId, appName: name }), refreshToken: null };
      await tx.insert(sandboxBaiduApps).values(values);
      return { appId: values.appId, event: "AUTHORIZED" as const };
    }
    const [row] = await tx
      .select({ authorized: sandboxBaiduApps.authorized })
      .from(sandboxBaiduApps)
      .where(and(eq(sandboxBaiduApps.appId, choice.appId), eq(sandboxBaiduApps.clientId, clientId)))
      .for("update");
    if (!row) throw new BaiduAuthorizeRefused("unknownApp");
    await tx.update(sandboxBaiduApps).set({ authorized: true, authTime: new Date() }).where(eq(sandboxBaiduApps.appId, choice.appId));
    return { appId: choice.appId, event: row.authorized ? ("UPDATE_AUTHORIZED" as const) : ("AUTHORIZED" as const) };
  });
  const authorizationCode = await issueAuthorizationCode(clientId, appId, ttl);
  await enqueueBaiduAuthEvent(clientId, appId, event, { authorizationCode, expiresIn: ttl });
  const url = new URL(request.redirectUri);
  url.searchParams.set("authorization_code", authorizationCode);
  url.searchParams.set("expires_in", String(ttl));
  return { appId, authorizationCode, expiresIn: ttl, redirectUrl: url.toString(), event };
}
