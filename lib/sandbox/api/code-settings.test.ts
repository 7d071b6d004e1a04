import { describe, expect, it } from "vitest";
import { sandboxRoutePaths } from "../index";
import { getAuthorizer } from "../registry";
import { insertTemplate, patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { codeRoutes } from "./code";

/** Code management's account-level endpoints: visit status, version info, minimum base library, method rules. */
const sandbox = sandboxHarness();

const ONLINE = { appVersion: 3, userVersion: "V1.5", userDesc: "test", commitTime: 1640762988, releasedAt: 1640763902, auditid: 1 };

describe("visit status", () => {
  it("change_visitstatus acts on the live version only: without one, open and close answer 85021 and nothing changes", async () => {
    const { authorizer, token } = await sandbox.authorizerWithToken();
    const templateId = await insertTemplate(authorizer.componentAppid);
    const committed = await sandbox.call("/wxa/commit", { token, body: { template_id: templateId, ext_json: "{}", user_version: "V1.0", user_desc: "t" } });
    expect(committed.body.errcode).toBe(0);
    for (const action of ["close", "open"]) {
      expect((await sandbox.call("/wxa/change_visitstatus", { token, body: { action } })).body.errcode, action).toBe(85021);
    }
    expect((await getAuthorizer(authorizer.appid))!.state.visitStatus).toBe(1);
    await patchState(authorizer.appid, (st) => ({ ...st, online: ONLINE }));
    expect((await sandbox.call("/wxa/change_visitstatus", { token, body: { action: "close" } })).body).toEqual({ errcode: 0, errmsg: "ok" });
  });

  it("change_visitstatus (document example, corrected) closes and opens; getvisitstatus follows; 85021/85022", async () => {
    const { authorizer, token } = await sandbox.authorizerWithToken();
    const status = async () => (await sandbox.call("/wxa/getvisitstatus", { token, body: {} })).body;
    const change = (body: unknown) => sandbox.call("/wxa/change_visitstatus", { token, body });

    expect(await status()).toEqual({ errcode: 0, errmsg: "ok", status: 1 });
    await patchState(authorizer.appid, (st) => ({ ...st, online: ONLINE }));
    // The document prints `{"action"="close"}`, which is not JSON: sent literally it is a data format error.
    expect((await change('{\n"action"="close"\n}')).body.errcode).toBe(47001);
    expect((await change({ action: "close" })).body).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await getAuthorizer(authorizer.appid))!.state.visitStatus).toBe(0);
    expect((await status()).status).toBe(0);
    expect((await change({ action: "close" })).body.errcode).toBe(85021);
    expect((await change({ action: "open" })).body.errcode).toBe(0);
    expect((await status()).status).toBe(1);
    expect((await change({ action: "open" })).body.errcode).toBe(85021);
    for (const action of ["pause", "OPEN", 1, undefined]) expect((await change({ action })).body.errcode, String(action)).toBe(85022);
    expect((await change(undefined)).body.errcode).toBe(44002);
    expect((await sandbox.call("/wxa/getvisitstatus", { token })).body.errcode).toBe(44002);
  });
});

describe("POST /wxa/getversioninfo", () => {
  it("needs {} (44002); answers a bare ok with neither version, then exp_info and release_info", async () => {
    const { platform, authorizer, token } = await sandbox.authorizerWithToken();
    const info = async () => (await sandbox.call("/wxa/getversioninfo", { token, body: {} })).body;
    expect((await sandbox.call("/wxa/getversioninfo", { token })).body.errcode).toBe(44002);
    expect(await info()).toEqual({ errcode: 0, errmsg: "ok" });

    const templateId = await insertTemplate(platform.componentAppid);
    const committed = await sandbox.call("/wxa/commit", { token, body: { template_id: templateId, ext_json: "{}", user_version: "V1.0", user_desc: "test" } });
    expect(committed.body.errcode).toBe(0);
    const trial = (await getAuthorizer(authorizer.appid))!.state.trial!;
    expect(await info()).toEqual({
      errcode: 0,
      errmsg: "ok",
      exp_info: { exp_time: Math.floor(trial.committedAt / 1000), exp_version: "V1.0", exp_desc: "test" },
    });

    // An online version, as release (./audit.ts) would leave it.
    const online = { appVersion: 3, userVersion: "V1.5", userDesc: "test", commitTime: 1640762988, releasedAt: 1640763902, auditid: 1 };
    await patchState(authorizer.appid, (st) => ({ ...st, online }));
    const both = await info();
    expect(both.release_info).toEqual({ release_time: 1640763902, release_version: "V1.5", release_desc: "test" });
    expect(both.exp_info).toMatchObject({ exp_version: "V1.0" });
  });
});

describe("minimum base library", () => {
  it("getweappsupportversion ({} required) answers now_version and a distribution that sums to 100", async () => {
    const { token } = await sandbox.authorizerWithToken();
    expect((await sandbox.call("/cgi-bin/wxopen/getweappsupportversion", { token })).body.errcode).toBe(44002);
    const { body } = await sandbox.call("/cgi-bin/wxopen/getweappsupportversion", { token, body: {} });
    expect(body).toMatchObject({ errcode: 0, errmsg: "ok", now_version: "1.0.0" });
    const items = (body.uv_info as { items: { percentage: number; version: string }[] }).items;
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["percentage", "version"]);
      expect(item.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(item.percentage).toBeGreaterThanOrEqual(0);
    }
    expect(Math.round(items.reduce((sum, i) => sum + i.percentage * 100, 0))).toBe(10_000);
    // The document's example versions are in the list, at 0 %.
    expect(items.slice(0, 3)).toEqual([
      { percentage: 0, version: "1.0.0" },
      { percentage: 0, version: "1.0.1" },
      { percentage: 0, version: "1.1.0" },
    ]);
  });

  it("setweappsupportversion stores a published version (document example first); others are 85015 (seed 001)", async () => {
    const { authorizer, token } = await sandbox.authorizerWithToken();
    const set = (body: unknown) => sandbox.call("/cgi-bin/wxopen/setweappsupportversion", { token, body });
    const now = async () => (await sandbox.call("/cgi-bin/wxopen/getweappsupportversion", { token, body: {} })).body.now_version;

    expect((await set({ version: "1.0.0" })).body).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await set({ version: "2.27.3" })).body.errcode).toBe(0);
    expect(await now()).toBe("2.27.3");
    expect((await getAuthorizer(authorizer.appid))!.state.supportVersion).toBe("2.27.3");
    for (const version of ["9.9.9", "2.27", "v2.27.3", "2.27.3.1", "02.27.3", " 2.27.3"]) {
      expect((await set({ version })).body.errcode, version).toBe(85015);
    }
    expect(await now()).toBe("2.27.3");
    expect((await set({ version: 2 })).body.errcode).toBe(47001);
    expect((await set(undefined)).body.errcode).toBe(44002);
  });
});

describe("method rules", () => {
  const GET_ONLY = ["/wxa/get_page", "/wxa/get_qrcode", "/wxa/get_category", "/wxa/security/get_code_privacy_info"];
  const POST_ONLY = [
    "/wxa/commit",
    "/wxa/change_visitstatus",
    "/wxa/getvisitstatus",
    "/wxa/getversioninfo",
    "/cgi-bin/wxopen/getweappsupportversion",
    "/cgi-bin/wxopen/setweappsupportversion",
  ];

  it("registers every route of this module with the documented method, token A and permission set 18", () => {
    const paths = sandboxRoutePaths();
    for (const path of [...GET_ONLY, ...POST_ONLY]) expect(paths).toContain(path);
    expect(codeRoutes.map((r) => r.path).sort()).toEqual([...GET_ONLY, ...POST_ONLY].sort());
    for (const r of codeRoutes) {
      expect(r.method, r.path).toBe(GET_ONLY.includes(r.path) ? "GET" : "POST");
      expect(r.token).toBe("authorizer");
      expect(r.permissions).toEqual([18]);
    }
  });

  it("GET-only endpoints refuse POST with 43001; POST endpoints refuse GET with 43002", async () => {
    const { token } = await sandbox.authorizerWithToken();
    for (const path of GET_ONLY) expect((await sandbox.call(path, { method: "POST", token, body: {} })).body.errcode, path).toBe(43001);
    for (const path of POST_ONLY) expect((await sandbox.call(path, { method: "GET", token })).body.errcode, path).toBe(43002);
  });
});
