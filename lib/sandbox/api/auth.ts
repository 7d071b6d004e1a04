import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "../errors";
import type { RouteDef, SandboxContext } from "../router";
import { sandboxAuthorizers, sandboxCodes, sandboxPlatforms } from "../schema";
import { issueAuthorizerToken, issueComponentToken, randomToken } from "../tokens";
import { enqueueTicketPush } from "../push";
import { str, int } from "./params";

/** Authorization family (reference §1.3): tokens, pre-auth codes, authorizer info and options. */

const TICKET_LIFETIME_MS = 12 * 3600_000;
const OPTION_VALUES: Record<string, string[]> = {
  location_report: ["0", "1", "2"],
  voice_recognize: ["0", "1"],
  customer_service: ["0", "1"],
};

async function platformBySecret(appid: string, secret: string | undefined) {
  const [platform] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, appid));
  if (!platform) fail(40013, "invalid appid");
  if (!secret) fail(41004, "appsecret missing");
  if (platform!.componentAppsecret !== secret) fail(40125, "invalid appsecret");
  return platform!;
}

/** Component-token APIs name their component_appid in the body; it must be the token's own. */
function ownComponent(ctx: SandboxContext) {
  const appid = ctx.body.component_appid;
  if (appid === undefined || appid === "") fail(41018, "missing component_appid");
  if (appid !== ctx.platform!.componentAppid) fail(40013, "invalid appid");
  return ctx.platform!;
}

async function authorizerOf(ctx: SandboxContext, appid: string) {
  const [row] = await db
    .select()
    .from(sandboxAuthorizers)
    .where(and(eq(sandboxAuthorizers.appid, appid), eq(sandboxAuthorizers.componentAppid, ctx.platform!.componentAppid)));
  if (!row || !row.authorized) fail(61003, "component is not authorized by this account");
  return row!;
}

/** get/set_authorizer_option: the authorizer (of this platform, authorized) and a documented option name. */
async function optionTarget(ctx: SandboxContext) {
  ownComponent(ctx);
  const authorizer = await authorizerOf(ctx, str(ctx.body, "authorizer_appid", true)!);
  const name = str(ctx.body, "option_name");
  if (!name || !(name in OPTION_VALUES)) fail(61012, "invalid option name");
  return { authorizer, name: name! };
}

const funcInfo = (ids: number[]) => ids.map((id) => ({ funcscope_category: { id } }));

export function authorizerInfo(a: typeof sandboxAuthorizers.$inferSelect) {
  return {
    nick_name: a.nickname,
    head_img: a.headImg,
    service_type_info: { id: a.serviceType },
    verify_type_info: { id: 0 },
    user_name: a.userName,
    alias: "",
    qrcode_url: "",
    business_info: { open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 },
    principal_name: a.principalName,
    signature: a.signature,
    MiniProgramInfo: {
      network: { RequestDomain: [], WsRequestDomain: [], UploadDomain: [], DownloadDomain: [], UDPDomain: [], TCPDomain: [], BizDomain: [] },
      categories: a.categories.map((c) => ({ first: c.first_class, second: c.second_class })),
      visit_status: 0,
    },
    register_type: 0,
    account_status: 1,
    basic_config: { is_phone_configured: true, is_email_configured: true },
  };
}

export const authRoutes: RouteDef[] = [
  {
    method: "POST",
    path: "/cgi-bin/component/api_component_token",
    token: "none",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      const platform = await platformBySecret(str(ctx.body, "component_appid", true)!, str(ctx.body, "component_appsecret"));
      const ticket = str(ctx.body, "component_verify_ticket");
      if (!ticket || !platform.verifyTicket || ticket !== platform.verifyTicket) fail(61006, "component ticket is invalid");
      if (!platform.verifyTicketAt || Date.now() - platform.verifyTicketAt.getTime() > TICKET_LIFETIME_MS) {
        fail(61005, "component ticket is expired");
      }
      const { token, expiresIn } = await issueComponentToken(platform.componentAppid, ctx.settings.tokenTtlSeconds);
      return { component_access_token: token, expires_in: expiresIn };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/component/api_create_preauthcode",
    token: "component",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      const platform = ownComponent(ctx);
      const code = randomToken("preauthcode@@@", 24);
      const ttl = ctx.settings.preAuthCodeTtlSeconds;
      await db.insert(sandboxCodes).values({ code, kind: "pre_auth", componentAppid: platform.componentAppid, expiresAt: new Date(Date.now() + ttl * 1000) });
      return { pre_auth_code: code, expires_in: ttl };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/component/api_query_auth",
    token: "component",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      const platform = ownComponent(ctx);
      const code = str(ctx.body, "authorization_code");
      const [row] = code
        ? await db.select().from(sandboxCodes).where(and(eq(sandboxCodes.code, code), eq(sandboxCodes.kind, "auth")))
        : [];
      if (!row || row.componentAppid !== platform.componentAppid || row.usedAt) fail(61009, "invalid code");
      if (row!.expiresAt.getTime() <= Date.now()) fail(61010, "code is expired");
      await db.update(sandboxCodes).set({ usedAt: new Date() }).where(eq(sandboxCodes.code, row!.code));
      const authorizer = await authorizerOf(ctx, row!.authorizerAppid!);
      const { token, expiresIn } = await issueAuthorizerToken(platform.componentAppid, authorizer.appid, ctx.settings.tokenTtlSeconds);
      return {
        authorization_info: {
          authorizer_appid: authorizer.appid,
          authorizer_access_token: token,
          expires_in: expiresIn,
          authorizer_refresh_token: authorizer.refreshToken,
          func_info: funcInfo(authorizer.funcInfo),
        },
      };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/component/api_authorizer_token",
    token: "component",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      const platform = ownComponent(ctx);
      const appid = str(ctx.body, "authorizer_appid", true)!;
      const refresh = str(ctx.body, "authorizer_refresh_token");
      const authorizer = await authorizerOf(ctx, appid);
      if (!refresh || refresh !== authorizer.refreshToken) fail(61023, "refresh_token is invalid");
      const { token, expiresIn } = await issueAuthorizerToken(platform.componentAppid, appid, ctx.settings.tokenTtlSeconds);
      return { authorizer_access_token: token, expires_in: expiresIn, authorizer_refresh_token: authorizer.refreshToken };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/component/api_get_authorizer_info",
    token: "component",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      ownComponent(ctx);
      const authorizer = await authorizerOf(ctx, str(ctx.body, "authorizer_appid", true)!);
      return {
        authorizer_info: authorizerInfo(authorizer),
        authorization_info: {
          authorizer_appid: authorizer.appid,
          authorizer_refresh_token: authorizer.refreshToken,
          func_info: funcInfo(authorizer.funcInfo),
        },
      };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/component/api_get_authorizer_list",
    token: "component",
    body: "json-required",
    envelope: "plain",
    async handler(ctx) {
      const platform = ownComponent(ctx);
      const offset = int(ctx.body, "offset", { min: 0, required: true })!;
      const size = int(ctx.body, "count", { min: 1, required: true })!;
      if (size > 500) fail(40170, "args count exceed count limit");
      const where = and(eq(sandboxAuthorizers.componentAppid, platform.componentAppid), eq(sandboxAuthorizers.authorized, true));
      const [total] = await db.select({ n: count() }).from(sandboxAuthorizers).where(where);
      const rows = await db
        .select({ appid: sandboxAuthorizers.appid, refreshToken: sandboxAuthorizers.refreshToken, authTime: sandboxAuthorizers.authTime })
        .from(sandboxAuthorizers)
        .where(where)
        .orderBy(asc(sandboxAuthorizers.authTime), asc(sandboxAuthorizers.appid))
        .offset(offset)
        .limit(size);
      return {
        total_count: total?.n ?? 0,
        list: rows.map((r) => ({ authorizer_appid: r.appid, refresh_token: r.refreshToken, auth_time: Math.floor(r.authTime.getTime() / 1000) })),
      };
    },
  },
  ...["/cgi-bin/component/get_authorizer_option", "/cgi-bin/component/api_get_authorizer_option"].map(
    (path): RouteDef => ({
      method: "POST",
      path,
      token: "component",
      body: "json-required",
      envelope: "wxa",
      async handler(ctx) {
        const { authorizer, name } = await optionTarget(ctx);
        const value = authorizer.state.options?.[name] ?? "0";
        return { authorizer_appid: authorizer.appid, option_name: name, option_value: value };
      },
    }),
  ),
  ...["/cgi-bin/component/set_authorizer_option", "/cgi-bin/component/api_set_authorizer_option"].map(
    (path): RouteDef => ({
      method: "POST",
      path,
      token: "component",
      body: "json-required",
      envelope: "wxa",
      async handler(ctx) {
        const { authorizer, name } = await optionTarget(ctx);
        const value = String(ctx.body.option_value ?? "");
        if (!OPTION_VALUES[name]!.includes(value)) fail(61013, "invalid option value");
        const state = { ...authorizer.state, options: { ...authorizer.state.options, [name]: value } };
        await db.update(sandboxAuthorizers).set({ state }).where(eq(sandboxAuthorizers.appid, authorizer.appid));
        return {};
      },
    }),
  ),
  {
    method: "POST",
    path: "/cgi-bin/component/api_start_push_ticket",
    token: "none",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const platform = await platformBySecret(str(ctx.body, "component_appid", true)!, str(ctx.body, "component_secret"));
      await enqueueTicketPush(platform.componentAppid);
      return {};
    },
  },
];
