import { describe, expect, it } from "vitest";
import { decideAudit } from "../audit-decision";
import { getAuthorizer } from "../registry";
import { patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import type { ReleasedVersion } from "../types";
import { approvedAudit, authorizerWithTrial, setTrial, submit } from "@/scripts/vitest/audit-fixtures";

const sandbox = sandboxHarness();
const errcode = (answer: { body: Record<string, unknown> }) => answer.body.errcode;
const stateOf = async (appid: string) => (await getAuthorizer(appid))!.state;

/** A fresh authorizer with helpers bound to its token. */
async function account() {
  const { authorizer, token } = await authorizerWithTrial(sandbox);
  const appid = authorizer.appid;
  return {
    appid,
    token,
    release: () => sandbox.call("/wxa/release", { token, body: {} }),
    gray: (body: Record<string, unknown>) => sandbox.call("/wxa/grayrelease", { token, body }),
    plan: async () => (await sandbox.call("/wxa/getgrayreleaseplan", { token, method: "GET" })).body,
    revertGray: () => sandbox.call("/wxa/revertgrayrelease", { token, method: "GET" }),
    revert: (query: Record<string, string> = {}) => sandbox.call("/wxa/revertcoderelease", { token, method: "GET", query }),
    approve: (userVersion: string) => approvedAudit(sandbox, token, appid, { userVersion, userDesc: `desc ${userVersion}` }),
  };
}
type Account = Awaited<ReturnType<typeof account>>;

/** Approves and releases each version in turn. */
async function releaseVersions(a: Account, ...versions: string[]) {
  for (const v of versions) {
    await a.approve(v);
    expect(errcode(await a.release())).toBe(0);
  }
}

describe("POST /wxa/release", () => {
  it("releases the approved version with the documented {} body: online, history, audit consumed", async () => {
    const a = await account();
    const committedAt = Date.now() - 3_600_000;
    const auditid = await approvedAudit(sandbox, a.token, a.appid, { userVersion: "V1.0", userDesc: "first", committedAt });
    const answer = await a.release();
    expect(answer.body).toEqual({ errcode: 0, errmsg: "ok" });
    const state = await stateOf(a.appid);
    expect(state.online).toMatchObject({ appVersion: 1, userVersion: "V1.0", userDesc: "first", auditid, commitTime: Math.floor(committedAt / 1000) });
    expect(Math.abs(state.online!.releasedAt - Date.now() / 1000)).toBeLessThan(3);
    expect(state.history).toEqual([state.online]);
    expect(state.releasableAuditId).toBeUndefined();
    // The approval is consumed: a second release has nothing to release (assump.).
    expect(errcode(await a.release())).toBe(85019);
  });

  it("needs a body (44002) and an approved version (85019)", async () => {
    const a = await account();
    expect(errcode(await sandbox.call("/wxa/release", { token: a.token }))).toBe(44002);
    expect(errcode(await a.release())).toBe(85019);
    await submit(sandbox, a.token);
    expect(errcode(await a.release())).toBe(85019);
  });

  it("answers 85020 when the latest audit is not the approved one (auditing or rejected)", async () => {
    const a = await account();
    await a.approve("V1.0");
    await setTrial(a.appid, { userVersion: "V1.1" });
    await submit(sandbox, a.token);
    expect(errcode(await a.release())).toBe(85020);
    await decideAudit(a.appid, { result: "reject", reason: "no" });
    expect(errcode(await a.release())).toBe(85020);
    expect((await stateOf(a.appid)).online).toBeUndefined();
  });

  it("numbers versions upwards and keeps the 5 newest in history, newest first", async () => {
    const a = await account();
    await releaseVersions(a, "V1", "V2", "V3", "V4", "V5", "V6");
    const state = await stateOf(a.appid);
    expect(state.online).toMatchObject({ appVersion: 6, userVersion: "V6" });
    expect(state.history!.map((v) => v.appVersion)).toEqual([6, 5, 4, 3, 2]);
    expect(state.nextAppVersion).toBe(7);
  });
});

describe("POST /wxa/grayrelease and GET /wxa/getgrayreleaseplan", () => {
  it("answers status 0 and every documented field when there is no plan", async () => {
    const a = await account();
    expect(await a.plan()).toEqual({
      errcode: 0,
      errmsg: "ok",
      gray_release_plan: { status: 0, create_timestamp: 0, gray_percentage: 0, support_debuger_first: false, support_experiencer_first: false },
    });
  });

  it("answers 85079 without an online version and 85080 without an approved one", async () => {
    const a = await account();
    await a.approve("V1");
    expect(errcode(await a.gray({ gray_percentage: 1 }))).toBe(85079);
    expect(errcode(await a.release())).toBe(0);
    expect(errcode(await a.gray({ gray_percentage: 1 }))).toBe(85080);
    await setTrial(a.appid, { userVersion: "V2" });
    await submit(sandbox, a.token);
    expect(errcode(await a.gray({ gray_percentage: 1 }))).toBe(85080);
  });

  it("starts a plan with the documents' example and raises it; a lower or equal percentage is 85082", async () => {
    const a = await account();
    await releaseVersions(a, "V1");
    await a.approve("V2");
    expect((await a.gray({ gray_percentage: 1 })).body).toEqual({ errcode: 0, errmsg: "ok" });
    const started = (await a.plan()).gray_release_plan as Record<string, unknown>;
    expect(started).toMatchObject({ status: 1, gray_percentage: 1, support_debuger_first: false, support_experiencer_first: false });
    expect(Math.abs((started.create_timestamp as number) - Date.now() / 1000)).toBeLessThan(3);

    expect(errcode(await a.gray({ gray_percentage: 30, support_experiencer_first: true }))).toBe(0);
    expect(errcode(await a.gray({ gray_percentage: 30 }))).toBe(85082);
    expect(errcode(await a.gray({ gray_percentage: 10 }))).toBe(85082);
    const raised = (await a.plan()).gray_release_plan as Record<string, unknown>;
    expect(raised).toMatchObject({ status: 1, gray_percentage: 30, support_experiencer_first: true, create_timestamp: started.create_timestamp });
    // Gray is not a release: the old version stays online.
    expect((await stateOf(a.appid)).online).toMatchObject({ userVersion: "V1" });
  });

  it("answers 85081 for a percentage outside 0–100, not an integer, or 0 without a *_first flag (assump.)", async () => {
    const a = await account();
    await releaseVersions(a, "V1");
    await a.approve("V2");
    for (const p of [101, -1, 1.5, "abc", true]) expect(errcode(await a.gray({ gray_percentage: p })), String(p)).toBe(85081);
    expect(errcode(await a.gray({ gray_percentage: 0 }))).toBe(85081);
    expect(errcode(await a.gray({}))).toBe(47001);
    expect(errcode(await a.gray({ gray_percentage: 0, support_debuger_first: true }))).toBe(0);
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 1, gray_percentage: 0, support_debuger_first: true } });
  });

  it("finishes the plan at 100%: status 3 and the gray version goes online (assump.)", async () => {
    const a = await account();
    await releaseVersions(a, "V1");
    const auditid = await a.approve("V2");
    expect(errcode(await a.gray({ gray_percentage: 50 }))).toBe(0);
    expect(errcode(await a.gray({ gray_percentage: "100" }))).toBe(0);
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 3, gray_percentage: 100 } });
    const state = await stateOf(a.appid);
    expect(state.online).toMatchObject({ appVersion: 2, userVersion: "V2", auditid });
    expect(state.history!.map((v) => v.appVersion)).toEqual([2, 1]);
    expect(errcode(await a.release())).toBe(85019);
    // A later release replaces the finished plan.
    await releaseVersions(a, "V3");
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 0 } });
  });

  it("a release during a running plan publishes to everyone and finishes the plan (assump.)", async () => {
    const a = await account();
    await releaseVersions(a, "V1");
    await a.approve("V2");
    await a.gray({ gray_percentage: 20 });
    expect(errcode(await a.release())).toBe(0);
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 3, gray_percentage: 20 } });
    expect((await stateOf(a.appid)).online).toMatchObject({ appVersion: 2, userVersion: "V2" });
  });
});

describe("GET /wxa/revertgrayrelease", () => {
  it("cancels a running plan (status 4); the online version stays and the approved one is still releasable", async () => {
    const a = await account();
    await releaseVersions(a, "V1");
    await a.approve("V2");
    await a.gray({ gray_percentage: 10 });
    expect((await a.revertGray()).body).toEqual({ errcode: 0, errmsg: "ok" });
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 4, gray_percentage: 10 } });
    expect((await stateOf(a.appid)).online).toMatchObject({ userVersion: "V1" });
    // A cancelled plan is not running: a new plan may start lower.
    expect(errcode(await a.gray({ gray_percentage: 5 }))).toBe(0);
    await a.revertGray();
    expect(errcode(await a.release())).toBe(0);
    expect(await a.plan()).toMatchObject({ gray_release_plan: { status: 0 } });
  });

  it("answers 87012 when no plan is running (assump.)", async () => {
    const a = await account();
    expect(errcode(await a.revertGray())).toBe(87012);
  });
});

describe("GET /wxa/revertcoderelease", () => {
  it("lists the kept versions with action=get_history_version (documented fields, at most 5)", async () => {
    const a = await account();
    expect((await a.revert({ action: "get_history_version" })).body).toEqual({ errcode: 0, errmsg: "ok", version_list: [] });
    await releaseVersions(a, "V1", "V2", "V3", "V4", "V5", "V6");
    const { body } = await a.revert({ action: "get_history_version" });
    const list = body.version_list as Record<string, unknown>[];
    expect(list.map((v) => v.app_version)).toEqual([6, 5, 4, 3, 2]);
    expect(Object.keys(list[0]!).sort()).toEqual(["app_version", "commit_time", "user_desc", "user_version"]);
    expect(list[0]).toMatchObject({ user_version: "V6", user_desc: "desc V6" });
    expect(typeof list[0]!.commit_time).toBe("number");
    expect(errcode(await a.revert({ action: "other" }))).toBe(40097);
  });

  it("rolls back to the previous version once; the restored version cannot be rolled back again (87012)", async () => {
    const a = await account();
    await releaseVersions(a, "V1", "V2");
    expect((await a.revert()).body).toEqual({ errcode: 0, errmsg: "ok" });
    const state = await stateOf(a.appid);
    expect(state.online).toMatchObject({ appVersion: 1, userVersion: "V1" });
    expect(state.history!.map((v) => v.appVersion)).toEqual([1, 2]);
    expect(errcode(await a.revert())).toBe(87012);
    // A new release can be rolled back again.
    await releaseVersions(a, "V3");
    expect(errcode(await a.revert())).toBe(0);
    expect((await stateOf(a.appid)).online).toMatchObject({ appVersion: 1 });
  });

  it("answers 87012 with nothing online or nothing before the online version", async () => {
    const a = await account();
    expect(errcode(await a.revert())).toBe(87012);
    await releaseVersions(a, "V1");
    expect(errcode(await a.revert())).toBe(87012);
  });

  it("answers 87011 while a gray plan runs", async () => {
    const a = await account();
    await releaseVersions(a, "V1", "V2");
    await a.approve("V3");
    await a.gray({ gray_percentage: 10 });
    expect(errcode(await a.revert())).toBe(87011);
    expect((await stateOf(a.appid)).online).toMatchObject({ appVersion: 2 });
  });

  it("rolls back to a named app_version; unknown or malformed → 40097, the online one → 87012", async () => {
    const a = await account();
    await releaseVersions(a, "V1", "V2", "V3");
    expect(errcode(await a.revert({ app_version: "99" }))).toBe(40097);
    expect(errcode(await a.revert({ app_version: "abc" }))).toBe(40097);
    expect(errcode(await a.revert({ app_version: "3" }))).toBe(87012);
    expect(errcode(await a.revert({ app_version: "1" }))).toBe(0);
    const state = await stateOf(a.appid);
    expect(state.online).toMatchObject({ appVersion: 1, userVersion: "V1" });
    expect(state.revertedAppVersions).toEqual([1]);
  });

  it("keeps numbering after versions seeded without a counter", async () => {
    const a = await account();
    const seeded: ReleasedVersion = { appVersion: 7, userVersion: "old", userDesc: "", commitTime: 1, releasedAt: 1, auditid: 0 };
    await patchState(a.appid, (s) => ({ ...s, online: seeded, history: [seeded] }));
    await releaseVersions(a, "V8");
    expect((await stateOf(a.appid)).online).toMatchObject({ appVersion: 8 });
    expect(errcode(await a.revert())).toBe(0);
    expect((await stateOf(a.appid)).online).toMatchObject({ appVersion: 7, userVersion: "old" });
  });
});
