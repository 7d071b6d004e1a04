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
