import "server-only";
import { fail } from "../errors";
import { apiLimit, apiUsed, ridRecord } from "../openapi";
import type { RouteDef } from "../router";
import { str } from "./params";

/**
 * getApiQuota and getRidInfo (reference §7.2): either token; an account sees its own counts and its own rids only.
 * `known` resolves a cgi_path to the emulated route, so a path the platform does not have answers 76021.
 */
export function openapiRoutes(known: (path: string) => RouteDef | undefined): RouteDef[] {
  return [
    {
      method: "POST",
      path: "/cgi-bin/openapi/quota/get",
      token: "any",
      body: "json-required",
      envelope: "wxa",
      async handler(ctx) {
        const cgiPath = str(ctx.body, "cgi_path");
        if (!cgiPath || !cgiPath.startsWith("/") || /^https?:/i.test(cgiPath) || cgiPath.includes("?")) fail(76003, "cgi_path format error");
        const route = known(cgiPath!);
        if (!route || cgiPath!.startsWith("/sns/")) fail(76021, "cgi_path not found");
        // A component API's quota is asked with the component token, an authorizer API's with the authorizer's.
        if ((route!.token === "component" && !ctx.platform) || (route!.token === "authorizer" && !ctx.authorizer)) fail(76022, "token does not match the api");
        const account = ctx.platform?.componentAppid ?? ctx.authorizer!.appid;
        const limit = apiLimit(ctx.settings.apiDailyLimits, cgiPath!);
        const used = Math.min(limit, await apiUsed(account, cgiPath!));
        return {
          quota: { daily_limit: limit, used, remain: limit - used },
          // (assump.) The emulator has no short-window limit of its own; these are the documents' example figures.
          rate_limit: { call_count: 100, refresh_second: 60 },
          component_rate_limit: { call_count: 100, refresh_second: 60 },
        };
      },
    },
    {
      method: "POST",
      path: "/cgi-bin/openapi/rid/get",
      token: "any",
      body: "json-required",
      envelope: "wxa",
      async handler(ctx) {
        const rid = str(ctx.body, "rid");
        if (!rid) fail(47001, "data format error");
        const record = await ridRecord(rid!);
        const account = ctx.platform?.componentAppid ?? ctx.authorizer!.appid;
        // (assump.) An unknown rid, or another account's, is refused as invalid args: the documents name no code.
        if (!record || (record.account !== null && record.account !== account)) fail(40097, "invalid args");
        return {
          request: {
            invoke_time: Math.floor(record!.at / 1000),
            cost_in_ms: record!.costMs,
            request_url: record!.requestUrl,
            request_body: record!.requestBody,
            response_body: record!.responseBody,
            client_ip: record!.clientIp,
          },
        };
      },
    },
  ];
}
