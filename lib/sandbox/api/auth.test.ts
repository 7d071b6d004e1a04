import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "@/scripts/vitest/sandbox-server";
import { createAuthorizer, createPlatform } from "../registry";
import { enqueueTicketPush } from "../push";
import { db } from "@/lib/db/client";
import { sandboxCodes, sandboxPlatforms } from "../schema";
import { eq } from "drizzle-orm";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

async function call(path: string, init: { method?: string; body?: unknown; token?: string; tokenParam?: string } = {}) {
  const url = new URL(sandbox.wechatBase + path);
  if (init.token) url.searchParams.set(init.tokenParam ?? "component_access_token", init.token);
  const res = await fetch(url, {
    method: init.method ?? "POST",
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function platformWithTicket() {
  const platform = await createPlatform();
  await enqueueTicketPush(platform.componentAppid);
  const [fresh] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
  return fresh!;
}

async function componentToken(p: Awaited<ReturnType<typeof platformWithTicket>>) {
  const { body } = await call("/cgi-bin/component/api_component_token", {
    body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket },
  });
  return body.component_access_token as string;
}

describe("authorization endpoints", () => {
  it("api_component_token answers the documented fields with no errcode, and needs the current ticket", async () => {
    const p = await platformWithTicket();
    const ok = await call("/cgi-bin/component/api_component_token", {
      body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket },
    });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(["component_access_token", "expires_in"]);
    expect(ok.body.expires_in).toBe(7200);

    const stale = await call("/cgi-bin/component/api_component_token", {
      body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: "ticket@@@old" },
    });
    expect(stale.body.errcode).toBe(61006);
    expect(String(stale.body.errmsg)).toMatch(/^component ticket is invalid rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);

    await db.update(sandboxPlatforms).set({ verifyTicketAt: new Date(Date.now() - 13 * 3600_000) }).where(eq(sandboxPlatforms.componentAppid, p.componentAppid));
    const expired = await call("/cgi-bin/component/api_component_token", {
      body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket },
    });
    expect(expired.body.errcode).toBe(61005);

    const badSecret = await call("/cgi-bin/component/api_component_token", {
      body: { component_appid: p.componentAppid, component_appsecret: "nope", component_verify_ticket: p.verifyTicket },
    });
    expect(badSecret.body.errcode).toBe(40125);
  });

  it("applies the envelope rules: GET on a POST api is 43002, empty body 44002, bad JSON 47001, no token 41001", async () => {
    const p = await platformWithTicket();
    const token = await componentToken(p);
    expect((await call("/cgi-bin/component/api_create_preauthcode", { method: "GET", token })).body.errcode).toBe(43002);
    expect((await call("/cgi-bin/component/api_create_preauthcode", { token })).body.errcode).toBe(44002);
    expect((await call("/cgi-bin/component/api_create_preauthcode", { token, body: "{not json" })).body.errcode).toBe(47001);
    expect((await call("/cgi-bin/component/api_create_preauthcode", { body: { component_appid: p.componentAppid } })).body.errcode).toBe(41001);
    const both = await call("/cgi-bin/component/api_create_preauthcode", { token, tokenParam: "access_token", body: { component_appid: p.componentAppid } });
    expect(both.body.pre_auth_code).toMatch(/^preauthcode@@@/);
    expect(both.body.expires_in).toBe(600);
  });

  it("query_auth exchanges a one-time code; authorizer_token refreshes; a wrong refresh token is 61023", async () => {
    const p = await platformWithTicket();
    const token = await componentToken(p);
    const a = await createAuthorizer({ componentAppid: p.componentAppid });
    await db.insert(sandboxCodes).values({ code: "queryauthcode@@@test-" + a.appid, kind: "auth", componentAppid: p.componentAppid, authorizerAppid: a.appid, expiresAt: new Date(Date.now() + 60_000) });
    const q = await call("/cgi-bin/component/api_query_auth", { token, body: { component_appid: p.componentAppid, authorization_code: "queryauthcode@@@test-" + a.appid } });
    const info = q.body.authorization_info as Record<string, unknown>;
    expect(info.authorizer_appid).toBe(a.appid);
    expect(info.authorizer_refresh_token).toBe(a.refreshToken);
    expect(info.func_info).toContainEqual({ funcscope_category: { id: 18 } });
    const again = await call("/cgi-bin/component/api_query_auth", { token, body: { component_appid: p.componentAppid, authorization_code: "queryauthcode@@@test-" + a.appid } });
    expect(again.body.errcode).toBe(61009);

    const refreshed = await call("/cgi-bin/component/api_authorizer_token", {
      token,
      body: { component_appid: p.componentAppid, authorizer_appid: a.appid, authorizer_refresh_token: a.refreshToken },
    });
    expect(refreshed.body.authorizer_refresh_token).toBe(a.refreshToken);
    expect(refreshed.body.authorizer_access_token).not.toBe(info.authorizer_access_token);
    const wrong = await call("/cgi-bin/component/api_authorizer_token", {
      token,
      body: { component_appid: p.componentAppid, authorizer_appid: a.appid, authorizer_refresh_token: "refreshtoken@@@wrong" },
    });
    expect(wrong.body.errcode).toBe(61023);

    // An authorizer token is refused on a component API.
    const misuse = await call("/cgi-bin/component/api_create_preauthcode", { token: refreshed.body.authorizer_access_token as string, body: { component_appid: p.componentAppid } });
    expect(misuse.body.errcode).toBe(61014);
  });

  it("get_authorizer_list caps count at 500 and pages in authorization order", async () => {
    const p = await platformWithTicket();
    const token = await componentToken(p);
    for (let i = 0; i < 3; i++) await createAuthorizer({ componentAppid: p.componentAppid });
    const tooMany = await call("/cgi-bin/component/api_get_authorizer_list", { token, body: { component_appid: p.componentAppid, offset: 0, count: 501 } });
    expect(tooMany.body.errcode).toBe(40170);
    const page = await call("/cgi-bin/component/api_get_authorizer_list", { token, body: { component_appid: p.componentAppid, offset: 1, count: 2 } });
    expect(page.body.total_count).toBe(3);
    expect((page.body.list as unknown[]).length).toBe(2);
  });
});

describe("authorizer info and options", () => {
  it("api_get_authorizer_info answers authorizer_info and authorization_info without an access token", async () => {
    const p = await platformWithTicket();
    const token = await componentToken(p);
    const a = await createAuthorizer({ componentAppid: p.componentAppid, nickname: "云帆小铺", principalName: "云帆科技有限公司" });
    const { body } = await call("/cgi-bin/component/api_get_authorizer_info", { token, body: { component_appid: p.componentAppid, authorizer_appid: a.appid } });
    const info = body.authorizer_info as Record<string, unknown>;
    expect(info).toMatchObject({ nick_name: "云帆小铺", principal_name: "云帆科技有限公司", user_name: a.userName, service_type_info: { id: 0 }, account_status: 1 });
    expect((info.MiniProgramInfo as { categories: unknown[] }).categories).toEqual([
      { first: "工具", second: "效率" },
      { first: "商业服务", second: "会展服务" },
    ]);
    const authorization = body.authorization_info as Record<string, unknown>;
    expect(authorization.authorizer_refresh_token).toBe(a.refreshToken);
    expect(authorization).not.toHaveProperty("authorizer_access_token");
    const unknown = await call("/cgi-bin/component/api_get_authorizer_info", { token, body: { component_appid: p.componentAppid, authorizer_appid: "wx0000000000000000" } });
    expect(unknown.body.errcode).toBe(61003);
  });

  it("get/set_authorizer_option (both path generations) store string values and refuse bad names and values", async () => {
    const p = await platformWithTicket();
    const token = await componentToken(p);
    const a = await createAuthorizer({ componentAppid: p.componentAppid });
    const base = { component_appid: p.componentAppid, authorizer_appid: a.appid };
    const set = await call("/cgi-bin/component/set_authorizer_option", { token, body: { ...base, option_name: "voice_recognize", option_value: "1" } });
    expect(set.body).toMatchObject({ errcode: 0, errmsg: "ok" });
    const got = await call("/cgi-bin/component/api_get_authorizer_option", { token, body: { ...base, option_name: "voice_recognize" } });
    expect(got.body).toMatchObject({ authorizer_appid: a.appid, option_name: "voice_recognize", option_value: "1" });
    expect((await call("/cgi-bin/component/get_authorizer_option", { token, body: { ...base, option_name: "nope" } })).body.errcode).toBe(61012);
    expect((await call("/cgi-bin/component/api_set_authorizer_option", { token, body: { ...base, option_name: "location_report", option_value: "7" } })).body.errcode).toBe(61013);
  });

  it("api_start_push_ticket needs the platform's secret and replaces the ticket", async () => {
    const p = await platformWithTicket();
    const wrong = await call("/cgi-bin/component/api_start_push_ticket", { body: { component_appid: p.componentAppid, component_secret: "wrong" } });
    expect(wrong.body.errcode).toBe(40125);
    const ok = await call("/cgi-bin/component/api_start_push_ticket", { body: { component_appid: p.componentAppid, component_secret: p.componentAppsecret } });
    expect(ok.body).toMatchObject({ errcode: 0, errmsg: "ok" });
    const [after] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, p.componentAppid));
    expect(after!.verifyTicket).not.toBe(p.verifyTicket);
    // The previous ticket is no longer accepted.
    const old = await call("/cgi-bin/component/api_component_token", {
      body: { component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket },
    });
    expect(old.body.errcode).toBe(61006);
  });
});
