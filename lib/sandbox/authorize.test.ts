import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { startSandboxServer, type SandboxServer } from "@/scripts/vitest/sandbox-server";
import { AuthorizeRefused, buildRedirectUrl, completeAuthorization, searchAuthorizers, validateAuthorizeRequest } from "./authorize";
import { enqueueTicketPush } from "./push";
import { createAuthorizer, createPlatform, DEFAULT_FUNC_INFO } from "./registry";
import { sandboxAuthorizers, sandboxCodes, sandboxPlatforms, sandboxPushes, sandboxTokens } from "./schema";
import { issueAuthorizerToken } from "./tokens";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

async function platformWithTicket() {
  const platform = await createPlatform({ name: "云帆第三方平台" });
  await enqueueTicketPush(platform.componentAppid);
  const [fresh] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
  return fresh!;
}

let codeSeq = 0;
async function preAuthCode(componentAppid: string, options: { expiresInMs?: number; usedAt?: Date } = {}) {
  const code = `preauthcode@@@test-${Date.now()}-${codeSeq++}`;
  await db.insert(sandboxCodes).values({
    code,
    kind: "pre_auth",
    componentAppid,
    expiresAt: new Date(Date.now() + (options.expiresInMs ?? 600_000)),
    usedAt: options.usedAt ?? null,
  });
  return code;
}

const params = (componentAppid: string, code: string, extra: Record<string, string> = {}) => ({
  component_appid: componentAppid,
  pre_auth_code: code,
  redirect_uri: "https://console.example.com/tenants/callback?account=42",
  auth_type: "2",
  ...extra,
});

const codeRow = async (code: string) => (await db.select().from(sandboxCodes).where(eq(sandboxCodes.code, code)))[0]!;
const authorizerRow = async (appid: string) => (await db.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, appid)))[0]!;
const pushesOf = (componentAppid: string) =>
  db.select().from(sandboxPushes).where(eq(sandboxPushes.componentAppid, componentAppid)).orderBy(sandboxPushes.id);
const authPushes = async (componentAppid: string) => (await pushesOf(componentAppid)).filter((p) => p.kind !== "component_verify_ticket");

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AuthorizeRefused);
  return error as AuthorizeRefused;
}

describe("validateAuthorizeRequest", () => {
  it("accepts the page's parameters, ignores the H5 extras and defaults the permission sets", async () => {
    const p = await platformWithTicket();
    const code = await preAuthCode(p.componentAppid);
    const result = await validateAuthorizeRequest(params(p.componentAppid, code, { action: "bindcomponent", no_scan: "1" }));
    expect(result).toEqual({
      ok: true,
      request: {
        componentAppid: p.componentAppid,
        platformName: "云帆第三方平台",
        preAuthCode: code,
        redirectUri: "https://console.example.com/tenants/callback?account=42",
        authType: 2,
        bizAppid: null,
        funcInfo: DEFAULT_FUNC_INFO,
        funcInfoIsDefault: true,
      },
    });
    const listed = await validateAuthorizeRequest(params(p.componentAppid, code, { category_id_list: "18|3|18|86" }));
    expect(listed.ok && listed.request.funcInfo).toEqual([18, 3, 86]);
  });

  it.each([
    [{ component_appid: "" }, "missingParams"],
    [{ redirect_uri: "" }, "invalidRedirect"],
    [{ redirect_uri: "/relative/path" }, "invalidRedirect"],
    [{ redirect_uri: "javascript:alert(1)" }, "invalidRedirect"],
    [{ auth_type: "" }, "invalidAuthType"],
    [{ auth_type: "9" }, "invalidAuthType"],
    [{ auth_type: "1" }, "unsupportedAuthType"],
    [{ category_id_list: "18|abc" }, "invalidCategories"],
    [{ category_id_list: "|" }, "invalidCategories"],
    [{ component_appid: "wx0000000000000000" }, "unknownPlatform"],
    [{ biz_appid: "wx1111111111111111" }, "unknownBizAppid"],
  ])("refuses %j with %s", async (override, problem) => {
    const p = await platformWithTicket();
    const code = await preAuthCode(p.componentAppid);
    expect(await validateAuthorizeRequest(params(p.componentAppid, code, override))).toEqual({ ok: false, problem });
  });

  it("refuses unknown, foreign, expired and used codes", async () => {
    const p = await platformWithTicket();
    const other = await platformWithTicket();
    const check = async (code: string) => validateAuthorizeRequest(params(p.componentAppid, code));
    expect(await check("preauthcode@@@nope")).toEqual({ ok: false, problem: "invalidCode" });
    expect(await check(await preAuthCode(other.componentAppid))).toEqual({ ok: false, problem: "invalidCode" });
    expect(await check(await preAuthCode(p.componentAppid, { expiresInMs: -1000 }))).toEqual({ ok: false, problem: "expiredCode" });
    expect(await check(await preAuthCode(p.componentAppid, { usedAt: new Date() }))).toEqual({ ok: false, problem: "usedCode" });
  });

  it("lets biz_appid stand without auth_type, and search lists only that mini-program", async () => {
    const p = await platformWithTicket();
    const mine = await createAuthorizer({ componentAppid: p.componentAppid, nickname: "鲜果时光" });
    await createAuthorizer({ componentAppid: p.componentAppid, nickname: "老城根火锅" });
    const code = await preAuthCode(p.componentAppid);
    const result = await validateAuthorizeRequest(params(p.componentAppid, code, { auth_type: "", biz_appid: mine.appid }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.bizAppid).toBe(mine.appid);
    expect((await searchAuthorizers(result.request)).map((a) => a.appid)).toEqual([mine.appid]);
    expect((await searchAuthorizers({ componentAppid: p.componentAppid, bizAppid: null }, "火锅")).map((a) => a.nickname)).toEqual(["老城根火锅"]);
    expect(await searchAuthorizers({ componentAppid: p.componentAppid, bizAppid: null }, "%")).toEqual([]);
  });
});

describe("buildRedirectUrl", () => {
  it("appends auth_code and expires_in=600 and keeps the redirect_uri's own parameters and fragment", () => {
    const url = new URL(buildRedirectUrl("https://c.example.com/cb?next=%2Ftenants&x=1#top", "queryauthcode@@@abc+/="));
    expect(url.origin + url.pathname).toBe("https://c.example.com/cb");
    expect(Object.fromEntries(url.searchParams)).toEqual({ next: "/tenants", x: "1", auth_code: "queryauthcode@@@abc+/=", expires_in: "600" });
    expect(url.hash).toBe("#top");
  });
});

describe("completeAuthorization", () => {
  it("registers a new mini-program, consumes the code once, queues `authorized` and the code works in api_query_auth", async () => {
    const p = await platformWithTicket();
    const code = await preAuthCode(p.componentAppid);
    const request = params(p.componentAppid, code, { category_id_list: "18|3" });
    const result = await completeAuthorization(request, { mode: "new", nickname: " 书香阁书店 ", principalName: "南京书香阁文化传播有限公司", categoryIds: [616, 652] });

    expect(result.created).toBe(true);
    expect(result.push).toBe("authorized");
    const redirect = new URL(result.redirectUrl);
    expect(redirect.searchParams.get("account")).toBe("42");
    expect(redirect.searchParams.get("auth_code")).toBe(result.authorizationCode);
    expect(redirect.searchParams.get("expires_in")).toBe("600");

    const a = await authorizerRow(result.appid);
    expect(a).toMatchObject({ componentAppid: p.componentAppid, nickname: "书香阁书店", principalName: "南京书香阁文化传播有限公司", authorized: true, funcInfo: [18, 3] });
    expect(a.categories.map((c) => c.second_id)).toEqual([616, 652]);
    expect(a.refreshToken).toMatch(/^refreshtoken@@@/);
    expect((await codeRow(code)).usedAt).toBeInstanceOf(Date);
    const auth = await codeRow(result.authorizationCode);
    expect(auth).toMatchObject({ kind: "auth", componentAppid: p.componentAppid, authorizerAppid: result.appid, usedAt: null });
    expect(Math.abs(auth.expiresAt.getTime() - (Date.now() + 3600_000))).toBeLessThan(10_000);

    const [push] = await authPushes(p.componentAppid);
    expect(push!.kind).toBe("authorized");
    expect(push!.url).toContain(`/api/wechat/${p.componentAppid}/auth-events?`);
    expect(push!.plaintext).toContain(`<AuthorizerAppid><![CDATA[${result.appid}]]></AuthorizerAppid>`);
    expect(push!.plaintext).toContain(`<AuthorizationCode><![CDATA[${result.authorizationCode}]]></AuthorizationCode>`);
    expect(push!.plaintext).toContain(`<PreAuthCode><![CDATA[${code}]]></PreAuthCode>`);
    expect(push!.plaintext).toContain(`<AuthorizationCodeExpiredTime>${Math.floor(auth.expiresAt.getTime() / 1000)}</AuthorizationCodeExpiredTime>`);

    // The same pre_auth_code again: refused, nothing new.
    const again = await refusal(completeAuthorization(request, { mode: "new", nickname: "再来一个", principalName: "某公司", categoryIds: [616] }));
    expect(again.problem).toBe("usedCode");
    expect(await db.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.componentAppid, p.componentAppid))).toHaveLength(1);

    // The console's next step (§1.1 step 6) over HTTP.
    const tokenRes = await fetch(`${sandbox.wechatBase}/cgi-bin/component/api_component_token`, {
      method: "POST",
      body: JSON.stringify({ component_appid: p.componentAppid, component_appsecret: p.componentAppsecret, component_verify_ticket: p.verifyTicket }),
    });
    const { component_access_token } = (await tokenRes.json()) as { component_access_token: string };
    const q = await fetch(`${sandbox.wechatBase}/cgi-bin/component/api_query_auth?component_access_token=${component_access_token}`, {
      method: "POST",
      body: JSON.stringify({ component_appid: p.componentAppid, authorization_code: result.authorizationCode }),
    });
    const info = ((await q.json()) as { authorization_info: Record<string, unknown> }).authorization_info;
    expect(info.authorizer_appid).toBe(result.appid);
    expect(info.authorizer_refresh_token).toBe(a.refreshToken);
    expect(info.func_info).toEqual([{ funcscope_category: { id: 18 } }, { funcscope_category: { id: 3 } }]);
  });

  it("re-authorizing with other sets rotates the refresh token, revokes access tokens and queues `updateauthorized`", async () => {
    const p = await platformWithTicket();
    const a = await createAuthorizer({ componentAppid: p.componentAppid, funcInfo: [17, 18, 19] });
    const other = await createAuthorizer({ componentAppid: p.componentAppid });
    await issueAuthorizerToken(p.componentAppid, a.appid, 7200);
    await issueAuthorizerToken(p.componentAppid, other.appid, 7200);

    const result = await completeAuthorization(params(p.componentAppid, await preAuthCode(p.componentAppid), { category_id_list: "18" }), { mode: "existing", appid: a.appid });
    expect(result).toMatchObject({ appid: a.appid, created: false, push: "updateauthorized" });
    const after = await authorizerRow(a.appid);
    expect(after.refreshToken).not.toBe(a.refreshToken);
    expect(after.funcInfo).toEqual([18]);
    expect(after.authTime.getTime()).toBeGreaterThan(a.authTime.getTime());
    expect(await db.select().from(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, a.appid))).toHaveLength(0);
    expect(await db.select().from(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, other.appid))).toHaveLength(1);
    expect((await authPushes(p.componentAppid)).map((x) => x.kind)).toEqual(["updateauthorized"]);
  });

  it("re-authorizing with the same sets still rotates the token and answers a code, but pushes nothing", async () => {
    const p = await platformWithTicket();
    const a = await createAuthorizer({ componentAppid: p.componentAppid });
    const result = await completeAuthorization(params(p.componentAppid, await preAuthCode(p.componentAppid)), { mode: "existing", appid: a.appid });
    expect(result.push).toBeNull();
    expect((await authorizerRow(a.appid)).refreshToken).not.toBe(a.refreshToken);
    expect((await codeRow(result.authorizationCode)).authorizerAppid).toBe(a.appid);
    expect(await authPushes(p.componentAppid)).toHaveLength(0);
  });

  it("an unauthorized mini-program authorizing again gets `authorized`", async () => {
    const p = await platformWithTicket();
    const a = await createAuthorizer({ componentAppid: p.componentAppid, authorized: false });
    const result = await completeAuthorization(params(p.componentAppid, await preAuthCode(p.componentAppid)), { mode: "existing", appid: a.appid });
    expect(result.push).toBe("authorized");
    expect(await authorizerRow(a.appid)).toMatchObject({ authorized: true, funcInfo: DEFAULT_FUNC_INFO });
  });

  it("refuses a bad choice without consuming the code", async () => {
    const p = await platformWithTicket();
    const foreign = await createAuthorizer({ componentAppid: (await platformWithTicket()).componentAppid });
    const code = await preAuthCode(p.componentAppid);
    const request = params(p.componentAppid, code);
    expect((await refusal(completeAuthorization(request, { mode: "existing", appid: foreign.appid }))).field).toBe("appid");
    expect((await refusal(completeAuthorization(request, { mode: "new", nickname: "花店", principalName: "某公司", categoryIds: [999] }))).field).toBe("categories");
    expect((await refusal(completeAuthorization(request, { mode: "new", nickname: "   ", principalName: "某公司", categoryIds: [616] }))).field).toBe("nickname");
    expect((await codeRow(code)).usedAt).toBeNull();
    expect(await authPushes(p.componentAppid)).toHaveLength(0);
  });

  it("with biz_appid only that mini-program may be authorized", async () => {
    const p = await platformWithTicket();
    const [named, other] = [await createAuthorizer({ componentAppid: p.componentAppid }), await createAuthorizer({ componentAppid: p.componentAppid })];
    const request = params(p.componentAppid, await preAuthCode(p.componentAppid), { biz_appid: named.appid });
    expect((await refusal(completeAuthorization(request, { mode: "existing", appid: other.appid }))).problem).toBe("unknownAppid");
    expect((await refusal(completeAuthorization(request, { mode: "new", nickname: "新的", principalName: "某公司", categoryIds: [616] }))).problem).toBe("invalidChoice");
    expect((await completeAuthorization(request, { mode: "existing", appid: named.appid })).appid).toBe(named.appid);
  });

  it("refuses an expired code and changes nothing", async () => {
    const p = await platformWithTicket();
    const a = await createAuthorizer({ componentAppid: p.componentAppid, authorized: false });
    const code = await preAuthCode(p.componentAppid, { expiresInMs: -1 });
    expect((await refusal(completeAuthorization(params(p.componentAppid, code), { mode: "existing", appid: a.appid }))).problem).toBe("expiredCode");
    expect(await authorizerRow(a.appid)).toMatchObject({ authorized: false, refreshToken: null });
    expect((await codeRow(code)).usedAt).toBeNull();
    expect(await db.select().from(sandboxCodes).where(and(eq(sandboxCodes.kind, "auth"), eq(sandboxCodes.componentAppid, p.componentAppid)))).toHaveLength(0);
  });

  it("two simultaneous confirmations with one code: exactly one succeeds", async () => {
    const p = await platformWithTicket();
    const a = await createAuthorizer({ componentAppid: p.componentAppid, authorized: false });
    const request = params(p.componentAppid, await preAuthCode(p.componentAppid));
    const outcomes = await Promise.allSettled([
      completeAuthorization(request, { mode: "existing", appid: a.appid }),
      completeAuthorization(request, { mode: "existing", appid: a.appid }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AuthorizeRefused).problem).toBe("usedCode");
    expect(await db.select().from(sandboxCodes).where(and(eq(sandboxCodes.kind, "auth"), eq(sandboxCodes.authorizerAppid, a.appid)))).toHaveLength(1);
  });
});
