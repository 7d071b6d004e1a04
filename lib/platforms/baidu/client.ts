import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { baiduApiBase, baiduSandboxAuthorizePage, BAIDU_AUTHORIZE_PAGE } from "./api-base";
import { BaiduInputError } from "./baidu-error";
import { methodsOf, type EndpointRequest, type Send } from "./call";
import { APP_ENDPOINTS, TP_ENDPOINTS } from "./endpoints";
import { baiduRequest, type BaiduHistoryContext } from "./http";
import { withAppToken, withTpToken } from "./tokens";

/**
 * The typed Baidu client, generated from the endpoint tables (./endpoints.ts): one method per documented endpoint,
 * named as in the table, each with its input checked before anything is sent, a token from the token authority
 * (./tokens.ts), one history row per attempt (./http.ts) and its answer's `data` parsed. Every error is a
 * PlatformError.
 */

export type ClientContext = { actorId?: string | null; bulkJobId?: string | null };

function assertBaidu(account: PlatformAccount) {
  if (account.platform !== "baidu") throw new Error(`platform account ${account.id} is ${account.platform}, not baidu`);
}

const send = (req: EndpointRequest, base: string | null, context: BaiduHistoryContext, token?: string) => baiduRequest({ ...req, base, token, context });

/**
 * The authorization page for a pre-auth code: Baidu's, or the emulator's when the account's API is the emulator. The
 * page redirects back to `redirectUri` with `authorization_code` and `expires_in`.
 */
export function baiduAuthorizationUrl(account: Pick<PlatformAccount, "appId" | "apiBase">, preAuthCode: string, redirectUri: string): string {
  const sandbox = baiduSandboxAuthorizePage(baiduApiBase(account.apiBase));
  // Baidu's page only returns to an https address (the initiating domain must be configured); the emulator takes http too.
  if (!sandbox && !redirectUri.startsWith("https://")) {
    throw new BaiduInputError("authorization_url", [{ code: "custom", message: "validation.invalid", path: ["redirect_uri"], input: redirectUri }]);
  }
  const url = new URL(sandbox ?? BAIDU_AUTHORIZE_PAGE);
  url.searchParams.set("client_id", account.appId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("pre_auth_code", preAuthCode);
  return url.toString();
}

/** The platform's own calls (its TP token): authorization and templates. */
export function getTpClient(account: PlatformAccount, context: ClientContext = {}) {
  assertBaidu(account);
  const history: BaiduHistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId };
  const viaTp: Send = (token, req) =>
    token === "none" ? send(req, account.apiBase, history) : withTpToken(account, (value) => send(req, account.apiBase, history, value), history);
  return methodsOf(TP_ENDPOINTS, viaTp, "tp");
}

/** One authorized smart program's calls (its app token): information and packages. */
export function getAppClient(tenant: Tenant, context: ClientContext = {}) {
  const history: BaiduHistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId, tenantId: tenant.id };
  // The API base is the platform account's, read once per client on first use.
  let account: Promise<PlatformAccount> | undefined;
  const accountOf = () =>
    (account ??= db
      .select()
      .from(platformAccounts)
      .where(eq(platformAccounts.id, tenant.accountId))
      .then(([row]) => {
        if (!row) throw new Error(`platform account ${tenant.accountId} of tenant ${tenant.id} is gone`);
        assertBaidu(row);
        return row;
      })
      .catch((error: unknown) => {
        account = undefined;
        throw error;
      }));
  const viaApp: Send = async (_token, req) => {
    const { apiBase } = await accountOf();
    return withAppToken(tenant, (value) => send(req, apiBase, history, value), history);
  };
  return { tenantId: tenant.id, appid: tenant.appid, ...methodsOf(APP_ENDPOINTS, viaApp, "app") };
}

export type TpClient = ReturnType<typeof getTpClient>;
export type AppClient = ReturnType<typeof getAppClient>;
