import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { BaiduOAuthError, baiduFail, baiduJson } from "../errors";
import { idParam, textParam } from "../params";
import type { BaiduRoute } from "../router";
import { sandboxBaiduApps, sandboxBaiduCodes, sandboxBaiduPlatforms } from "../schema";
import { issueAppToken, issueTpToken, newBaiduCode, newBaiduRefreshToken, revokeAppTokens } from "../tokens";
import { appInfo } from "./app-info";

/**
 * Authorization and tokens (reference §8.2): the TP token from client_id + the pushed ticket; the pre-auth code; the
 * OAuth exchange and refresh (`/rest/2.0/oauth/token`, bare answers); the code recovery; the app info.
 */

/** Scope string the TP token answers with (emulator choice: the documents show the field, not its value). */
const TP_SCOPE = "smartapp_tp";

async function tpToken(params: Record<string, unknown>, ttl: number) {
  const clientId = textParam(params, "client_id", { max: 64 })!;
  const ticket = textParam(params, "ticket", { max: 512 })!;
  const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, clientId));
  // Only the latest pushed ticket is accepted (emulator choice, as in the WeChat emulator).
  if (!platform || !platform.ticket || platform.ticket !== ticket) baiduFail("invalidTicket");
  const issued = await issueTpToken(clientId, ttl);
  return { access_token: issued.token, expires_in: issued.expiresIn, scope: TP_SCOPE };
}

async function newCode(kind: "pre_auth" | "auth", clientId: string, appId: number | null, ttl: number) {
  const code = newBaiduCode(kind === "pre_auth" ? "preauthcode." : "authcode.");
  await db.insert(sandboxBaiduCodes).values({ code, kind, clientId, appId, expiresAt: new Date(Date.now() + ttl * 1000) });
  return code;
}

/** A new authorization code for `appId` (the authorization page, the pushes, the recovery). */
export const issueAuthorizationCode = (clientId: string, appId: number, ttl: number) => newCode("auth", clientId, appId, ttl);
export const issuePreAuthCode = (clientId: string, ttl: number) => newCode("pre_auth", clientId, null, ttl);

/** The exchange: the code is consumed, the program gets a new refresh token (the old one dies) and access token. */
async function exchange(clientId: string, code: string, appTtl: number) {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(sandboxBaiduCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(sandboxBaiduCodes.code, code),
          eq(sandboxBaiduCodes.kind, "auth"),
          eq(sandboxBaiduCodes.clientId, clientId),
          isNull(sandboxBaiduCodes.usedAt),
          sql`${sandboxBaiduCodes.expiresAt} > now()`,
        ),
      )
      .returning({ appId: sandboxBaiduCodes.appId });
    if (!used?.appId) throw new BaiduOAuthError("invalid_grant", "authorization code invalid, expired or already used");
    const refreshToken = newBaiduRefreshToken();
    const [app] = await tx
      .update(sandboxBaiduApps)
      .set({ refreshToken })
      .where(and(eq(sandboxBaiduApps.appId, used.appId), eq(sandboxBaiduApps.authorized, true)))
      .returning({ appId: sandboxBaiduApps.appId });
    if (!app) throw new BaiduOAuthError("invalid_grant", "the smart program is no longer authorized");
    const access = await issueAppToken(clientId, app.appId, appTtl, tx);
    return { access_token: access.token, refresh_token: refreshToken, expires_in: access.expiresIn };
  });
}

/**
 * The refresh: single use. One conditional UPDATE swaps the refresh token only if the one sent is still the live one,
 * so of two concurrent refreshes with the same token exactly one succeeds and the other gets invalid_grant.
 */
async function refresh(clientId: string, refreshToken: string, appTtl: number) {
  return db.transaction(async (tx) => {
    const next = newBaiduRefreshToken();
    const [app] = await tx
      .update(sandboxBaiduApps)
      .set({ refreshToken: next })
      .where(and(eq(sandboxBaiduApps.refreshToken, refreshToken), eq(sandboxBaiduApps.clientId, clientId), eq(sandboxBaiduApps.authorized, true)))
      .returning({ appId: sandboxBaiduApps.appId });
    if (!app) throw new BaiduOAuthError("invalid_grant", "refresh token invalid, revoked or already used");
    const access = await issueAppToken(clientId, app.appId, appTtl, tx);
    return { access_token: access.token, refresh_token: next, expires_in: access.expiresIn };
  });
}

const oauthText = (params: Record<string, unknown>, name: string) => {
  const value = params[name];
  if (typeof value !== "string" || value.trim() === "" || value.length > 512) throw new BaiduOAuthError("invalid_request", `${name} is required`);
  return value.trim();
};

export const authRoutes: BaiduRoute[] = [
  {
    method: "GET",
    path: "/public/2.0/smartapp/auth/tp/token",
    token: "none",
    handler: (ctx) => tpToken(ctx.params, ctx.settings.tpTokenTtlSeconds),
  },
  {
    method: "GET",
    path: "/rest/2.0/smartapp/tp/createpreauthcode",
    token: "tp",
    handler: async (ctx) => {
      const ttl = ctx.settings.preAuthCodeTtlSeconds;
      return { pre_auth_code: await issuePreAuthCode(ctx.platform!.clientId, ttl), expires_in: ttl };
    },
  },
  {
    method: "ANY",
    path: "/rest/2.0/oauth/token",
    token: "oauth",
    handler: async (ctx) => {
      const grantType = oauthText(ctx.params, "grant_type");
      const clientId = ctx.platform!.clientId;
      const ttl = ctx.settings.appTokenTtlSeconds;
      if (grantType === "app_to_tp_authorization_code") return baiduJson(await exchange(clientId, oauthText(ctx.params, "code"), ttl));
      if (grantType === "app_to_tp_refresh_token") return baiduJson(await refresh(clientId, oauthText(ctx.params, "refresh_token"), ttl));
      throw new BaiduOAuthError("unsupported_grant_type", `grant_type ${grantType.slice(0, 64)} is not supported`);
    },
  },
  {
    method: "POST",
    path: "/rest/2.0/smartapp/auth/retrieve/authorizationcode",
    token: "tp",
    handler: async (ctx) => {
      const appId = idParam(ctx.params, "app_id")!;
      const clientId = ctx.platform!.clientId;
      const [app] = await db
        .select({ authorized: sandboxBaiduApps.authorized })
        .from(sandboxBaiduApps)
        .where(and(eq(sandboxBaiduApps.appId, appId), eq(sandboxBaiduApps.clientId, clientId)));
      if (!app?.authorized) baiduFail("noAuthorization");
      const ttl = ctx.settings.recoverCodeTtlSeconds;
      return { authorization_code: await issueAuthorizationCode(clientId, appId, ttl), expires_in: ttl };
    },
  },
  {
    method: "GET",
    path: "/rest/2.0/smartapp/app/info",
    token: "app",
    handler: async (ctx) => appInfo(ctx.app!),
  },
];

/**
 * A merchant's revocation (done on Baidu's side, hence a control action): the refresh token and every access token
 * stop working at once. Returns the client_id, or null when the program was not authorized.
 */
export async function unauthorizeApp(appId: number): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(sandboxBaiduApps)
      .set({ authorized: false, refreshToken: null })
      .where(and(eq(sandboxBaiduApps.appId, appId), eq(sandboxBaiduApps.authorized, true)))
      .returning({ clientId: sandboxBaiduApps.clientId });
    if (!row) return null;
    await revokeAppTokens(appId, tx);
    return row.clientId;
  });
}
