import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { wechatRequest, type HistoryContext } from "./http";
import { withAuthorizerToken, withComponentToken } from "./tokens";
import { buildAuthorizationUrl } from "./authorize-url";
import { parseInput } from "@/lib/platforms/wechat/schemas/common";
import { authorizationUrlInput, type AuthorizationUrlInput } from "@/lib/platforms/wechat/schemas/auth";
import type { AuthorizerTransport, ComponentTransport, Endpoint, Send } from "@/lib/platforms/wechat/api/transport";
import { authApi } from "@/lib/platforms/wechat/api/auth";
import { templatesApi } from "@/lib/platforms/wechat/api/templates";
import { authorizerQuotaApi, componentQuotaApi } from "@/lib/platforms/wechat/api/quota";
import { codeApi } from "@/lib/platforms/wechat/api/code";
import { auditApi } from "@/lib/platforms/wechat/api/audit";
import { releaseApi } from "@/lib/platforms/wechat/api/release";
import { supportApi } from "@/lib/platforms/wechat/api/support";
import { qrcodeJumpApi } from "@/lib/platforms/wechat/api/qrcode-jump";

/**
 * The typed WeChat client. Every method maps 1:1 to a documented endpoint (lib/platforms/wechat/api/*), validates its input
 * against the documented limits before anything is sent (ClientInputError), goes through wechatRequest (retries,
 * errcode → WeChatError, one history row per attempt) with a token from the token authority, and parses the answer
 * (WeChatAnswerError when it is not the documented shape).
 */

/** Who the calls are for, for the history: the operator and, in a bulk operation, its job. */
export type ClientContext = { actorId?: string | null; bulkJobId?: string | null };

const request = (endpoint: Endpoint, base: string | null, context: HistoryContext, token?: { name: "access_token" | "component_access_token"; value: string }) =>
  wechatRequest({ ...endpoint, retry: endpoint.retry ?? "transient", base, token, context });

function assertWechat(account: PlatformAccount) {
  if (account.platform !== "wechat") throw new Error(`platform account ${account.id} is ${account.platform}, not wechat`);
}

/** The platform's own calls (component_access_token): authorization, templates, its quota. */
export function getComponentClient(account: PlatformAccount, context: ClientContext = {}) {
  assertWechat(account);
  const history: HistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId };
  const send: Send = (endpoint) =>
    withComponentToken(account, (token) => request(endpoint, account.apiBase, history, { name: "component_access_token", value: token }), history);
  const transport: ComponentTransport = {
    componentAppid: account.appId,
    secret: () => decryptSecret(account.secretEnc),
    send,
    sendWithoutToken: (endpoint) => request(endpoint, account.apiBase, history),
  };
  const auth = authApi(transport);
  const pageTarget = { componentAppid: account.appId, apiBase: account.apiBase ?? env.WECHAT_API_BASE };
  const preAuthInput = authorizationUrlInput.omit({ pre_auth_code: true });

  return {
    ...auth,
    ...templatesApi(transport),
    ...componentQuotaApi(transport),

    /** The authorization page for a pre_auth_code (the sandbox's own page when the account's API is a sandbox). */
    authorizationUrl: (value: AuthorizationUrlInput) => buildAuthorizationUrl(pageTarget, value),

    /** A fresh pre_auth_code and its page in one step; the options are checked before the code is requested. */
    createAuthorizationUrl: async (value: z.input<typeof preAuthInput>) => {
      const options = parseInput(preAuthInput, value, "authorization_url");
      const { pre_auth_code, expires_in } = await auth.createPreAuthCode();
      return { url: buildAuthorizationUrl(pageTarget, { ...options, pre_auth_code }), expiresIn: expires_in };
    },
  };
}

/** One authorized mini-program's calls (authorizer_access_token): code, audit, release, QR-jump, quota. */
export function getAuthorizerClient(tenant: Tenant, context: ClientContext = {}) {
  const history: HistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId, tenantId: tenant.id };
  // The API base is the platform account's; read once per client, on first use, so building a client costs nothing.
  let account: Promise<PlatformAccount> | undefined;
  const accountOf = () =>
    (account ??= db
      .select()
      .from(platformAccounts)
      .where(eq(platformAccounts.id, tenant.accountId))
      .then(([row]) => {
        if (!row) throw new Error(`platform account ${tenant.accountId} of tenant ${tenant.id} is gone`);
        assertWechat(row);
        return row;
      })
      .catch((error: unknown) => {
        account = undefined; // a failed read (e.g. the database restarting) is tried again by the next call
        throw error;
      }));
  const send: Send = async (endpoint) => {
    const { apiBase } = await accountOf();
    return withAuthorizerToken(tenant, (token) => request(endpoint, apiBase, history, { name: "access_token", value: token }), history);
  };
  const transport: AuthorizerTransport = { appid: tenant.appid, send };

  return {
    tenantId: tenant.id,
    appid: tenant.appid,
    ...codeApi(transport),
    ...auditApi(transport),
    ...releaseApi(transport),
    ...supportApi(transport),
    ...qrcodeJumpApi(transport),
    ...authorizerQuotaApi(transport),
  };
}

export type ComponentClient = ReturnType<typeof getComponentClient>;
export type AuthorizerClient = ReturnType<typeof getAuthorizerClient>;
