import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { completeAuthorization } from "@/lib/sandbox/authorize";
import { createDraft } from "@/lib/sandbox/drafts";
import { DEFAULT_FUNC_INFO, getAuthorizer } from "@/lib/sandbox/registry";
import { sandboxPlatforms } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getComponentClient } from "./client";
import { permissionSetsOf } from "@/lib/platforms/wechat/schemas/auth";
import { createWorld, historyOf, oneCall, type World } from "@/scripts/vitest/wechat";

/** The platform's own calls (component_access_token) against the sandbox over HTTP, one happy path per method. */

const sandbox = sandboxHarness();
let world: World;

beforeAll(async () => {
  world = await createWorld(sandbox, { nickname: "组件测试小程序", principalName: "组件测试有限公司" });
  // Warm the component token so each test below can count exactly one upstream call per method.
  await world.component.getAuthorizerList({ offset: 0, count: 1 });
});

const platformRow = async () => (await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, world.platform.componentAppid)))[0]!;

describe("authorization", () => {
  it("creates a pre-auth code and builds the sandbox's authorization page for it (PC and H5)", async () => {
    const { pre_auth_code, expires_in } = await oneCall(() => world.component.createPreAuthCode());
    expect(pre_auth_code).toMatch(/^preauthcode@@@/);
    expect(expires_in).toBe(600);

    const pc = new URL(world.component.authorizationUrl({ pre_auth_code, redirect_uri: "http://localhost:3000/cb?x=1", auth_type: 2 }));
    expect(`${pc.origin}${pc.pathname}`).toBe(sandbox.wechatBase.replace(/\/wechat$/, "/authorize"));
    expect(Object.fromEntries(pc.searchParams)).toEqual({
      component_appid: world.account.appId,
      pre_auth_code,
      redirect_uri: "http://localhost:3000/cb?x=1",
      auth_type: "2",
    });

    const h5 = new URL(world.component.authorizationUrl({ variant: "h5", pre_auth_code, redirect_uri: "https://console.example.com/cb", biz_appid: world.authorizer.appid, category_id_list: [18, 3] }));
    expect(h5.searchParams.get("action")).toBe("bindcomponent");
    expect(h5.searchParams.get("no_scan")).toBe("1");
    expect(h5.searchParams.get("biz_appid")).toBe(world.authorizer.appid);
    expect(h5.searchParams.get("category_id_list")).toBe("18|3");
    expect(h5.hash).toBe("#wechat_redirect");
  });

  it("exchanges the authorization code from the page and returns the new refresh token and permission sets", async () => {
    // A world of its own: re-authorizing rotates the refresh token the shared world's tenant holds.
    const own = await createWorld(sandbox);
    const { url } = await own.component.createAuthorizationUrl({ redirect_uri: "http://localhost:3000/cb", auth_type: 2, category_id_list: [18, 3] });
    const page = new URL(url);
    expect(page.pathname).toBe("/sandbox/authorize");
    const done = await completeAuthorization(Object.fromEntries(page.searchParams), { mode: "existing", appid: own.authorizer.appid });

    const answer = await oneCall(() => own.component.queryAuth({ authorization_code: done.authorizationCode }));
    const info = answer.authorization_info;
    expect(info.authorizer_appid).toBe(own.authorizer.appid);
    expect(info.authorizer_refresh_token).toBe((await getAuthorizer(own.authorizer.appid))!.refreshToken);
    expect(info.authorizer_refresh_token).not.toBe(own.authorizer.refreshToken);
    expect(info.authorizer_access_token).toMatch(/^SBXA_/);
    expect(info.expires_in).toBe(7200);
    expect(permissionSetsOf(info.func_info)).toEqual([3, 18]);
  });

  it("reads the authorizer's info and granted permission sets", async () => {
    const answer = await oneCall(() => world.component.getAuthorizerInfo({ authorizer_appid: world.authorizer.appid }));
    expect(answer.authorizer_info).toMatchObject({
      nick_name: "组件测试小程序",
      principal_name: "组件测试有限公司",
      user_name: world.authorizer.userName,
      service_type_info: { id: 0 },
    });
    expect(answer.authorizer_info.MiniProgramInfo).toBeDefined();
    expect(answer.authorization_info.authorizer_appid).toBe(world.authorizer.appid);
    expect(permissionSetsOf(answer.authorization_info.func_info)).toEqual([...DEFAULT_FUNC_INFO].sort((a, b) => a - b));
  });

  it("lists authorizers with their refresh tokens", async () => {
    const answer = await oneCall(() => world.component.getAuthorizerList({ offset: 0, count: 500 }));
    expect(answer.total_count).toBe(1);
    expect(answer.list).toEqual([{ authorizer_appid: world.authorizer.appid, refresh_token: world.authorizer.refreshToken, auth_time: expect.any(Number) }]);
  });

  it("sets and reads an authorizer option", async () => {
    const target = { authorizer_appid: world.authorizer.appid, option_name: "location_report" as const };
    expect((await oneCall(() => world.component.getAuthorizerOption(target))).option_value).toBe("0");
    expect(await oneCall(() => world.component.setAuthorizerOption({ ...target, option_value: "2" }))).toMatchObject({ errcode: 0 });
    expect(await world.component.getAuthorizerOption(target)).toMatchObject({ authorizer_appid: world.authorizer.appid, option_name: "location_report", option_value: "2" });
  });

  it("asks for a verify ticket push (secret-based, no token)", async () => {
    const before = (await platformRow()).verifyTicket;
    expect(await oneCall(() => world.component.startPushTicket())).toMatchObject({ errcode: 0, errmsg: "ok" });
    expect((await platformRow()).verifyTicket).not.toBe(before);
  });

  it("points a real account at the real pages and refuses a non-https redirect there", () => {
    const real = getComponentClient({ ...world.account, apiBase: "https://api.weixin.qq.com" });
    const pc = real.authorizationUrl({ pre_auth_code: "preauthcode@@@x", redirect_uri: "https://console.example.com/cb" });
    expect(pc).toBe(
      `https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=${world.account.appId}&pre_auth_code=preauthcode%40%40%40x&redirect_uri=https%3A%2F%2Fconsole.example.com%2Fcb&auth_type=2`,
    );
    const h5 = real.authorizationUrl({ variant: "h5", pre_auth_code: "p", redirect_uri: "https://console.example.com/cb" });
    expect(h5.startsWith("https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&")).toBe(true);
    expect(() => real.authorizationUrl({ pre_auth_code: "p", redirect_uri: "http://console.example.com/cb" })).toThrow(/redirect_uri/);
  });
});

describe("template library", () => {
  it("lists drafts, adds one to the library, lists and deletes the template", async () => {
    const draft = await createDraft(world.platform.componentAppid, { userVersion: "V2.1", userDesc: "新版", pages: ["pages/index/index", "pages/a/a"] });

    const drafts = await oneCall(() => world.component.getTemplateDraftList());
    expect(drafts.draft_list).toEqual([expect.objectContaining({ draft_id: draft.draftId, user_version: "V2.1", user_desc: "新版", create_time: expect.any(Number) })]);

    expect(await oneCall(() => world.component.addToTemplate({ draft_id: draft.draftId }))).toMatchObject({ errcode: 0 });
    const list = await oneCall(() => world.component.getTemplateList({ template_type: 0 }));
    expect(list.template_list).toHaveLength(1);
    const template = list.template_list[0]!;
    expect(template).toMatchObject({ draft_id: draft.draftId, user_version: "V2.1", template_type: 0, category_list: [] });
    expect((await world.component.getTemplateList({ template_type: 1 })).template_list).toEqual([]);

    expect(await oneCall(() => world.component.deleteTemplate({ template_id: template.template_id }))).toMatchObject({ errcode: 0 });
    expect((await world.component.getTemplateList()).template_list).toEqual([]);
    expect((await historyOf("wxa.deletetemplate")).map((r) => r.request)).toEqual([
      { method: "POST", path: "/wxa/deletetemplate", body: { template_id: template.template_id } },
    ]);
  });
});

describe("clear_quota variants", () => {
  it("clears the platform's quota three ways and an authorizer's via v2, each spending one monthly clear", async () => {
    await oneCall(() => world.component.clearQuota());
    await oneCall(() => world.component.clearComponentQuota());
    await oneCall(() => world.component.clearQuotaV2());
    expect((await platformRow()).clearQuotaUsed).toBe(3);

    await oneCall(() => world.component.clearQuotaV2({ appid: world.authorizer.appid }));
    expect((await getAuthorizer(world.authorizer.appid))!.state.clearQuota?.used).toBe(1);
    expect((await platformRow()).clearQuotaUsed).toBe(3);
  });
});
