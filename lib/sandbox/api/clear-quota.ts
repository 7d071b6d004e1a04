import "server-only";
import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "../errors";
import type { RouteDef } from "../router";
import { sandboxAuthorizers, sandboxPlatforms } from "../schema";
import { chinaMonth, mutateState } from "../state";
import { clearApiUsage } from "../openapi";
import { str } from "./params";

/**
 * Resetting an account's API call counts (reference §7.3). Three paths, one allowance: each account (the platform
 * itself, or one authorizer) may clear 10 times per calendar month (China time) in total, whichever path is used;
 * the 11th answers 48006.
 *
 * What a clear resets: the account's daily count of every API (lib/sandbox/openapi.ts: getApiQuota, 45009). The
 * call counters (sandbox_counters) are observation, never reset.
 */
export const CLEAR_QUOTA_MONTHLY_LIMIT = 10;

const LIMIT_REACHED = [48006, "forbid to clear quota because of reaching the limit"] as const;

/**
 * One clear for the platform, atomically in one UPDATE (any process). sandbox_platforms.quota_month is shared with
 * the audit and speed-up quotas: when the month turns, all three monthly counters start again together, so that
 * whichever API rolls the month first leaves the others consistent.
 */
async function spendPlatformClear(componentAppid: string) {
  const month = chinaMonth();
  const sameMonth = eq(sandboxPlatforms.quotaMonth, month);
  const rows = await db
    .update(sandboxPlatforms)
    .set({
      clearQuotaUsed: sql`case when ${sameMonth} then ${sandboxPlatforms.clearQuotaUsed} + 1 else 1 end`,
      auditQuotaUsed: sql`case when ${sameMonth} then ${sandboxPlatforms.auditQuotaUsed} else 0 end`,
      speedupQuotaUsed: sql`case when ${sameMonth} then ${sandboxPlatforms.speedupQuotaUsed} else 0 end`,
      quotaMonth: month,
    })
    .where(
      and(
        eq(sandboxPlatforms.componentAppid, componentAppid),
        or(ne(sandboxPlatforms.quotaMonth, month), lt(sandboxPlatforms.clearQuotaUsed, CLEAR_QUOTA_MONTHLY_LIMIT)),
      ),
    )
    .returning({ used: sandboxPlatforms.clearQuotaUsed });
  if (rows.length === 0) fail(...LIMIT_REACHED);
  await clearApiUsage(componentAppid);
}

/** One clear for an authorizer, counted in its state under the row lock. */
async function spendAuthorizerClear(appid: string) {
  await mutateState(appid, (state) => {
    const month = chinaMonth();
    const used = state.clearQuota?.month === month ? state.clearQuota.used : 0;
    if (used >= CLEAR_QUOTA_MONTHLY_LIMIT) fail(...LIMIT_REACHED);
    return { state: { ...state, clearQuota: { month, used: used + 1 } }, result: undefined };
  });
  await clearApiUsage(appid);
}

async function platformRow(componentAppid: string) {
  const [row] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
  return row;
}

export const clearQuotaRoutes: RouteDef[] = [
  {
    // Either token: the platform clears its own component APIs, an authorizer token clears that mini-program.
    method: "POST",
    path: "/cgi-bin/clear_quota",
    token: "any",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const appid = ctx.body.appid;
      if (appid === undefined || appid === null || appid === "") fail(41002, "appid missing");
      if (ctx.platform) {
        if (appid !== ctx.platform.componentAppid) fail(40013, "invalid appid");
        await spendPlatformClear(ctx.platform.componentAppid);
      } else {
        if (appid !== ctx.authorizer!.appid) fail(40013, "invalid appid");
        await spendAuthorizerClear(ctx.authorizer!.appid);
      }
      return {};
    },
  },
  {
    // Secret-based, for when the tokens themselves can no longer be fetched (their API quota is spent).
    method: "POST",
    path: "/cgi-bin/component/clear_quota/v2",
    token: "none",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const componentAppid = str(ctx.body, "component_appid");
      if (!componentAppid) fail(41002, "appid missing");
      const secret = str(ctx.body, "appsecret");
      if (!secret) fail(41004, "appsecret missing");
      const platform = await platformRow(componentAppid!);
      if (!platform) fail(40013, "invalid appid");
      if (platform!.componentAppsecret !== secret) fail(40125, "invalid appsecret");

      const appid = str(ctx.body, "appid");
      if (!appid) {
        await spendPlatformClear(platform!.componentAppid);
        return {};
      }
      const [authorizer] = await db.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, appid));
      if (!authorizer) fail(40013, "invalid appid");
      // (assump.) An existing account that has not authorized this platform: the documented 43007.
      if (authorizer!.componentAppid !== platform!.componentAppid || !authorizer!.authorized) fail(43007, "require bizuser authorize");
      await spendAuthorizerClear(authorizer!.appid);
      return {};
    },
  },
  {
    // Legacy form still used by many SDKs: clears the platform's own quota; named by component_appid.
    method: "POST",
    path: "/cgi-bin/component/clear_quota",
    token: "component",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const componentAppid = ctx.body.component_appid;
      if (componentAppid === undefined || componentAppid === "") fail(41018, "missing component_appid");
      if (componentAppid !== ctx.platform!.componentAppid) fail(40013, "invalid appid");
      await spendPlatformClear(ctx.platform!.componentAppid);
      return {};
    },
  },
];
