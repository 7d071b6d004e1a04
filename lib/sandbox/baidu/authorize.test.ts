// First: this file's APP_URL is a local recorder, the only origin the sandbox pushes to.
import { appUrl, onRequest, type Received } from "@/scripts/vitest/app-url-server";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { openBaiduPush } from "@/scripts/vitest/baidu-push";
import { deliverDuePushes } from "../push";
import { createBaiduApp } from "./registry";
import { sandboxBaiduApps } from "./schema";

const baidu = baiduHarness();
let received: Received[] = [];
onRequest((req) => {
  received.push(req);
  return { body: "success" };
});

const PAGE = "/mappconsole/tp/authorization";
const redirectUri = `${appUrl}/tenants/authorize/callback?platform=baidu`;

async function preAuth() {
  const platform = await baidu.platformWithTicket();
  const tp = await baidu.tpToken(platform);
  const { body } = await baidu.call("/rest/2.0/smartapp/tp/createpreauthcode", { method: "GET", token: tp });
  return { platform, tp, code: body.data.pre_auth_code as string };
}

const pageUrl = (params: Record<string, string>) => `${baidu.base}${PAGE}?${new URLSearchParams(params)}`;
const confirm = (fields: Record<string, string>) =>
  fetch(`${baidu.base}${PAGE}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

describe("the authorization page", () => {
  it("shows the platform's smart programs, escapes them, and refuses bad parameters", async () => {
    const { platform, code } = await preAuth();
    await createBaiduApp({ clientId: platform.clientId, appName: "<b>店铺</b>" });
    const res = await fetch(pageUrl({ client_id: platform.clientId, pre_auth_code: code, redirect_uri: redirectUri }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("&#60;b&#62;店铺&#60;/b&#62;");
    expect(html).not.toContain("<b>店铺");
    expect(html).toContain(`name="pre_auth_code" value="${code}"`);
    const problem = async (params: Record<string, string>) => {
      const r = await fetch(pageUrl(params));
      return [r.status, /data-problem="(\w+)"/.exec(await r.text())?.[1]];
    };
    expect(await problem({ client_id: platform.clientId, redirect_uri: redirectUri })).toEqual([400, "missingParams"]);
    expect(await problem({ client_id: platform.clientId, pre_auth_code: code, redirect_uri: "javascript:alert(1)" })).toEqual([400, "invalidRedirect"]);
    expect(await problem({ client_id: "nobody", pre_auth_code: code, redirect_uri: redirectUri })).toEqual([400, "unknownPlatform"]);
    expect(await problem({ client_id: platform.clientId, pre_auth_code: "preauthcode.nope", redirect_uri: redirectUri })).toEqual([400, "invalidCode"]);
  });

  it("confirming redirects with authorization_code and expires_in, pushes AUTHORIZED, and the code is exchangeable once", async () => {
    const { platform, tp, code } = await preAuth();
    const app = await createBaiduApp({ clientId: platform.clientId, authorized: false });
    await deliverDuePushes();
    received = [];
    const res = await confirm({ client_id: platform.clientId, pre_auth_code: code, redirect_uri: redirectUri, choice: String(app.appId) });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(`${appUrl}/tenants/authorize/callback`);
    expect(location.searchParams.get("platform")).toBe("baidu");
    expect(location.searchParams.get("expires_in")).toBe("3600");
    const authorizationCode = location.searchParams.get("authorization_code")!;
    expect(authorizationCode).toMatch(/^authcode\./);

    await deliverDuePushes();
    const auth = received.filter((r) => r.path === `/api/baidu/${platform.clientId}/auth`).map((r) => openBaiduPush(r.body.toString("utf8"), platform));
    expect(auth).toHaveLength(1);
    expect(auth[0]!.signatureOk).toBe(true);
    expect(auth[0]!.message).toMatchObject({ appId: app.appId, tpAppId: platform.tpAppId, event: "AUTHORIZED", authorizationCode, authorizationCodeExpiresIn: 3600 });

    const exchange = () => baidu.call("/rest/2.0/oauth/token", { method: "GET", token: tp, params: { code: authorizationCode, grant_type: "app_to_tp_authorization_code" } });
    const first = await exchange();
    expect(first.status).toBe(200);
    const [row] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, app.appId));
    expect(row!.authorized).toBe(true);
    expect(row!.refreshToken).toBe(first.body.refresh_token);
    expect((await exchange()).body.error).toBe("invalid_grant");
  });

  it("the pre-auth code is single use; an authorized program gets UPDATE_AUTHORIZED; a new one can be created", async () => {
    const { platform, code } = await preAuth();
    const app = await createBaiduApp({ clientId: platform.clientId });
    const fields = { client_id: platform.clientId, pre_auth_code: code, redirect_uri: redirectUri, choice: String(app.appId) };
    const [a, b] = await Promise.all([confirm(fields), confirm(fields)]);
    expect([a.status, b.status].sort()).toEqual([303, 400]);
    received = [];
    await deliverDuePushes();
    const events = received.map((r) => openBaiduPush(r.body.toString("utf8"), platform).message);
    // The ticket push of the platform's creation (MsgType ticket) aside, one authorization event.
    expect(events.filter((e) => e.MsgType !== "ticket").map((e) => e.event)).toEqual(["UPDATE_AUTHORIZED"]);

    const again = await preAuth();
    const created = await confirm({ client_id: again.platform.clientId, pre_auth_code: again.code, redirect_uri: redirectUri, choice: "new", new_app_name: "新店" });
    expect(created.status).toBe(303);
    const [row] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.clientId, again.platform.clientId));
    expect([row!.appName, row!.authorized, row!.refreshToken]).toEqual(["新店", true, null]);
    const other = await preAuth();
    const foreign = await confirm({ client_id: other.platform.clientId, pre_auth_code: other.code, redirect_uri: redirectUri, choice: String(app.appId) });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('data-problem="unknownApp"');
  });
});
