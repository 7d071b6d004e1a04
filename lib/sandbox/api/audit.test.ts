import { describe, expect, it } from "vitest";
import { chinaMonth } from "../state";
import { getAuthorizer } from "../registry";
import { patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { decideAudit } from "../audit-decision";
import { sandboxRoutePaths } from "../index";
import { getSandboxState } from "../control-state";
import { stateQuerySchema } from "../control-schemas";
import {
  auditRow,
  authorizerWithTrial,
  DOC_SUBMIT,
  ITEM,
  platformRow,
  setPlatformQuota,
  setTrial,
  siblingWithTrial,
  submit,
} from "@/scripts/vitest/audit-fixtures";

const sandbox = sandboxHarness();
const errcode = (answer: { body: Record<string, unknown> }) => answer.body.errcode;

describe("POST /wxa/submit_audit", () => {
  it("accepts the documents' example and answers {errcode:0, errmsg:'ok', auditid}", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox, { trial: { userVersion: "V2.3", userDesc: "doc example" } });
    const answer = await submit(sandbox, token, DOC_SUBMIT);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(["auditid", "errcode", "errmsg"]);
    expect(answer.body).toMatchObject({ errcode: 0, errmsg: "ok" });
    const auditid = answer.body.auditid as number;
    expect(Number.isInteger(auditid)).toBe(true);

    const row = await auditRow(auditid);
    expect(row).toMatchObject({ appid: authorizer.appid, status: 2, userVersion: "V2.3", userDesc: "doc example", spedUp: false });
    expect(row.request).toMatchObject({ body: DOC_SUBMIT, trial: { templateId: 1, userVersion: "V2.3" } });
    expect((await getAuthorizer(authorizer.appid))!.state.latestAuditId).toBe(auditid);
    expect((await platformRow(authorizer.componentAppid)).auditQuotaUsed).toBe(1);
  });

  it("treats item_list as optional ({} is a valid body) but refuses an empty body (44002) and GET (43002)", async () => {
    const { token } = await authorizerWithTrial(sandbox);
    expect(errcode(await sandbox.call("/wxa/submit_audit", { token }))).toBe(44002);
    expect(errcode(await sandbox.call("/wxa/submit_audit", { token, method: "GET" }))).toBe(43002);
    const ok = await submit(sandbox, token, {});
    expect(ok.body.errcode).toBe(0);
    expect(typeof ok.body.auditid).toBe("number");
  });

  it("answers 47001 for an item_list sent as a JSON string, 85023 for 0 or more than 5 items", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    expect(errcode(await submit(sandbox, token, { item_list: JSON.stringify(DOC_SUBMIT.item_list) }))).toBe(47001);
    expect(errcode(await submit(sandbox, token, { item_list: [] }))).toBe(85023);
    expect(errcode(await submit(sandbox, token, { item_list: Array(6).fill(ITEM) }))).toBe(85023);
    // Refusals spend no quota.
    expect((await platformRow(authorizer.componentAppid)).auditQuotaUsed).toBe(0);
    expect(errcode(await submit(sandbox, token, { item_list: Array(5).fill(ITEM) }))).toBe(0);
  });

  it("checks every item: 85010 empty, 85006 tags, 85011 title, 85007 address, 85008 category", async () => {
    const { token } = await authorizerWithTrial(sandbox);
    const one = (item: unknown) => submit(sandbox, token, { item_list: [ITEM, item] });
    expect(errcode(await one({}))).toBe(85010);
    expect(errcode(await one({ address: "", title: null }))).toBe(85010);
    expect(errcode(await one({ ...ITEM, tag: Array.from({ length: 11 }, (_, i) => `t${i}`).join(" ") }))).toBe(85006);
    expect(errcode(await one({ ...ITEM, tag: `ok ${"长".repeat(21)}` }))).toBe(85006);
    expect(errcode(await one({ ...ITEM, title: "题".repeat(33) }))).toBe(85011);
    expect(errcode(await one({ ...ITEM, address: "pages/unknown" }))).toBe(85007);
    expect(errcode(await one({ ...ITEM, first_id: 287 }))).toBe(85008);
    expect(errcode(await one({ ...ITEM, second_class: "新闻" }))).toBe(85008);
    expect(errcode(await one({ ...DOC_SUBMIT.item_list[1], third_id: 6 }))).toBe(85008);
    const { first_class: _omit, ...noFirstClass } = ITEM;
    expect(errcode(await one(noFirstClass))).toBe(85008);
    // The limits themselves are allowed: 10 tags of 20 characters, a 32-character title, ids as digit strings.
    const atLimits = { ...ITEM, tag: Array.from({ length: 10 }, () => "签".repeat(20)).join(" "), title: "题".repeat(32), first_id: "1" };
    expect(errcode(await one(atLimits))).toBe(0);
  });

  it("limits feedback_info to 200 characters (85051, assump.) and feedback_stuff to 5 media ids (47001, assump.)", async () => {
    const { token } = await authorizerWithTrial(sandbox);
    expect(errcode(await submit(sandbox, token, { ...DOC_SUBMIT, feedback_stuff: "a|b|c|d|e|f" }))).toBe(47001);
    expect(errcode(await submit(sandbox, token, { ...DOC_SUBMIT, version_desc: { text: "notes" } }))).toBe(47001);
    expect(errcode(await submit(sandbox, token, { ...DOC_SUBMIT, feedback_info: "改".repeat(201) }))).toBe(85051);
    expect(errcode(await submit(sandbox, token, { ...DOC_SUBMIT, feedback_info: 5 }))).toBe(47001);
    expect(errcode(await submit(sandbox, token, { ...DOC_SUBMIT, feedback_info: "改".repeat(200) }))).toBe(0);
  });

  it("needs a committed trial (85086) whose privacy scan has finished (61039)", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox, { trial: null });
    expect((await submit(sandbox, token)).body).toMatchObject({ errcode: 85086 });
    await setTrial(authorizer.appid, { scanReadyAt: Date.now() + 60_000 });
    const scanning = await submit(sandbox, token);
    expect(scanning.body.errcode).toBe(61039);
    expect(String(scanning.body.errmsg)).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    await setTrial(authorizer.appid, { scanReadyAt: Date.now() - 1 });
    expect(errcode(await submit(sandbox, token))).toBe(0);
  });

  it("refuses a second submission while one is auditing (2) or delayed (4): 85009", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    expect(errcode(await submit(sandbox, token))).toBe(0);
    expect(errcode(await submit(sandbox, token))).toBe(85009);
    await decideAudit(authorizer.appid, { result: "delay", reason: "more checks" });
    expect(errcode(await submit(sandbox, token))).toBe(85009);
    await decideAudit(authorizer.appid, { result: "reject", reason: "bad" });
    expect(errcode(await submit(sandbox, token))).toBe(0);
    expect((await platformRow(authorizer.componentAppid)).auditQuotaUsed).toBe(2);
  });

  it("answers 86002 when the mini-program's name/avatar/intro are incomplete", async () => {
    const { token } = await authorizerWithTrial(sandbox, { initComplete: false });
    expect(errcode(await submit(sandbox, token))).toBe(86002);
  });

  it("answers 85085 when the platform's monthly quota is used up, and starts a new month afresh", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    await setPlatformQuota(authorizer.componentAppid, { quotaMonth: chinaMonth(), auditQuotaLimit: 20, auditQuotaUsed: 20 });
    expect(errcode(await submit(sandbox, token))).toBe(85085);
    expect((await getAuthorizer(authorizer.appid))!.state.latestAuditId).toBeUndefined();
    await setPlatformQuota(authorizer.componentAppid, { quotaMonth: "2000-01", speedupQuotaUsed: 10 });
    expect(errcode(await submit(sandbox, token))).toBe(0);
    expect(await platformRow(authorizer.componentAppid)).toMatchObject({ quotaMonth: chinaMonth(), auditQuotaUsed: 1, speedupQuotaUsed: 0 });
  });
});

describe("POST /wxa/get_auditstatus", () => {
  it("answers the documented fields for {auditid}: status, reason, screenshot", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    const auditing = await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid } });
    expect(auditing.body).toMatchObject({ errcode: 0, errmsg: "ok", status: 2, reason: "", screenshot: "" });
    await decideAudit(authorizer.appid, { result: "reject", reason: "帐号信息不合规范", screenshot: "mediaA|mediaB" });
    const rejected = await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid } });
    expect(rejected.body).toMatchObject({ errcode: 0, status: 1, reason: "帐号信息不合规范", screenshot: "mediaA|mediaB" });
  });

  it("answers 85012 for an unknown audit id or another authorizer's, 47001 without auditid", async () => {
    const { platform, token } = await authorizerWithTrial(sandbox);
    const other = await siblingWithTrial(sandbox, platform);
    const theirs = (await submit(sandbox, other.token)).body.auditid as number;
    expect(errcode(await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid: theirs } }))).toBe(85012);
    expect(errcode(await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid: 987654321 } }))).toBe(85012);
    expect(errcode(await sandbox.call("/wxa/get_auditstatus", { token, body: {} }))).toBe(47001);
  });
});

describe("GET /wxa/get_latest_auditstatus", () => {
  it("answers 85012 before any submission (assump.)", async () => {
    const { token } = await authorizerWithTrial(sandbox);
    expect(errcode(await sandbox.call("/wxa/get_latest_auditstatus", { token, method: "GET" }))).toBe(85012);
  });

  it("answers the latest audit with both screenshot casings, versions and the submit time", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox, { trial: { userVersion: "V1.1", userDesc: "first" } });
    await submit(sandbox, token);
    await decideAudit(authorizer.appid, { result: "reject", reason: "r", screenshot: "x|y|z" });
    await setTrial(authorizer.appid, { userVersion: "V1.2", userDesc: "second" });
    const before = Math.floor(Date.now() / 1000);
    const second = (await submit(sandbox, token)).body.auditid as number;
    const latest = await sandbox.call("/wxa/get_latest_auditstatus", { token, method: "GET" });
    expect(latest.body).toMatchObject({
      errcode: 0,
      errmsg: "ok",
      auditid: second,
      status: 2,
      reason: "",
      ScreenShot: "",
      screenshot: "",
      user_version: "V1.2",
      user_desc: "second",
    });
    expect(Math.abs((latest.body.submit_audit_time as number) - before)).toBeLessThanOrEqual(2);
    await decideAudit(authorizer.appid, { result: "reject", reason: "again", screenshot: "p|q" });
    const rejected = await sandbox.call("/wxa/get_latest_auditstatus", { token, method: "GET" });
    expect(rejected.body).toMatchObject({ status: 1, reason: "again", ScreenShot: "p|q", screenshot: "p|q" });
  });
});

describe("GET /wxa/undocodeaudit", () => {
  it("withdraws the auditing version (status 3) without refunding the submit quota", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    const undo = await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" });
    expect(undo.body).toMatchObject({ errcode: 0, errmsg: "ok" });
    expect((await sandbox.call("/wxa/get_auditstatus", { token, body: { auditid } })).body.status).toBe(3);
    expect((await sandbox.call("/wxa/queryquota", { token, method: "GET" })).body.rest).toBe(19);
    // No longer under review: a new submission is accepted.
    expect(errcode(await submit(sandbox, token))).toBe(0);
    expect((await getAuthorizer(authorizer.appid))!.state.undo).toMatchObject({ dayCount: 1, monthCount: 1 });
  });

  it("answers 85012 when nothing is auditing (assump.): no audit, or an approved one", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(85012);
    await submit(sandbox, token);
    await decideAudit(authorizer.appid, { result: "approve" });
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(85012);
  });

  it("answers 87013 past the daily or the monthly limit, counted in China calendar days", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    await submit(sandbox, token);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    await setUndo(authorizer.appid, { day: today, dayCount: 5, month, monthCount: 5 });
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(87013);
    await setUndo(authorizer.appid, { day: "2000-01-01", dayCount: 5, month, monthCount: 10 });
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(87013);
    // Yesterday's and last month's counts do not carry over.
    await setUndo(authorizer.appid, { day: "2000-01-01", dayCount: 5, month: "2000-01", monthCount: 10 });
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(0);
    expect((await getAuthorizer(authorizer.appid))!.state.undo).toEqual({ day: today, dayCount: 1, month, monthCount: 1 });
  });

  it("shows the withdrawals spent today and this month in the control state (WeChat has no API for them)", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const used = async () => (await getSandboxState(stateQuerySchema.parse({ appid: authorizer.appid }))).authorizers[0]!.undo_used;
    expect(await used()).toEqual({ day: 0, month: 0 });
    await submit(sandbox, token);
    expect(errcode(await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" }))).toBe(0);
    expect(await used()).toEqual({ day: 1, month: 1 });
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    await setUndo(authorizer.appid, { day: "2000-01-01", dayCount: 4, month, monthCount: 7 });
    expect(await used()).toEqual({ day: 0, month: 7 });
  });
});

const setUndo = (appid: string, undo: { day: string; dayCount: number; month: string; monthCount: number }) =>
  patchState(appid, (s) => ({ ...s, undo }));

describe("POST /wxa/speedupaudit", () => {
  it("speeds up an auditing version once, spending the platform's speed-up quota", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    expect((await sandbox.call("/wxa/speedupaudit", { token, body: { auditid } })).body).toMatchObject({ errcode: 0, errmsg: "ok" });
    expect((await auditRow(auditid)).spedUp).toBe(true);
    expect((await sandbox.call("/wxa/queryquota", { token, method: "GET" })).body.speedup_rest).toBe(9);
    expect(errcode(await sandbox.call("/wxa/speedupaudit", { token, body: { auditid } }))).toBe(89404);
    expect((await platformRow(authorizer.componentAppid)).speedupQuotaUsed).toBe(1);
  });

  it("answers 89402 for an audit not in the queue (withdrawn, decided or unknown)", async () => {
    const { token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    await sandbox.call("/wxa/undocodeaudit", { token, method: "GET" });
    expect(errcode(await sandbox.call("/wxa/speedupaudit", { token, body: { auditid } }))).toBe(89402);
    expect(errcode(await sandbox.call("/wxa/speedupaudit", { token, body: { auditid: 987654321 } }))).toBe(89402);
  });

  it("answers 89405 when the monthly speed-up quota is used up", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    const auditid = (await submit(sandbox, token)).body.auditid as number;
    await setPlatformQuota(authorizer.componentAppid, { speedupQuotaLimit: 3, speedupQuotaUsed: 3 });
    expect(errcode(await sandbox.call("/wxa/speedupaudit", { token, body: { auditid } }))).toBe(89405);
    expect((await auditRow(auditid)).spedUp).toBe(false);
  });
});

describe("GET /wxa/queryquota", () => {
  it("answers rest, limit, speedup_rest, speedup_limit, shared by every authorizer of the platform", async () => {
    const { platform, token } = await authorizerWithTrial(sandbox);
    const fresh = await sandbox.call("/wxa/queryquota", { token, method: "GET" });
    expect(fresh.body).toEqual({ errcode: 0, errmsg: "ok", rest: 20, limit: 20, speedup_rest: 10, speedup_limit: 10 });
    const other = await siblingWithTrial(sandbox, platform);
    await submit(sandbox, other.token);
    expect((await sandbox.call("/wxa/queryquota", { token, method: "GET" })).body).toMatchObject({ rest: 19, limit: 20 });
  });

  it("shows a new month's full quota before anything resets the counters", async () => {
    const { authorizer, token } = await authorizerWithTrial(sandbox);
    await setPlatformQuota(authorizer.componentAppid, { quotaMonth: "2000-01", auditQuotaUsed: 20, speedupQuotaUsed: 10 });
    expect((await sandbox.call("/wxa/queryquota", { token, method: "GET" })).body).toMatchObject({ rest: 20, speedup_rest: 10 });
  });
});

describe("the audit and release family's access rules", () => {
  const GET = ["/wxa/get_latest_auditstatus", "/wxa/undocodeaudit", "/wxa/queryquota", "/wxa/getgrayreleaseplan", "/wxa/revertgrayrelease", "/wxa/revertcoderelease"];
  const POST = ["/wxa/submit_audit", "/wxa/get_auditstatus", "/wxa/speedupaudit", "/wxa/release", "/wxa/grayrelease"];

  it("registers every endpoint once", () => {
    for (const path of [...GET, ...POST]) expect(sandboxRoutePaths()).toContain(path);
  });

  it("needs permission set 18 (61007), an authorizer token (40001) and the documented method (43001/43002)", async () => {
    const without18 = await authorizerWithTrial(sandbox, { funcInfo: [17, 19] });
    const component = await sandbox.componentToken(without18.platform);
    for (const path of GET) {
      expect(errcode(await sandbox.call(path, { token: without18.token, method: "GET" })), path).toBe(61007);
      expect(errcode(await sandbox.call(path, { token: component, method: "GET" })), path).toBe(40001);
      expect(errcode(await sandbox.call(path, { token: without18.token, body: {} })), path).toBe(43001);
    }
    for (const path of POST) {
      expect(errcode(await sandbox.call(path, { token: without18.token, body: {} })), path).toBe(61007);
      expect(errcode(await sandbox.call(path, { token: without18.token, method: "GET" })), path).toBe(43002);
    }
  });
});
