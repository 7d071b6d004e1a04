import "server-only";
import { and, asc, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { DEFAULT_FUNC_INFO, authorizerValues, newRefreshToken } from "./registry";
import { enqueueAuthChange } from "./push";
import { sandboxAuthorizers, sandboxCodes, sandboxPlatforms, sandboxTokens } from "./schema";
import { getSettings } from "./settings";
import { randomToken } from "./tokens";
import { categoryBySecondId, MAX_CATEGORIES, MAX_NICKNAME, MAX_PRINCIPAL } from "./authorize-catalog";
import type { SandboxCategory } from "./types";

/**
 * The simulated authorization page's logic (reference §1.1 steps 4–5, §1.4, §1.5): it checks the page's query
 * parameters like https://mp.weixin.qq.com/cgi-bin/componentloginpage would, and on confirmation consumes the
 * pre_auth_code, (re)authorizes a mini-program, issues the authorization code and queues the push.
 */

/** The redirect always says 600 s (reference §1.1); the code itself lives settings.authCodeTtlSeconds if shorter. */
export const REDIRECT_EXPIRES_IN = 600;

export type AuthorizeProblem =
  | "missingParams"
  | "invalidRedirect"
  | "invalidAuthType"
  | "unsupportedAuthType"
  | "invalidCategories"
  | "unknownPlatform"
  | "invalidCode"
  | "expiredCode"
  | "usedCode"
  | "unknownBizAppid";

/** An expected refusal: the page shows it (problem) or the form marks a field (field). */
export class AuthorizeRefused extends Error {
  constructor(
    readonly problem: AuthorizeProblem | "unknownAppid" | "invalidChoice",
    readonly field?: "appid" | "nickname" | "principalName" | "categories",
  ) {
    super(`authorization refused: ${problem}`);
    this.name = "AuthorizeRefused";
  }
}

export type AuthorizeRequest = {
  componentAppid: string;
  platformName: string;
  preAuthCode: string;
  redirectUri: string;
  authType: number | null;
  bizAppid: string | null;
  /** category_id_list, or the default sets when absent. */
  funcInfo: number[];
  funcInfoIsDefault: boolean;
};

type Params = Record<string, string | string[] | undefined>;

// Repeated parameters: the first one counts, like most web servers.
const first = (params: Params, key: string) => {
  const value = params[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one.trim() === "" ? null : one.trim();
};

/** http(s) and absolute. The real page insists on https; local consoles run on http, so the sandbox allows both. */
export function parseRedirectUri(value: string | null): URL | null {
  if (!value || value.length > 2000 || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === "https:" || url.protocol === "http:" ? url : null;
}

/** `redirect_uri?auth_code=…&expires_in=600`, keeping the redirect_uri's own query parameters and fragment. */
export function buildRedirectUrl(redirectUri: string, authCode: string, expiresIn = REDIRECT_EXPIRES_IN): string {
  const url = new URL(redirectUri);
  url.searchParams.set("auth_code", authCode);
  url.searchParams.set("expires_in", String(expiresIn));
  return url.toString();
}

// auth_type 2 (mini-program), 3 (official account + mini-program) and 6 (all) include mini-programs; the sandbox
// emulates mini-programs only, so the others would show an empty page.
const AUTH_TYPES = [1, 2, 3, 4, 5, 6, 8];
const MINI_PROGRAM_AUTH_TYPES = [2, 3, 6];

function parseCategoryList(value: string | null): number[] | null | "invalid" {
  if (value === null) return null;
  const parts = value.split("|").map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 100 || parts.some((p) => !/^\d{1,6}$/.test(p) || Number(p) === 0)) return "invalid";
  return [...new Set(parts.map(Number))];
}

type Refusal = { ok: false; problem: AuthorizeProblem };

/** Checks the page's query parameters and the pre_auth_code. Changes nothing. */
export async function validateAuthorizeRequest(params: Params): Promise<{ ok: true; request: AuthorizeRequest } | Refusal> {
  const refuse = (problem: AuthorizeProblem): Refusal => ({ ok: false, problem });
  const componentAppid = first(params, "component_appid");
  const preAuthCode = first(params, "pre_auth_code");
  if (!componentAppid || !preAuthCode || componentAppid.length > 64 || preAuthCode.length > 200) return refuse("missingParams");
  const redirect = parseRedirectUri(first(params, "redirect_uri"));
  if (!redirect) return refuse("invalidRedirect");

  // biz_appid names one account and overrides auth_type (reference §1.4); otherwise auth_type is required.
  const bizAppid = first(params, "biz_appid");
  const rawAuthType = first(params, "auth_type");
  let authType: number | null = null;
  if (rawAuthType !== null || !bizAppid) {
    authType = rawAuthType !== null && /^\d{1,2}$/.test(rawAuthType) ? Number(rawAuthType) : NaN;
    if (!AUTH_TYPES.includes(authType)) return refuse("invalidAuthType");
    if (!bizAppid && !MINI_PROGRAM_AUTH_TYPES.includes(authType)) return refuse("unsupportedAuthType");
  }
  const categories = parseCategoryList(first(params, "category_id_list"));
  if (categories === "invalid") return refuse("invalidCategories");

  const [platform] = await db
    .select({ componentAppid: sandboxPlatforms.componentAppid, name: sandboxPlatforms.name })
    .from(sandboxPlatforms)
    .where(eq(sandboxPlatforms.componentAppid, componentAppid));
  if (!platform) return refuse("unknownPlatform");

  const [code] = await db.select().from(sandboxCodes).where(eq(sandboxCodes.code, preAuthCode));
  const codeProblem = preAuthCodeProblem(code, componentAppid);
  if (codeProblem) return refuse(codeProblem);

  if (bizAppid) {
    const [owned] = await db
      .select({ appid: sandboxAuthorizers.appid })
      .from(sandboxAuthorizers)
      .where(and(eq(sandboxAuthorizers.appid, bizAppid), eq(sandboxAuthorizers.componentAppid, componentAppid)));
    if (!owned) return refuse("unknownBizAppid");
  }

  return {
    ok: true,
    request: {
      componentAppid,
      platformName: platform.name,
      preAuthCode,
      redirectUri: redirect.toString(),
      authType,
      bizAppid,
      funcInfo: categories ?? [...DEFAULT_FUNC_INFO],
      funcInfoIsDefault: categories === null,
    },
  };
}

function preAuthCodeProblem(code: typeof sandboxCodes.$inferSelect | undefined, componentAppid: string): AuthorizeProblem | null {
  if (!code || code.kind !== "pre_auth" || code.componentAppid !== componentAppid) return "invalidCode";
  if (code.usedAt) return "usedCode";
  if (code.expiresAt.getTime() <= Date.now()) return "expiredCode";
  return null;
}

export type AuthorizerChoice = { appid: string; nickname: string; principalName: string; authorized: boolean };

/** Mini-programs of the platform the page offers, searchable by name, principal or appid. */
export async function searchAuthorizers(request: Pick<AuthorizeRequest, "componentAppid" | "bizAppid">, query = "", limit = 50): Promise<AuthorizerChoice[]> {
  const pattern = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const text = query.trim()
    ? or(ilike(sandboxAuthorizers.nickname, pattern), ilike(sandboxAuthorizers.principalName, pattern), ilike(sandboxAuthorizers.appid, pattern))
    : undefined;
  return db
    .select({
      appid: sandboxAuthorizers.appid,
      nickname: sandboxAuthorizers.nickname,
      principalName: sandboxAuthorizers.principalName,
      authorized: sandboxAuthorizers.authorized,
    })
    .from(sandboxAuthorizers)
    .where(
      and(
        eq(sandboxAuthorizers.componentAppid, request.componentAppid),
        request.bizAppid ? eq(sandboxAuthorizers.appid, request.bizAppid) : undefined,
        text,
      ),
    )
    .orderBy(desc(sandboxAuthorizers.authTime), asc(sandboxAuthorizers.appid))
    .limit(limit);
}

export type NewMiniProgram = { nickname: string; principalName: string; categoryIds: number[] };
export type Choice = { mode: "existing"; appid: string } | ({ mode: "new" } & NewMiniProgram);

export type AuthorizationResult = {
  appid: string;
  created: boolean;
  authorizationCode: string;
  expiresAt: Date;
  redirectUrl: string;
  push: "authorized" | "updateauthorized" | null;
};

function newMiniProgramCategories(input: NewMiniProgram): SandboxCategory[] {
  if (!input.nickname.trim() || input.nickname.trim().length > MAX_NICKNAME) throw new AuthorizeRefused("invalidChoice", "nickname");
  if (!input.principalName.trim() || input.principalName.trim().length > MAX_PRINCIPAL) throw new AuthorizeRefused("invalidChoice", "principalName");
  const ids = [...new Set(input.categoryIds)];
  const categories = ids.map(categoryBySecondId);
  if (ids.length === 0 || ids.length > MAX_CATEGORIES || categories.some((c) => !c)) throw new AuthorizeRefused("invalidChoice", "categories");
  return categories as SandboxCategory[];
}

const sameSet = (a: number[], b: number[]) => {
  const [x, y] = [[...new Set(a)].sort((m, n) => m - n), [...new Set(b)].sort((m, n) => m - n)];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/**
 * The person confirmed. In one transaction: the pre_auth_code is consumed (single-use even under a double submit),
 * the mini-program is created or re-authorized with a new refresh token (the previous one stops working, as do its
 * access tokens), and an authorization code is issued. The push is queued after the commit.
 */
export async function completeAuthorization(params: Params, choice: Choice): Promise<AuthorizationResult> {
  const checked = await validateAuthorizeRequest(params);
  if (!checked.ok) throw new AuthorizeRefused(checked.problem);
  const request = checked.request;
  if (choice.mode === "new" && request.bizAppid) throw new AuthorizeRefused("invalidChoice");
  if (choice.mode === "existing" && request.bizAppid && choice.appid !== request.bizAppid) throw new AuthorizeRefused("unknownAppid", "appid");
  const categories = choice.mode === "new" ? newMiniProgramCategories(choice) : null;
  const ttlSeconds = (await getSettings()).authCodeTtlSeconds;

  const outcome = await db.transaction(async (tx) => {
    // The conditional update is the single-use guarantee: of two concurrent confirmations only one matches.
    const consumed = await tx
      .update(sandboxCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(sandboxCodes.code, request.preAuthCode),
          eq(sandboxCodes.kind, "pre_auth"),
          eq(sandboxCodes.componentAppid, request.componentAppid),
          isNull(sandboxCodes.usedAt),
          sql`${sandboxCodes.expiresAt} > now()`,
        ),
      )
      .returning({ code: sandboxCodes.code });
    if (consumed.length === 0) {
      const [code] = await tx.select().from(sandboxCodes).where(eq(sandboxCodes.code, request.preAuthCode));
      throw new AuthorizeRefused(preAuthCodeProblem(code, request.componentAppid) ?? "usedCode");
    }

    let appid: string;
    let previous: { authorized: boolean; funcInfo: number[] } | null = null;
    if (choice.mode === "existing") {
      const [row] = await tx
        .select()
        .from(sandboxAuthorizers)
        .where(and(eq(sandboxAuthorizers.appid, choice.appid), eq(sandboxAuthorizers.componentAppid, request.componentAppid)))
        .for("update");
      if (!row) throw new AuthorizeRefused("unknownAppid", "appid");
      appid = row.appid;
      previous = { authorized: row.authorized, funcInfo: row.funcInfo };
      await tx
        .update(sandboxAuthorizers)
        .set({ authorized: true, refreshToken: newRefreshToken(), funcInfo: request.funcInfo, authTime: new Date() })
        .where(eq(sandboxAuthorizers.appid, appid));
      // Same transaction as the new refresh token: no moment where the old access tokens outlive the re-authorization.
      await tx.delete(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, appid));
    } else {
      const values = authorizerValues({
        componentAppid: request.componentAppid,
        nickname: choice.nickname.trim(),
        principalName: choice.principalName.trim(),
        categories: categories!,
        funcInfo: request.funcInfo,
      });
      await tx.insert(sandboxAuthorizers).values(values);
      appid = values.appid;
    }

    const authorizationCode = randomToken("queryauthcode@@@", 32);
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    await tx.insert(sandboxCodes).values({ code: authorizationCode, kind: "auth", componentAppid: request.componentAppid, authorizerAppid: appid, expiresAt });
    return { appid, previous, authorizationCode, expiresAt };
  });

  // §1.5: `authorized` for a first (or renewed after unauthorization) grant, `updateauthorized` when the granted
  // sets changed, nothing when an authorized account confirms the same sets again.
  const push = !outcome.previous?.authorized ? "authorized" : sameSet(outcome.previous.funcInfo, request.funcInfo) ? null : "updateauthorized";
  if (push) {
    await enqueueAuthChange(request.componentAppid, push, outcome.appid, {
      authorizationCode: outcome.authorizationCode,
      expiresAt: outcome.expiresAt,
      preAuthCode: request.preAuthCode,
    });
  }
  return {
    appid: outcome.appid,
    created: choice.mode === "new",
    authorizationCode: outcome.authorizationCode,
    expiresAt: outcome.expiresAt,
    redirectUrl: buildRedirectUrl(request.redirectUri, outcome.authorizationCode, Math.min(REDIRECT_EXPIRES_IN, ttlSeconds)),
    push,
  };
}
