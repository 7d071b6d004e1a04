import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { SeedAuthorizersInput } from "./control-bulk-schemas";
import { seedPlatform } from "./control-ops";
import { privacyScan } from "./ext-json";
import { authorizerValues, DEFAULT_CATEGORIES } from "./registry";
import type { AuthorizerCodeState, TrialVersion } from "./types";

/**
 * POST /sandbox/control/seed-authorizers: a fleet of mini-programs that differ the way a bulk job meets them
 * (privacy declarations needed or not, categories missing, different pages, nothing committed), made in one INSERT.
 * The console's side (accounts, tenants) is the caller's: the answer carries what it needs (refresh tokens…).
 */

/** Whether item `i` of a fleet falls in an evenly spread `share` (0.25 → items 3, 7, 11…). */
export const inShare = (i: number, share: number) => Math.floor((i + 1) * share) > Math.floor(i * share);

/** A trial as a finished commit leaves it (emulator choice: template 0, the privacy scan already done). */
function seededTrial(pages: string[], privacyApis: AuthorizerCodeState["privacyApis"], now: number): TrialVersion {
  return {
    templateId: 0,
    extJson: "{}",
    userVersion: "seed",
    userDesc: "seeded trial",
    pages,
    committedAt: now,
    scanReadyAt: now,
    privacy: privacyScan(privacyApis ?? [], []),
  };
}

export async function seedAuthorizers(input: SeedAuthorizersInput) {
  const started = performance.now();
  const platform = await seedPlatform(input.component_appid);
  const categorySets = input.category_sets ?? [DEFAULT_CATEGORIES];
  const pageSets = input.page_sets;
  const now = Date.now();
  const rows = Array.from({ length: input.count }, (_, i) => {
    const needsPrivacy = inShare(i, input.privacy_share);
    const privacyApis = needsPrivacy ? input.privacy_apis : undefined;
    const pages = pageSets ? pageSets[i % pageSets.length]! : [];
    const state: AuthorizerCodeState = { visitStatus: 1, ...(privacyApis ? { privacyApis } : {}), ...(pages.length ? { trial: seededTrial(pages, privacyApis, now) } : {}) };
    const values = authorizerValues(
      {
        componentAppid: platform.componentAppid,
        nickname: input.nickname_prefix ? `${input.nickname_prefix} ${i + 1}` : undefined,
        categories: categorySets[i % categorySets.length]!,
        funcInfo: input.func_info,
        state,
      },
      i,
    );
    return { values, needsPrivacy, categorySet: i % categorySets.length, pageSet: pageSets ? i % pageSets.length : null };
  });
  // One statement for the whole fleet: the rows travel as one JSON parameter (no limit on parameters per INSERT).
  const records = rows.map(({ values: v }) => ({
    appid: v.appid,
    component_appid: v.componentAppid,
    nickname: v.nickname,
    user_name: v.userName,
    principal_name: v.principalName,
    head_img: v.headImg,
    signature: v.signature,
    categories: v.categories,
    func_info: v.funcInfo,
    init_complete: v.initComplete,
    authorized: v.authorized,
    refresh_token: v.refreshToken,
    state: v.state,
  }));
  await db.execute(sql`
    insert into sandbox_authorizers
      (appid, component_appid, nickname, user_name, principal_name, head_img, signature, categories, func_info, init_complete, authorized, refresh_token, state)
    select appid, component_appid, nickname, user_name, principal_name, head_img, signature, categories, func_info, init_complete, authorized, refresh_token, state
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
      appid text, component_appid text, nickname text, user_name text, principal_name text, head_img text, signature text,
      categories jsonb, func_info integer[], init_complete boolean, authorized boolean, refresh_token text, state jsonb)`);
  return {
    component_appid: platform.componentAppid,
    platform_created: platform.created,
    created: rows.length,
    elapsed_ms: Math.round(performance.now() - started),
    authorizers: rows.map(({ values: v, needsPrivacy, categorySet, pageSet }) => ({
      appid: v.appid,
      nickname: v.nickname,
      user_name: v.userName,
      principal_name: v.principalName,
      refresh_token: v.refreshToken,
      func_info: v.funcInfo,
      categories: v.categories,
      needs_privacy: needsPrivacy,
      category_set: categorySet,
      page_set: pageSet,
    })),
  };
}
