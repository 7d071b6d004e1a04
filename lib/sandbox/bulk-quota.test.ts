import { describe, expect, it } from "vitest";
import { call, commit, control, controlHarness, fleet, requests, submitAudit, tokenFor, type Json } from "@/scripts/vitest/sandbox-bulk";
import { hitWindow } from "./frequency";

/** The platform's quota and frequency rules as a bulk job meets them: 45009, 45011, 9402202, 85085, and the scan delay. */
controlHarness();

const DAILY = "reach max api daily quota limit";
const MINUTE = "api minute-quota reach limit, must slower, retry next minute";
const errmsg = (body: Json) => String(body.errmsg).replace(/ rid: .*$/, "");

describe("45009: the daily quota of one API is each account's own", () => {
  it("commit and submit_audit are counted per authorizer, not per platform; a refused call applies nothing", async () => {
    const f = await fleet(2, { page_sets: [["pages/index/index"]] });
    const [a, b] = f.authorizers as [Json, Json];
    const [ta, tb] = [await tokenFor(f, a), await tokenFor(f, b)];
    await control("settings", { body: { apiDailyLimits: { "/wxa/commit": 2, "/wxa/submit_audit": 1 }, privacyScanMs: 0 } });
    expect((await commit(ta, f.templateId)).body.errcode).toBe(0);
    expect((await commit(ta, f.templateId)).body.errcode).toBe(0);
    const third = await commit(ta, f.templateId);
    expect(third.body.errcode).toBe(45009);
    expect(errmsg(third.body)).toBe(DAILY);
    expect((await commit(tb, f.templateId)).body.errcode).toBe(0);

    expect((await submitAudit(tb)).body.errcode).toBe(0);
    expect((await submitAudit(tb)).body.errcode).toBe(45009);
    expect((await submitAudit(ta)).body.errcode).toBe(0);
    // getApiQuota tells each account its own count.
    const quota = await call("/cgi-bin/openapi/quota/get", { token: ta, body: { cgi_path: "/wxa/commit" } });
    expect(quota.body.quota).toEqual({ daily_limit: 2, used: 2, remain: 0 });
    const log = await requests({ path: "/wxa/commit" });
    expect(log.applied.rows).toEqual(
      expect.arrayContaining([
        { appid: a.appid, path: "/wxa/commit", count: 2 },
        { appid: b.appid, path: "/wxa/commit", count: 1 },
      ]),
    );
  });
});

describe("45011: the per-minute limit of one account on one API", () => {
  it("is off by default, refuses the call past the limit for that authorizer only, and lifts when unset", async () => {
    const f = await fleet(2);
    const [a, b] = f.authorizers as [Json, Json];
    const [ta, tb] = [await tokenFor(f, a), await tokenFor(f, b)];
    expect((await control("state?limit=0")).body.settings).toMatchObject({ minuteLimits: {}, burst: null });
    for (let i = 0; i < 4; i++) expect((await commit(ta, f.templateId)).body.errcode).toBe(0);

    await control("settings", { body: { minuteLimits: { "/wxa/commit": 2 } } });
    expect((await commit(ta, f.templateId)).body.errcode).toBe(0);
    expect((await commit(ta, f.templateId)).body.errcode).toBe(0);
    const refused = await commit(ta, f.templateId);
    expect(refused.body.errcode).toBe(45011);
    expect(errmsg(refused.body)).toBe(MINUTE);
    expect((await commit(tb, f.templateId)).body.errcode).toBe(0);
    // Another API of the same account has no limit.
    expect((await call("/wxa/get_category", { token: ta, method: "GET" })).body.errcode).toBe(0);
    // A refused call spends no daily quota and applies nothing.
    expect((await call("/cgi-bin/openapi/quota/get", { token: ta, body: { cgi_path: "/wxa/commit" } })).body.quota.used).toBe(6);
    expect((await requests({ appid: a.appid, path: "/wxa/commit" })).applied.total).toBe(6);

    await control("settings", { body: { minuteLimits: {} } });
    expect((await commit(ta, f.templateId)).body.errcode).toBe(0);
  });

  it("a window lasts its period from its first call, then opens again", async () => {
    const t0 = 1_000_000;
    expect(await hitWindow("test:w", 60_000, t0)).toBe(1);
    expect(await hitWindow("test:w", 60_000, t0 + 59_999)).toBe(2);
    expect(await hitWindow("test:w", 60_000, t0 + 60_000)).toBe(1);
    expect(await hitWindow("test:w", 60_000, t0 + 60_001)).toBe(2);
    expect(await hitWindow("test:other", 60_000, t0)).toBe(1);
  });
});

describe("9402202: bursts across one platform's authorizers", () => {
  it("more than maxPerSecond calls a second to the path are refused with 'concurrent limit'; other platforms are not held", async () => {
    const f = await fleet(6);
    const other = await fleet(1);
    const tokens = await Promise.all(f.authorizers.map((a) => tokenFor(f, a)));
    const otherToken = await tokenFor(other, other.authorizers[0]!);
    await control("settings", { body: { burst: { path: "/wxa/commit", maxPerSecond: 3 } } });
    const answers = await Promise.all(tokens.map((t) => commit(t, f.templateId)));
    const codes = answers.map((a) => a.body.errcode as number).sort((x, y) => x - y);
    expect(codes).toEqual([0, 0, 0, 9402202, 9402202, 9402202]);
    expect(errmsg(answers.find((a) => a.body.errcode === 9402202)!.body)).toBe("concurrent limit");
    expect((await commit(otherToken, other.templateId)).body.errcode).toBe(0);
    expect((await requests({ path: "/wxa/commit" })).applied.total).toBe(4);

    expect((await control("settings", { body: { burst: null } })).body.burst).toBeNull();
    expect((await commit(tokens[5]!, f.templateId)).body.errcode).toBe(0);
    expect((await control("settings", { body: { burst: { path: "/wxa/commit", maxPerSecond: 0 } } })).status).toBe(400);
  });
});

describe("monthly audit quota and the privacy scan delay", () => {
  it("the platform's monthly submit quota is shared by its authorizers (85085) and settable", async () => {
    const f = await fleet(3, { page_sets: [["pages/index/index"]] });
    const tokens = await Promise.all(f.authorizers.map((a) => tokenFor(f, a)));
    const set = await control("quota", { body: { component_appid: f.componentAppid, audit_limit: 2, audit_used: 0 } });
    expect(set.body.audit).toEqual({ limit: 2, used: 0 });
    expect((await submitAudit(tokens[0]!)).body.errcode).toBe(0);
    expect((await submitAudit(tokens[1]!)).body.errcode).toBe(0);
    const refused = await submitAudit(tokens[2]!);
    expect(refused.body.errcode).toBe(85085);
    expect((await call("/wxa/queryquota", { token: tokens[2], method: "GET" })).body).toMatchObject({ rest: 0, limit: 2 });
    expect((await requests({ path: "/wxa/submit_audit" })).applied.total).toBe(2);
  });

  it("privacyScanMs 0: the scan is done at once, submit_audit right after commit is accepted", async () => {
    const f = await fleet(2);
    const [ta, tb] = await Promise.all(f.authorizers.map((a) => tokenFor(f, a)));
    // The default delay holds a submission made right after the commit.
    expect((await commit(tb!, f.templateId)).body.errcode).toBe(0);
    expect((await submitAudit(tb!)).body.errcode).toBe(61039);
    await control("settings", { body: { privacyScanMs: 0 } });
    expect((await commit(ta!, f.templateId)).body.errcode).toBe(0);
    expect((await call("/wxa/security/get_code_privacy_info", { token: ta, method: "GET" })).body).toMatchObject({ errcode: 0, without_conf_list: [] });
    expect((await submitAudit(ta!)).body).toMatchObject({ errcode: 0, auditid: expect.any(Number) });
  });
});
