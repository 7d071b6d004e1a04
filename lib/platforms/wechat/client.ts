import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { effectiveApiBase } from "./api-base";
import { buildAuthorizationUrl } from "./authorize-url";
import { methodsOf, type EndpointRequest, type Send } from "./call";
import { AUTHORIZER_ENDPOINTS, COMPONENT_ENDPOINTS } from "./endpoints";
import { wechatRequest, type HistoryContext } from "./http";
import { parseInput } from "./schemas/common";
import { authorizationUrlInput, type AuthorizationUrlInput } from "./schemas/auth";
import { withAuthorizerToken, withComponentToken } from "./tokens";

/**
 * The typed WeChat client, generated from the endpoint tables (./endpoints.ts): one method per documented endpoint,
 * named as in the table. Each validates its input before anything is sent (ClientInputError), goes through
 * wechatRequest (retries, errcode → WeChatError, one history row per attempt) with a token from the token authority,
 * and parses the answer (WeChatAnswerError). Every error is a PlatformError.
 */

/** Who the calls are for, for the history: the operator and, in a bulk operation, its job. */
export type ClientContext = { actorId?: string | null; bulkJobId?: string | null };

type TokenParam = { name: "access_token" | "component_access_token"; value: string };

const request = (req: EndpointRequest, base: string | null, context: HistoryContext, token?: TokenParam) => wechatRequest({ ...req, base, token, context });

function assertWechat(account: PlatformAccount) {
  if (account.platform !== "wechat") throw new Error(`platform account ${account.id} is ${account.platform}, not wechat`);
}

/** The platform's own calls (component_access_token, or its secret): authorization, templates, its quota. */
export function getComponentClient(account: PlatformAccount, context: ClientContext = {}) {
  assertWechat(account);
  const history: HistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId };
  const send: Send = (token, req) =>
    token === "none"
      ? request(req, account.apiBase, history)
      : withComponentToken(account, (value) => request(req, account.apiBase, history, { name: "component_access_token", value }), history);
  // The secret is decrypted on demand only, for the two secret-based calls.
  const api = methodsOf(COMPONENT_ENDPOINTS, { componentAppid: account.appId, secret: () => decryptSecret(account.secretEnc) }, send, "component");
  const pageTarget = { componentAppid: account.appId, apiBase: effectiveApiBase(account.apiBase) };
  const preAuthInput = authorizationUrlInput.omit({ pre_auth_code: true });

  return {
    ...api,

    /** The authorization page for a pre_auth_code (the sandbox's own page when the account's API is a sandbox). */
    authorizationUrl: (value: AuthorizationUrlInput) => buildAuthorizationUrl(pageTarget, value),

    /** A fresh pre_auth_code and its page in one step; the options are checked before the code is requested. */
    createAuthorizationUrl: async (value: z.input<typeof preAuthInput>) => {
      const options = parseInput(preAuthInput, value, "authorization_url");
      const { pre_auth_code, expires_in } = await api.createPreAuthCode();
      return { url: buildAuthorizationUrl(pageTarget, { ...options, pre_auth_code }), expiresIn: expires_in };
    },
  };
}

/** One authorized mini-program's calls (authorizer_access_token): code, audit, release, QR-jump, quota. */
export function getAuthorizerClient(tenant: Tenant, context: ClientContext = {}, knownAccount?: PlatformAccount) {
  const history: HistoryContext = { actorId: context.actorId, bulkJobId: context.bulkJobId, tenantId: tenant.id };
  // The API base is the platform account's: the caller's row when it read one, else read once on first use.
  let account: Promise<PlatformAccount> | undefined = knownAccount ? Promise.resolve(knownAccount).then((row) => (assertWechat(row), row)) : undefined;
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
  const send: Send = async (_token, req) => {
    const { apiBase } = await accountOf();
    return withAuthorizerToken(tenant, (value) => request(req, apiBase, history, { name: "access_token", value }), history);
  };

  return {
    tenantId: tenant.id,
    appid: tenant.appid,
    ...methodsOf(AUTHORIZER_ENDPOINTS, { appid: tenant.appid }, send, "authorizer"),
  };
}

export type ComponentClient = ReturnType<typeof getComponentClient>;
export type AuthorizerClient = ReturnType<typeof getAuthorizerClient>;
