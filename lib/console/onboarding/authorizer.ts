import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { tenants, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { getComponentClient, type ClientContext } from "@/lib/platforms/wechat/client";
import { permissionSetsOf, type QueryAuthAnswer } from "@/lib/platforms/wechat/schemas/auth";
import { authorizerKey, dropTokenIn, tenantWrite } from "@/lib/platforms/wechat/grants";
import { PlatformError } from "@/lib/platforms/port";

/**
 * "Upsert the tenant from an authorization": shared by the `authorized`/`updateauthorized` pushes and the
 * onboarding page's redirect (`redirect_uri?auth_code=…`). Both carry the same one-time code, so whichever comes
 * second finds it used (61009); with the appid known (the push names it) it falls back to api_get_authorizer_info,
 * which answers the current refresh token and permission sets as well.
 */

export type OnboardInput = { authorizationCode: string; appid?: string } | { appid: string };

// Invalid or expired authorization code: the code was already exchanged (or is too old) — not a dead authorization.
const CODE_USED = new Set([61009, 61010]);

/** Exchanges the code (or reads the appid's authorization) and creates or updates the tenant, status authorized. */
export async function onboardAuthorizer(account: PlatformAccount, input: OnboardInput, context: ClientContext = {}): Promise<Tenant> {
  const client = getComponentClient(account, context);
  let appid = input.appid;
  let granted: QueryAuthAnswer["authorization_info"] | undefined;
  if ("authorizationCode" in input) {
    try {
      granted = (await client.queryAuth({ authorization_code: input.authorizationCode })).authorization_info;
    } catch (error) {
      if (!(error instanceof PlatformError && error.code !== null && CODE_USED.has(error.code) && appid)) throw error;
    }
    if (granted && appid && granted.authorizer_appid !== appid) {
      throw new Error(`the authorization code belongs to ${granted.authorizer_appid}, not ${appid}`);
    }
    appid = granted?.authorizer_appid ?? appid;
  }
  if (!appid) throw new Error("no authorizer appid");

  const info = await client.getAuthorizerInfo({ authorizer_appid: appid });
  const refreshToken = granted?.authorizer_refresh_token ?? info.authorization_info.authorizer_refresh_token;
  // Without a refresh token the console can never call on the mini-program's behalf (no API permission granted).
  if (!refreshToken) throw new Error(`authorization of ${appid} carries no refresh token`);
  const a = info.authorizer_info;
  const values = {
    nickname: a.nick_name,
    principalName: a.principal_name,
    avatarUrl: a.head_img || null,
    userName: a.user_name ?? null,
    serviceType: a.service_type_info?.id ?? null,
    // The code's own answer first: it is this authorization's grant; the info call is the fallback.
    permissionSets: permissionSetsOf(granted?.func_info ?? info.authorization_info.func_info),
    refreshTokenEnc: encryptSecret(refreshToken),
    status: "authorized" as const,
    authorizedAt: new Date(),
  };
  // Under the tenant's lock (./grants.ts): a refresh in flight with the previous grant commits first, then this grant
  // replaces what it saved; it cannot land after this one.
  return tenantWrite(async (tx, lock) => {
    const where = and(eq(tenants.accountId, account.id), eq(tenants.appid, appid));
    let [known] = await tx.select({ id: tenants.id }).from(tenants).where(where);
    if (!known) {
      // A new tenant: nothing can refresh it before this transaction commits, so there is nothing to wait for.
      const [created] = await tx.insert(tenants).values({ accountId: account.id, appid, ...values }).onConflictDoNothing().returning();
      if (created) return created;
      // Another onboarding of the same mini-program inserted it meanwhile (this insert waited for it).
      [known] = await tx.select({ id: tenants.id }).from(tenants).where(where);
    }
    await lock(known!.id);
    const [tenant] = await tx.update(tenants).set({ ...values, updatedAt: sql`now()` }).where(eq(tenants.id, known!.id)).returning();
    // Re-authorization invalidates the previous refresh token and the access tokens issued from it.
    await dropTokenIn(tx, authorizerKey(known!.id));
    return tenant!;
  });
}
