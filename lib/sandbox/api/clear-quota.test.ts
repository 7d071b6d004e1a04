import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { getAuthorizer } from "../registry";
import { sandboxPlatforms } from "../schema";
import { chinaMonth, mutateState } from "../state";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { CLEAR_QUOTA_MONTHLY_LIMIT } from "./clear-quota";

const sandbox = sandboxHarness();

type Body = Record<string, unknown>;
const post = async (path: string, body?: unknown, token?: string, tokenParam: "access_token" | "component_access_token" = "access_token") =>
  (await sandbox.call(path, { body, token, tokenParam })).body;

const platformRow = async (componentAppid: string) =>
  (await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid)))[0]!;

/** A platform with its component token, and one authorized mini-program with its authorizer token. */
async function world() {
  const { platform, authorizer, token } = await sandbox.authorizerWithToken();
  return {
    componentAppid: platform.componentAppid,
    secret: platform.componentAppsecret,
    componentToken: await sandbox.componentToken(platform),
    appid: authorizer.appid,
    authorizerToken: token,
  };
}

const OK = { errcode: 0, errmsg: "ok" };

describe("clear_quota", () => {
  it("/cgi-bin/clear_quota with the component token clears the platform's own quota (documented example body)", async () => {
    const w = await world();
    expect(await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)).toEqual(OK);
    const p = await platformRow(w.componentAppid);
    expect([p.clearQuotaUsed, p.quotaMonth]).toEqual([1, chinaMonth()]);
    // The authorizer's allowance is its own and untouched.
    expect((await getAuthorizer(w.appid))!.state.clearQuota).toBeUndefined();
  });

  it("/cgi-bin/clear_quota with an authorizer token clears that mini-program, counted in its state", async () => {
    const w = await world();
    expect(await post("/cgi-bin/clear_quota", { appid: w.appid }, w.authorizerToken)).toEqual(OK);
    expect((await getAuthorizer(w.appid))!.state.clearQuota).toEqual({ month: chinaMonth(), used: 1 });
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(0);
  });

  it("/cgi-bin/clear_quota: 40013 when appid is not the token's own account, 41002 without it", async () => {
    const w = await world();
    expect((await post("/cgi-bin/clear_quota", { appid: w.appid }, w.componentToken)).errcode).toBe(40013);
    expect((await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.authorizerToken)).errcode).toBe(40013);
    expect((await post("/cgi-bin/clear_quota", {}, w.componentToken)).errcode).toBe(41002);
    expect((await post("/cgi-bin/clear_quota", { appid: w.appid })).errcode).toBe(41001);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(0);
  });

  it(`allows ${CLEAR_QUOTA_MONTHLY_LIMIT} clears per month per account across every variant, then 48006`, async () => {
    const w = await world();
    for (let i = 0; i < 4; i++) expect((await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)).errcode).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect((await post("/cgi-bin/component/clear_quota/v2", { component_appid: w.componentAppid, appsecret: w.secret })).errcode).toBe(0);
    }
    for (let i = 0; i < 3; i++) {
      expect((await post("/cgi-bin/component/clear_quota", { component_appid: w.componentAppid }, w.componentToken, "component_access_token")).errcode).toBe(0);
    }
    const refused = await post("/cgi-bin/component/clear_quota/v2", { component_appid: w.componentAppid, appsecret: w.secret });
    expect(refused.errcode).toBe(48006);
    expect(String(refused.errmsg)).toMatch(/^forbid to clear quota because of reaching the limit rid: /);
    expect((await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)).errcode).toBe(48006);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(CLEAR_QUOTA_MONTHLY_LIMIT);
    // The authorizer still has its own ten.
    expect((await post("/cgi-bin/clear_quota", { appid: w.appid }, w.authorizerToken)).errcode).toBe(0);
  });

  it("concurrent clears never exceed the monthly allowance", async () => {
    const w = await world();
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)),
    );
    expect(answers.filter((a) => a.errcode === 0)).toHaveLength(CLEAR_QUOTA_MONTHLY_LIMIT);
    expect(answers.filter((a) => a.errcode === 48006)).toHaveLength(5);
  });

  it("a new China month starts the allowance again, and resets the platform's other monthly counters with it", async () => {
    const w = await world();
    await db
      .update(sandboxPlatforms)
      .set({ quotaMonth: "2000-01", clearQuotaUsed: CLEAR_QUOTA_MONTHLY_LIMIT, auditQuotaUsed: 7, speedupQuotaUsed: 3 })
      .where(eq(sandboxPlatforms.componentAppid, w.componentAppid));
    expect((await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)).errcode).toBe(0);
    const p = await platformRow(w.componentAppid);
    expect([p.quotaMonth, p.clearQuotaUsed, p.auditQuotaUsed, p.speedupQuotaUsed]).toEqual([chinaMonth(), 1, 0, 0]);

    // Within the month the audit counters are left alone.
    await db.update(sandboxPlatforms).set({ auditQuotaUsed: 4 }).where(eq(sandboxPlatforms.componentAppid, w.componentAppid));
    expect((await post("/cgi-bin/clear_quota", { appid: w.componentAppid }, w.componentToken)).errcode).toBe(0);
    expect((await platformRow(w.componentAppid)).auditQuotaUsed).toBe(4);

    await mutateState(w.appid, (state) => ({ state: { ...state, clearQuota: { month: "2000-01", used: CLEAR_QUOTA_MONTHLY_LIMIT } }, result: undefined }));
    expect((await post("/cgi-bin/clear_quota", { appid: w.appid }, w.authorizerToken)).errcode).toBe(0);
    expect((await getAuthorizer(w.appid))!.state.clearQuota).toEqual({ month: chinaMonth(), used: 1 });
  });

  it("/cgi-bin/component/clear_quota/v2 needs no token: 41002, 41004, 40013, 40125 on bad credentials", async () => {
    const w = await world();
    const v2 = (body: Body) => post("/cgi-bin/component/clear_quota/v2", body);
    expect((await v2({ appsecret: w.secret })).errcode).toBe(41002);
    expect((await v2({ component_appid: w.componentAppid })).errcode).toBe(41004);
    expect((await v2({ component_appid: "wx0000000000000000", appsecret: w.secret })).errcode).toBe(40013);
    expect((await v2({ component_appid: w.componentAppid, appsecret: "wrong" })).errcode).toBe(40125);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(0);
    expect(await v2({ component_appid: w.componentAppid, appsecret: w.secret })).toEqual(OK);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(1);
  });

  it("/cgi-bin/component/clear_quota/v2 with appid clears an authorizer: 40013 unknown, 43007 not authorized to this platform", async () => {
    const w = await world();
    const other = await world();
    const v2 = (appid: string) => post("/cgi-bin/component/clear_quota/v2", { component_appid: w.componentAppid, appsecret: w.secret, appid });
    expect(await v2(w.appid)).toEqual(OK);
    expect((await getAuthorizer(w.appid))!.state.clearQuota).toEqual({ month: chinaMonth(), used: 1 });
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(0);
    expect((await v2("wx0000000000000000")).errcode).toBe(40013);
    expect((await v2(other.appid)).errcode).toBe(43007);

    // The authorizer's 10 are shared between its token form and the v2 form.
    await mutateState(w.appid, (state) => ({ state: { ...state, clearQuota: { month: chinaMonth(), used: CLEAR_QUOTA_MONTHLY_LIMIT } }, result: undefined }));
    expect((await v2(w.appid)).errcode).toBe(48006);
    expect((await post("/cgi-bin/clear_quota", { appid: w.appid }, w.authorizerToken)).errcode).toBe(48006);
  });

  it("legacy /cgi-bin/component/clear_quota: component token only, names its own component_appid", async () => {
    const w = await world();
    const legacy = (body: Body, token: string) => post("/cgi-bin/component/clear_quota", body, token, "component_access_token");
    expect(await legacy({ component_appid: w.componentAppid }, w.componentToken)).toEqual(OK);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(1);
    expect((await legacy({}, w.componentToken)).errcode).toBe(41018);
    expect((await legacy({ component_appid: "wx0000000000000000" }, w.componentToken)).errcode).toBe(40013);
    expect((await legacy({ component_appid: w.componentAppid }, w.authorizerToken)).errcode).toBe(61014);
    expect((await platformRow(w.componentAppid)).clearQuotaUsed).toBe(1);
  });
});
