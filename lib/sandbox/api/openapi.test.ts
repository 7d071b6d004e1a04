import { describe, expect, it } from "vitest";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { setQuota } from "../control-quota";
import { updateSettings } from "../settings";

const sandbox = sandboxHarness();

type Body = Record<string, unknown>;
const post = async (path: string, body?: unknown, token?: string) => (await sandbox.call(path, { body, token })).body as Body;
const ridIn = (errmsg: unknown) => /rid: ([\w-]+)$/.exec(String(errmsg))![1]!;

async function world() {
  const { platform, authorizer, token } = await sandbox.authorizerWithToken();
  return { platform, componentToken: await sandbox.componentToken(platform), appid: authorizer.appid, authorizerToken: token };
}

describe("getRidInfo and getApiQuota", () => {
  it("a refused call's rid opens the request the platform saw, token hidden, for its own account only", async () => {
    const w = await world();
    const refused = await post("/wxa/speedupaudit", { auditid: 424242 }, w.authorizerToken);
    expect(refused.errcode).not.toBe(0);
    const rid = ridIn(refused.errmsg);

    const info = await post("/cgi-bin/openapi/rid/get", { rid }, w.authorizerToken);
    expect(info.errcode).toBe(0);
    const request = info.request as Body;
    expect(request.request_url).toBe("/wxa/speedupaudit?access_token=ACCESS_TOKEN");
    expect(JSON.parse(String(request.request_body))).toEqual({ auditid: 424242 });
    expect(JSON.parse(String(request.response_body))).toEqual({ errcode: refused.errcode, errmsg: refused.errmsg });
    expect(Math.abs(Number(request.invoke_time) - Date.now() / 1000)).toBeLessThan(60);

    // Another account (the platform's own token) cannot read the mini-program's request; an unknown rid neither.
    expect((await post("/cgi-bin/openapi/rid/get", { rid }, w.componentToken)).errcode).toBe(40097);
    expect((await post("/cgi-bin/openapi/rid/get", { rid: "00000000-00000000-00000000" }, w.authorizerToken)).errcode).toBe(40097);
  });

  it("counts an API's calls per account and day, answers 45009 at the limit, and clear_quota starts the count again", async () => {
    const w = await world();
    await updateSettings({ apiDailyLimits: { "/wxa/queryquota": 2 } });
    const quota = async () => (await post("/cgi-bin/openapi/quota/get", { cgi_path: "/wxa/queryquota" }, w.authorizerToken)).quota;
    expect(await quota()).toEqual({ daily_limit: 2, used: 0, remain: 2 });

    expect((await sandbox.call("/wxa/queryquota", { method: "GET", token: w.authorizerToken })).body.errcode).toBe(0);
    expect(await quota()).toEqual({ daily_limit: 2, used: 1, remain: 1 });
    expect((await sandbox.call("/wxa/queryquota", { method: "GET", token: w.authorizerToken })).body.errcode).toBe(0);
    expect((await sandbox.call("/wxa/queryquota", { method: "GET", token: w.authorizerToken })).body.errcode).toBe(45009);
    expect(await quota()).toEqual({ daily_limit: 2, used: 2, remain: 0 });

    expect((await post("/cgi-bin/clear_quota", { appid: w.appid }, w.authorizerToken)).errcode).toBe(0);
    expect(await quota()).toEqual({ daily_limit: 2, used: 0, remain: 2 });
  });

  it("the control surface sets an account's count, and getApiQuota refuses bad and foreign paths", async () => {
    const w = await world();
    await setQuota({ api: { account: w.platform.componentAppid, cgi_path: "/wxa/gettemplatelist", used: 7 } });
    const q = await post("/cgi-bin/openapi/quota/get", { cgi_path: "/wxa/gettemplatelist" }, w.componentToken);
    expect((q.quota as Body).used).toBe(7);
    expect((await post("/cgi-bin/openapi/quota/get", { cgi_path: "wxa/commit" }, w.authorizerToken)).errcode).toBe(76003);
    expect((await post("/cgi-bin/openapi/quota/get", { cgi_path: "/wxa/nope" }, w.authorizerToken)).errcode).toBe(76021);
    // A component API's count is asked with the component token.
    expect((await post("/cgi-bin/openapi/quota/get", { cgi_path: "/wxa/gettemplatelist" }, w.authorizerToken)).errcode).toBe(76022);
  });

  it("the control surface sets the monthly audit quotas queryquota answers", async () => {
    const w = await world();
    await setQuota({ component_appid: w.platform.componentAppid, audit_limit: 30, audit_used: 4, speedup_limit: 5, speedup_used: 5 });
    const q = (await sandbox.call("/wxa/queryquota", { method: "GET", token: w.authorizerToken })).body;
    expect([q.rest, q.limit, q.speedup_rest, q.speedup_limit]).toEqual([26, 30, 0, 5]);
  });
});
