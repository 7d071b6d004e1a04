import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { createBaiduApp } from "./registry";
import { sandboxBaiduApps, sandboxBaiduTokens } from "./schema";
import { updateBaiduSettings } from "./settings";
import { unauthorizeApp } from "./api/auth";

const baidu = baiduHarness();
const TP_TOKEN = "/public/2.0/smartapp/auth/tp/token";
const OAUTH = "/rest/2.0/oauth/token";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("TP token (client_id + pushed ticket, 30 days)", () => {
  it("answers the errno envelope with a 30-day token", async () => {
    const platform = await baidu.platformWithTicket();
    const { status, body } = await baidu.call(TP_TOKEN, { method: "GET", params: { client_id: platform.clientId, ticket: platform.ticket! } });
    expect(status).toBe(200);
    expect(body.errno).toBe(0);
    expect(body.msg).toBe("success");
    expect(body.data.expires_in).toBe(2_592_000);
    expect(typeof body.data.scope).toBe("string");
    const [row] = await db.select().from(sandboxBaiduTokens).where(eq(sandboxBaiduTokens.token, body.data.access_token));
    expect(row!.kind).toBe("tp");
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(2_591_000_000);
  });

  it("refuses a wrong or old ticket, a missing parameter and POST", async () => {
    const platform = await baidu.platformWithTicket();
    const wrong = await baidu.call(TP_TOKEN, { method: "GET", params: { client_id: platform.clientId, ticket: "ticket.nope" } });
    expect(wrong.body).toEqual({ errno: 60011, msg: "client_id or ticket invalid" });
    const missing = await baidu.call(TP_TOKEN, { method: "GET", params: { client_id: platform.clientId } });
    expect(missing.body.errno).toBe(40001);
    const post = await baidu.call(TP_TOKEN, { method: "POST", params: { client_id: platform.clientId, ticket: platform.ticket! } });
    expect(post.body.errno).toBe(60405);
    // A newer push replaces the ticket: the old one stops working.
    const newer = await baidu.platformWithTicket();
    const { enqueueBaiduTicket } = await import("./push");
    await enqueueBaiduTicket(newer.clientId);
    const old = await baidu.call(TP_TOKEN, { method: "GET", params: { client_id: newer.clientId, ticket: newer.ticket! } });
    expect(old.body.errno).toBe(60011);
  });
});

describe("pre-auth code and token rules", () => {
  it("createpreauthcode answers a code valid 1200 s with the TP token only", async () => {
    const { platform, token } = await baidu.appWithToken();
    const tp = await baidu.tpToken(platform);
    const ok = await baidu.call("/rest/2.0/smartapp/tp/createpreauthcode", { method: "GET", token: tp });
    expect(ok.body.errno).toBe(0);
    expect(ok.body.data.expires_in).toBe(1200);
    expect(ok.body.data.pre_auth_code).toMatch(/^preauthcode\./);
    expect((await baidu.call("/rest/2.0/smartapp/tp/createpreauthcode", { method: "GET", token })).body).toEqual({ errno: 110, msg: "access token invalid or no longer valid" });
    expect((await baidu.call("/rest/2.0/smartapp/tp/createpreauthcode", { method: "GET" })).body.errno).toBe(110);
    await db.update(sandboxBaiduTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sandboxBaiduTokens.token, tp));
    expect((await baidu.call("/rest/2.0/smartapp/tp/createpreauthcode", { method: "GET", token: tp })).body).toEqual({ errno: 111, msg: "access token expired" });
  });

  it("an app token lives appTokenTtlSeconds (1 h by default), then answers 111", async () => {
    const { platform, app, tp } = await baidu.appWithToken();
    await updateBaiduSettings({ appTokenTtlSeconds: 1 });
    try {
      const tokens = await baidu.appTokens(platform, app, tp);
      expect(tokens.expires_in).toBe(1);
      expect((await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token: tokens.access_token })).body.errno).toBe(0);
      await sleep(1100);
      expect((await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token: tokens.access_token })).body.errno).toBe(111);
    } finally {
      await updateBaiduSettings({ appTokenTtlSeconds: 3600 });
    }
  });
});

describe("OAuth exchange and refresh (/rest/2.0/oauth/token)", () => {
  it("exchanges a code once: bare answer, 1 h token; a second use is invalid_grant", async () => {
    const platform = await baidu.platformWithTicket();
    const app = await createBaiduApp({ clientId: platform.clientId });
    const tp = await baidu.tpToken(platform);
    const { body: recovered } = await baidu.call("/rest/2.0/smartapp/auth/retrieve/authorizationcode", { token: tp, params: { app_id: app.appId } });
    expect(recovered.errno).toBe(0);
    expect(recovered.data.expires_in).toBe(18_000);
    const params = { code: recovered.data.authorization_code, grant_type: "app_to_tp_authorization_code" };
    const first = await baidu.call(OAUTH, { method: "GET", token: tp, params });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(["access_token", "expires_in", "refresh_token"]);
    expect(first.body.expires_in).toBe(3600);
    expect(first.body.access_token).toMatch(/^45\./);
    expect(first.body.refresh_token).toMatch(/^46\./);
    const again = await baidu.call(OAUTH, { method: "GET", token: tp, params });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
    expect(typeof again.body.error_description).toBe("string");
    const info = await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token: first.body.access_token });
    expect(info.body.data.app_id).toBe(app.appId);
    expect(info.body.data.app_name).toBe(app.appName);
    expect(info.body.data.status).toBe(1);
  });

  it("a refresh token is single use: the refresh kills it, a second use is invalid_grant, the new one works", async () => {
    const { refreshToken, tp } = await baidu.appWithToken();
    const refresh = (token: string) => baidu.call(OAUTH, { method: "GET", token: tp, params: { refresh_token: token, grant_type: "app_to_tp_refresh_token" } });
    const first = await refresh(refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(refreshToken);
    const reused = await refresh(refreshToken);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ error: "invalid_grant", error_description: "refresh token invalid, revoked or already used" });
    const next = await refresh(first.body.refresh_token);
    expect(next.status).toBe(200);
    expect((await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token: next.body.access_token })).body.errno).toBe(0);
  });

  it("of concurrent refreshes with one token exactly one wins, and the stored token is the winner's", async () => {
    const { app, refreshToken, tp } = await baidu.appWithToken();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => baidu.call(OAUTH, { method: "GET", token: tp, params: { refresh_token: refreshToken, grant_type: "app_to_tp_refresh_token" } })),
    );
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.body.error === "invalid_grant")).toHaveLength(5);
    const [row] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, app.appId));
    expect(row!.refreshToken).toBe(winners[0]!.body.refresh_token);
  });

  it("refuses a bad TP token (invalid_client), a missing parameter (invalid_request) and another grant type", async () => {
    const { tp, refreshToken } = await baidu.appWithToken();
    const badClient = await baidu.call(OAUTH, { method: "GET", token: "tp.nope.nope.nope", params: { refresh_token: refreshToken, grant_type: "app_to_tp_refresh_token" } });
    expect([badClient.status, badClient.body.error]).toEqual([400, "invalid_client"]);
    const missing = await baidu.call(OAUTH, { method: "GET", token: tp, params: { grant_type: "app_to_tp_refresh_token" } });
    expect(missing.body.error).toBe("invalid_request");
    const other = await baidu.call(OAUTH, { method: "GET", token: tp, params: { grant_type: "client_credentials" } });
    expect(other.body.error).toBe("unsupported_grant_type");
  });

  it("after unauthorization: the refresh token and access tokens are dead and code recovery answers 50032", async () => {
    const { app, token, refreshToken, tp } = await baidu.appWithToken();
    expect(await unauthorizeApp(app.appId)).toBe(app.clientId);
    expect((await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token })).body.errno).toBe(110);
    const refreshed = await baidu.call(OAUTH, { method: "GET", token: tp, params: { refresh_token: refreshToken, grant_type: "app_to_tp_refresh_token" } });
    expect(refreshed.body.error).toBe("invalid_grant");
    const recovered = await baidu.call("/rest/2.0/smartapp/auth/retrieve/authorizationcode", { token: tp, params: { app_id: app.appId } });
    expect(recovered.body).toEqual({ errno: 50032, msg: "没有授权关系" });
    // The TP token is not a smart-program credential.
    expect((await baidu.call("/rest/2.0/smartapp/app/info", { method: "GET", token: tp })).body.errno).toBe(110);
  });
});
