import "server-only";
import QRCode from "qrcode";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, tenants } from "@/lib/db/schema";
import { accountApiBase, isSandboxApiBase, loadAccount } from "@/lib/console/accounts";
import { ExpectedError } from "@/lib/errors";
import { env } from "@/lib/env";
import { recordOperation } from "@/lib/history";
import { getTenantRow, recentlyAuthorized, type TenantRow } from "@/lib/console/tenants/queries";
import { platformForAccount } from "@/lib/platforms";
import { onboardAuthorizer } from "@/lib/console/onboarding/authorizer";
import { authorizationCodeHash } from "@/lib/console/ingress";
import { ClientInputError } from "@/lib/platforms/wechat/schemas/common";
import { BaiduInputError } from "@/lib/platforms/baidu/baidu-error";
import { PlatformError } from "@/lib/platforms/port";
import type { PlatformAccount } from "@/lib/db/schema";
import { isSpentCode, onboardBaiduApp } from "./baidu";

/**
 * Onboarding a mini-program (reference §1.1 steps 3–6): a pre_auth_code and its authorization page links for the
 * operator, then the page's redirect back to the console with the authorization code, exchanged for the tenant.
 * The platform's `authorized` push carries the same code (lib/console/events.ts); both paths go through
 * onboardAuthorizer, an upsert on (account, appid), so they end with one tenant whichever arrives first.
 *
 * Baidu (./baidu.ts): the same two halves. Its page is one link for PC and phone (offered as link and QR code), its
 * redirect brings `authorization_code` and no appid, and its code and refresh tokens are single use: the loser of the
 * race gets `invalid_grant`, resolved like WeChat's 61009 (the push's tenant by the code's sha256, or a poll).
 */

/** auth_type values that include mini-programs (reference §1.4): 2 mini-programs only, 3 with official accounts, 6 all. */
export const ONBOARDING_AUTH_TYPES = [2, 3, 6] as const;
export type OnboardingAuthType = (typeof ONBOARDING_AUTH_TYPES)[number];

export type AuthorizationLink = {
  accountName: string;
  /** Baidu's page is one address for PC and phone (pcUrl = h5Url). */
  platform: PlatformAccount["platform"];
  pcUrl: string;
  h5Url: string;
  /** The H5 link as a QR code (SVG data URL) for the merchant's administrator to scan with WeChat. */
  qrDataUrl: string;
  expiresAt: string;
  sandbox: boolean;
};

/** Where the authorization page sends the administrator back; the account rides along (the code does not name it). */
export const callbackUrl = (accountId: string) =>
  `${env.APP_URL.replace(/\/$/, "")}/tenants/authorize/callback?${new URLSearchParams({ account: accountId })}`;

export async function createAuthorizationLink(accountId: string, authType: OnboardingAuthType, actorId: string | null): Promise<AuthorizationLink> {
  const account = await loadAccount(accountId);
  let links: { pcUrl: string; h5Url: string; expiresIn: number };
  try {
    links = await platformForAccount(account, { actorId }).authorizationLinks({ redirectUri: callbackUrl(account.id), authType });
  } catch (error) {
    // The real page only redirects to https: the adapter refuses before spending a pre_auth_code on such a link.
    if ((error instanceof ClientInputError || error instanceof BaiduInputError) && error.fieldErrors.redirect_uri) {
      throw new ExpectedError("tenants.authorize.httpsRequired");
    }
    throw error;
  }
  const { pcUrl, h5Url, expiresIn: expires_in } = links;
  const svg = await QRCode.toString(h5Url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return {
    accountName: account.name,
    platform: account.platform,
    pcUrl,
    h5Url,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    expiresAt: new Date(Date.now() + expires_in * 1000).toISOString(),
    sandbox: isSandboxApiBase(accountApiBase(account)),
  };
}

/**
 * What the callback page shows of a tenant (and sends to the browser that polls for it): no token, no account
 * internals. `codeManagement`: permission set 18 was granted (without it code cannot be committed or released).
 */
export type CallbackTenant = Pick<TenantRow, "id" | "appid" | "nickname" | "principalName" | "status" | "permissionSets"> & { codeManagement: boolean };

const callbackTenant = (row: TenantRow): CallbackTenant => ({
  id: row.id,
  appid: row.appid,
  nickname: row.nickname,
  principalName: row.principalName,
  status: row.status,
  permissionSets: row.permissionSets,
  codeManagement: row.codeManagement,
});

/** The tenant the `authorized` push with this code (by its sha256) created, once that push has been processed. */
async function tenantAuthorizedBy(accountId: string, codeHash: string): Promise<CallbackTenant | null> {
  const [event] = await db
    .select({ appid: inboundEvents.authorizerAppid })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.accountId, accountId), sql`${inboundEvents.payload}->>'AuthorizationCodeSha256' = ${codeHash}`, isNotNull(inboundEvents.processedAt)))
    .limit(1);
  if (!event?.appid) return null;
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(and(eq(tenants.accountId, accountId), eq(tenants.appid, event.appid)));
  const row = tenant ? await getTenantRow(tenant.id) : null;
  return row ? callbackTenant(row) : null;
}

// A code exchanged by the push first answers 61009 (used) here; 61010 is an expired code.
const CODE_SPENT = new Set([61009, 61010]);
const RECENT_MS = 15 * 60_000;

export type CallbackOutcome =
  | { kind: "onboarded"; tenant: CallbackTenant }
  /** The push spent the code first and has not stored its tenant yet: the browser polls with `codeHash`. */
  | { kind: "alreadyExchanged"; accountId: string; errcode: number | string; meaning: string; codeHash: string }
  | { kind: "refused"; errcode: number | string | null; meaning: string }
  | { kind: "unknownAccount" };

export type AuthorizationProgress = { tenant: CallbackTenant | null; recent: CallbackTenant[] };

/**
 * The callback page's poll, while the push that spent the code is being processed: its tenant once stored, else the
 * tenants this account authorized in the last minutes (shown when the browser stops waiting). Asked by the code's
 * sha256, which is all the push left in the console (lib/console/ingress.ts): the code itself never goes back to
 * the browser.
 */
export async function authorizationProgress(accountId: string, codeHash: string): Promise<AuthorizationProgress> {
  const tenant = await tenantAuthorizedBy(accountId, codeHash);
  if (tenant) return { tenant, recent: [] };
  return { tenant: null, recent: (await recentlyAuthorized(accountId, RECENT_MS)).map(callbackTenant) };
}

/**
 * The redirect's half: exchanges the code and upserts the tenant. When the push got there first the code is spent
 * and names no appid: the push's tenant if it is already stored, else the code's hash for the browser to poll
 * (authorizationProgress). Nothing here waits: the page renders what is known at once.
 */
export async function completeAuthorization(
  accountId: string,
  authorizationCode: string,
  actorId: string | null,
  locale: "zh-CN" | "en",
): Promise<CallbackOutcome> {
  const account = await loadAccount(accountId).catch(() => null);
  if (!account) return { kind: "unknownAccount" };
  if (account.platform === "baidu") return completeBaiduAuthorization(account, authorizationCode, actorId, locale);
  try {
    const tenant = await onboardAuthorizer(account, { authorizationCode }, { actorId });
    await recordOperation({ actorId, tenantId: tenant.id, action: "tenant.onboard", request: { appid: tenant.appid, via: "redirect" }, ok: true });
    return { kind: "onboarded", tenant: callbackTenant((await getTenantRow(tenant.id))!) };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    const meaning = error.meaning[locale];
    // The push spent the code first: its stored hash names the mini-program (lib/console/ingress.ts).
    if (error.code !== null && CODE_SPENT.has(error.code)) return spentCode(account, authorizationCode, error.code, meaning);
    return { kind: "refused", errcode: error.code, meaning };
  }
}

/** Where the code went when the exchange said it is spent: the push's tenant (by the code's hash), else a poll. */
async function spentCode(account: PlatformAccount, authorizationCode: string, errcode: number | string, meaning: string): Promise<CallbackOutcome> {
  const codeHash = authorizationCodeHash(authorizationCode);
  const found = await tenantAuthorizedBy(account.id, codeHash);
  if (found) return { kind: "onboarded", tenant: found };
  return { kind: "alreadyExchanged", accountId: account.id, errcode, meaning, codeHash };
}

/**
 * Baidu's redirect (`authorization_code`): exchanged and stored (./baidu.ts). A spent code (`invalid_grant`: the
 * AUTHORIZED push exchanged it first, or this page was reloaded) is resolved like WeChat's 61009: the push's tenant,
 * found by the code's sha256, or the browser polls for it.
 */
async function completeBaiduAuthorization(account: PlatformAccount, code: string, actorId: string | null, locale: "zh-CN" | "en"): Promise<CallbackOutcome> {
  try {
    const { tenant } = await onboardBaiduApp(account, { authorizationCode: code }, { actorId });
    await recordOperation({ actorId, tenantId: tenant.id, action: "tenant.onboard", request: { appid: tenant.appid, via: "redirect" }, ok: true });
    return { kind: "onboarded", tenant: callbackTenant((await getTenantRow(tenant.id))!) };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (isSpentCode(error)) return spentCode(account, code, "invalid_grant", error.meaning[locale]);
    return { kind: "refused", errcode: error.code, meaning: error.meaning[locale] };
  }
}
