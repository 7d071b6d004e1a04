import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuthorizer, getAuthorizer, type NewAuthorizer } from "../registry";
import { getSettings, updateSettings, type SandboxSettings } from "../settings";
import type { PlatformRow } from "../router";
import { chinaMonth, mutateState } from "../state";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import type { QrJumpRule } from "../types";
import { linkMatchesRule } from "@/lib/validation/qrcode-jump-match";
import { QR_RULE_LIMIT } from "./qrcode-jump";

const sandbox = sandboxHarness();
let platform: PlatformRow;
let componentToken: string;
beforeAll(async () => {
  // One platform for the file: its mini-programs compete for prefixes like any two mini-programs on WeChat.
  platform = await sandbox.platformWithTicket();
  componentToken = await sandbox.componentToken(platform);
});

type Body = Record<string, unknown>;

/** A fresh mini-program authorized to the platform, and its authorizer_access_token from the auth endpoint. */
async function miniProgram(input: Omit<NewAuthorizer, "componentAppid"> = {}) {
  const a = await createAuthorizer({ componentAppid: platform.componentAppid, ...input });
  const token = await sandbox.authorizerToken(platform, a, componentToken);
  return { appid: a.appid, token, call: async (path: string, body?: unknown) => (await sandbox.call(`/cgi-bin/wxopen/${path}`, { token, body })).body };
}

let domains = 0;
/** Each test its own domain: prefixes are global, so tests must not collide through 85072. */
const site = () => `https://t${++domains}.sandbox-qr.cn`;
const rule = (prefix: string, extra: Body = {}) => ({ prefix, permit_sub_rule: 1, path: "pages/index/index", open_version: 1, debug_url: [], is_edit: 0, ...extra });
const release = (appid: string) =>
  mutateState(appid, (state) => ({
    state: { ...state, online: { appVersion: 1, userVersion: "1.0.0", userDesc: "", commitTime: 1, releasedAt: 2, auditid: 3 } },
    result: undefined,
  }));

describe("QR-jump rules (authorizer token, permission set 3 or 18)", () => {
  it("qrcodejumpadd takes the documented example (numbers as strings); qrcodejumpget answers the documented fields", async () => {
    const mp = await miniProgram();
    const before = await mp.call("qrcodejumpget", {});
    expect(before).toEqual({ errcode: 0, errmsg: "ok", rule_list: [], qrcodejump_open: 0, list_size: 0, qrcodejump_pub_quota: 100 });

    const example = {
      prefix: "https://weixin.qq.com/qrcodejump",
      permit_sub_rule: "1",
      path: "pages/index/index",
      open_version: "1",
      debug_url: ["https://weixin.qq.com/qrcodejump?a=1", "https://weixin.qq.com/qrcodejump?a=2"],
      is_edit: 0,
    };
    expect(await mp.call("qrcodejumpadd", example)).toEqual({ errcode: 0, errmsg: "ok" });

    const got = await mp.call("qrcodejumpget", {});
    expect(got).toEqual({
      errcode: 0,
      errmsg: "ok",
      rule_list: [{ prefix: example.prefix, permit_sub_rule: 1, path: "pages/index/index", open_version: 1, debug_url: example.debug_url, state: 1 }],
      qrcodejump_open: 1,
      list_size: 1,
      qrcodejump_pub_quota: 100,
    });
    // Like the other "no parameter" POSTs, the body {} is required.
    expect((await mp.call("qrcodejumpget")).errcode).toBe(44002);
  });

  it("is_edit 1 changes an unpublished rule; is_edit 0 on an existing prefix is 85071", async () => {
    const mp = await miniProgram();
    const prefix = `${site()}/shop/`;
    expect((await mp.call("qrcodejumpadd", rule(prefix))).errcode).toBe(0);
    expect((await mp.call("qrcodejumpadd", rule(prefix, { path: "pages/other/other" }))).errcode).toBe(85071);
    expect((await mp.call("qrcodejumpadd", rule(prefix, { path: "pages/shop/shop", open_version: 3, permit_sub_rule: 2, is_edit: 1 }))).errcode).toBe(0);
    const got = await mp.call("qrcodejumpget", {});
    expect(got.rule_list).toEqual([{ prefix, permit_sub_rule: 2, path: "pages/shop/shop", open_version: 3, debug_url: [], state: 1 }]);
    expect(got.list_size).toBe(1);
  });

  it("85066 for a link the platform does not accept as a rule", async () => {
    const mp = await miniProgram();
    for (const prefix of ["ftp://files.sandbox-qr.cn/a", "not a url", "https://127.0.0.1/a", "https://localhost/a", "https://x.sandbox-qr.cn/a#frag", "https://u:p@x.sandbox-qr.cn/"]) {
      expect((await mp.call("qrcodejumpadd", rule(prefix))).errcode, prefix).toBe(85066);
    }
    expect((await mp.call("qrcodejumpget", {})).list_size).toBe(0);
  });

  it("85068 when a debug_url does not match the prefix under the client's matching rules", async () => {
    const mp = await miniProgram();
    const base = site();
    expect((await mp.call("qrcodejumpadd", rule(`${base}/a/b`, { debug_url: [`${base}/a/bc`] }))).errcode).toBe(85068);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/a/b`, { debug_url: [`${base}/a/b/123`] }))).errcode).toBe(85068);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/a/b`, { debug_url: ["https://elsewhere.sandbox-qr.cn/a/b"] }))).errcode).toBe(85068);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/a/b`, { debug_url: [`${base}/a/b?id=1`, `${base}/a/b`] }))).errcode).toBe(0);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/dir/`, { debug_url: [`${base}/dir/123`] }))).errcode).toBe(0);
    expect(linkMatchesRule("https://a.cn/mp?id=123", "https://a.cn/mp?id=1234")).toBe(true);
    expect(linkMatchesRule("https://a.cn/mp?id=123", "https://a.cn/mp?id=132")).toBe(false);
  });

  it("40097 invalid args: >5 debug URLs, out-of-range enums, editing an unknown or a published rule (assump.)", async () => {
    const mp = await miniProgram();
    const base = site();
    const six = Array.from({ length: 6 }, (_, i) => `${base}/p?i=${i}`);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { debug_url: six }))).errcode).toBe(40097);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { permit_sub_rule: 3 }))).errcode).toBe(40097);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { open_version: 0 }))).errcode).toBe(40097);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { is_edit: 1 }))).errcode).toBe(40097);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { path: undefined }))).errcode).toBe(47001);

    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`))).errcode).toBe(0);
    await release(mp.appid);
    expect((await mp.call("qrcodejumppublish", { prefix: `${base}/p` })).errcode).toBe(0);
    expect((await mp.call("qrcodejumpadd", rule(`${base}/p`, { path: "pages/x/x", is_edit: 1 }))).errcode).toBe(40097);
    expect(((await mp.call("qrcodejumpget", {})).rule_list as Body[])[0]).toMatchObject({ path: "pages/index/index", state: 2 });
  });

  it("85072 when another mini-program holds the prefix or an exclusive rule above it", async () => {
    const owner = await miniProgram();
    const rival = await miniProgram();
    const base = site();
    expect((await owner.call("qrcodejumpadd", rule(`${base}/same`))).errcode).toBe(0);
    const taken = await rival.call("qrcodejumpadd", rule(`${base}/same`));
    expect(taken.errcode).toBe(85072);
    expect(String(taken.errmsg)).toMatch(/^prefix owned by other rid: /);

    // Non-exclusive rule: others may add sub-rules. Exclusive (2): they may not.
    expect((await rival.call("qrcodejumpadd", rule(`${base}/same?shop=1`))).errcode).toBe(0);
    expect((await owner.call("qrcodejumpadd", rule(`${base}/excl/`, { permit_sub_rule: 2 }))).errcode).toBe(0);
    expect((await rival.call("qrcodejumpadd", rule(`${base}/excl/42`))).errcode).toBe(85072);
    // (assump.) nor may an exclusive rule swallow another app's existing rule.
    expect((await owner.call("qrcodejumpadd", rule(`${base}/same?`, { permit_sub_rule: 2 }))).errcode).toBe(85072);
    // Once the owner deletes its rule, the prefix is free.
    expect((await owner.call("qrcodejumpdelete", { prefix: `${base}/same` })).errcode).toBe(0);
    expect((await rival.call("qrcodejumpadd", rule(`${base}/same`))).errcode).toBe(0);
  });

  it(`85073 when the list holds ${QR_RULE_LIMIT} rules (assump. cap from the admin guide)`, async () => {
    const mp = await miniProgram();
    const base = site();
    const rules: QrJumpRule[] = Array.from({ length: QR_RULE_LIMIT }, (_, i) => ({ prefix: `${base}/r${i}/`, permit_sub_rule: 1, path: "pages/index/index", open_version: 3, debug_url: [], state: 1 }));
    await mutateState(mp.appid, (state) => ({ state: { ...state, qrRules: rules }, result: undefined }));
    expect((await mp.call("qrcodejumpadd", rule(`${base}/one-more`))).errcode).toBe(85073);
    // Editing an existing rule is not adding one.
    expect((await mp.call("qrcodejumpadd", rule(`${base}/r0/`, { path: "pages/x/x", is_edit: 1 }))).errcode).toBe(0);
    expect((await mp.call("qrcodejumpget", {})).list_size).toBe(QR_RULE_LIMIT);
  });

  it("85075 for a personal mini-program (principal_name 个人) on add and publish", async () => {
    const mp = await miniProgram({ principalName: "个人" });
    const prefix = `${site()}/p`;
    expect((await mp.call("qrcodejumpadd", rule(prefix))).errcode).toBe(85075);
    expect((await mp.call("qrcodejumppublish", { prefix })).errcode).toBe(85075);
  });

  it("61007 without permission set 3 or 18; either one is enough", async () => {
    const none = await miniProgram({ funcInfo: [17, 19] });
    expect((await none.call("qrcodejumpget", {})).errcode).toBe(61007);
    const only3 = await miniProgram({ funcInfo: [3] });
    expect((await only3.call("qrcodejumpget", {})).errcode).toBe(0);
    const only18 = await miniProgram({ funcInfo: [18] });
    expect((await only18.call("qrcodejumpadd", rule(`${site()}/x`))).errcode).toBe(0);
  });

  it("qrcodejumpdownload answers a verification file, the same on every call, different per mini-program", async () => {
    const a = await miniProgram();
    const b = await miniProgram();
    const first = await a.call("qrcodejumpdownload", {});
    expect(Object.keys(first).sort()).toEqual(["errcode", "errmsg", "file_content", "file_name"]);
    expect(first.errcode).toBe(0);
    expect(first.file_name).toMatch(/^[0-9a-f]{10}\.txt$/);
    expect(first.file_content).toMatch(/^[0-9a-f]{32}$/);
    expect(await a.call("qrcodejumpdownload", {})).toEqual(first);
    expect((await b.call("qrcodejumpdownload", {})).file_name).not.toBe(first.file_name);
    expect((await a.call("qrcodejumpdownload")).errcode).toBe(44002);
  });

  it("qrcodejumpdelete (documented example) removes the rule; an unknown prefix is 40097 (assump.)", async () => {
    const mp = await miniProgram();
    const base = site();
    await mp.call("qrcodejumpadd", rule(`${base}/keep`));
    await mp.call("qrcodejumpadd", rule(`${base}/drop`));
    expect(await mp.call("qrcodejumpdelete", { prefix: `${base}/drop` })).toEqual({ errcode: 0, errmsg: "ok" });
    const got = await mp.call("qrcodejumpget", {});
    expect((got.rule_list as Body[]).map((r) => r.prefix)).toEqual([`${base}/keep`]);
    expect(got.qrcodejump_open).toBe(1);
    expect((await mp.call("qrcodejumpdelete", { prefix: `${base}/drop` })).errcode).toBe(40097);
    expect((await mp.call("qrcodejumpdelete", {})).errcode).toBe(47001);
  });

  it("qrcodejumppublish: 85074 without a released version; then state 2 and one publish spent", async () => {
    const mp = await miniProgram();
    const prefix = `${site()}/pub`;
    await mp.call("qrcodejumpadd", rule(prefix));
    const unreleased = await mp.call("qrcodejumppublish", { prefix });
    expect(unreleased.errcode).toBe(85074);
    expect(((await mp.call("qrcodejumpget", {})).rule_list as Body[])[0]!.state).toBe(1);

    await release(mp.appid);
    expect(await mp.call("qrcodejumppublish", { prefix })).toEqual({ errcode: 0, errmsg: "ok" });
    const got = await mp.call("qrcodejumpget", {});
    expect((got.rule_list as Body[])[0]!.state).toBe(2);
    expect(got.qrcodejump_pub_quota).toBe(99);
    expect((await mp.call("qrcodejumppublish", { prefix: `${prefix}/unknown` })).errcode).toBe(40097);
    // A published rule can still be deleted (the way to change it).
    expect((await mp.call("qrcodejumpdelete", { prefix })).errcode).toBe(0);
  });

  it("886000 when this China month's publishes are used up; last month's do not count", async () => {
    const mp = await miniProgram();
    const prefix = `${site()}/quota`;
    await mp.call("qrcodejumpadd", rule(prefix));
    await release(mp.appid);
    await mutateState(mp.appid, (state) => ({ state: { ...state, qrPublish: { month: chinaMonth(), used: 100 } }, result: undefined }));
    expect((await mp.call("qrcodejumpget", {})).qrcodejump_pub_quota).toBe(0);
    expect((await mp.call("qrcodejumppublish", { prefix })).errcode).toBe(886000);

    await mutateState(mp.appid, (state) => ({ state: { ...state, qrPublish: { month: "2000-01", used: 100 } }, result: undefined }));
    expect((await mp.call("qrcodejumpget", {})).qrcodejump_pub_quota).toBe(100);
    expect((await mp.call("qrcodejumppublish", { prefix })).errcode).toBe(0);
    expect((await getAuthorizer(mp.appid))!.state.qrPublish).toEqual({ month: chinaMonth(), used: 1 });
  });
});

describe("QR-jump refusals the sandbox takes from its settings (control surface `settings.qrJump`)", () => {
  const setQrJump = async (qrJump: Partial<SandboxSettings["qrJump"]>) => {
    const current = await getSettings();
    await updateSettings({ qrJump: { ...current.qrJump, ...qrJump } });
  };
  afterEach(() => setQrJump({ hostsWithoutFile: [], blacklistedHosts: [], unfiledHosts: [], requestsPerSecond: 0 }));

  it("85070 on add for a blacklisted host and its subdomains; other hosts are accepted", async () => {
    const mp = await miniProgram();
    await setQrJump({ blacklistedHosts: ["black.sandbox-qr.cn"] });
    expect((await mp.call("qrcodejumpadd", rule("https://black.sandbox-qr.cn/x"))).errcode).toBe(85070);
    expect((await mp.call("qrcodejumpadd", rule("https://m.black.sandbox-qr.cn/x"))).errcode).toBe(85070);
    expect((await mp.call("qrcodejumpadd", rule(`${site()}/x`))).errcode).toBe(0);
    expect((await mp.call("qrcodejumpget", {})).list_size).toBe(1);
  });

  it("85076 on add for a host without ICP filing", async () => {
    const mp = await miniProgram();
    await setQrJump({ unfiledHosts: ["nofiling.sandbox-qr.cn"] });
    expect(await mp.call("qrcodejumpadd", rule("https://nofiling.sandbox-qr.cn/x"))).toEqual({ errcode: 85076, errmsg: expect.stringContaining("icp") });
  });

  it("85069 on publish while the host does not serve the verification file; publishes once it does", async () => {
    const mp = await miniProgram();
    const prefix = `${site()}/file`;
    await mp.call("qrcodejumpadd", rule(prefix));
    await release(mp.appid);
    await setQrJump({ hostsWithoutFile: [new URL(prefix).hostname] });
    expect((await mp.call("qrcodejumppublish", { prefix })).errcode).toBe(85069);
    const got = await mp.call("qrcodejumpget", {});
    expect((got.rule_list as Body[])[0]!.state).toBe(1);
    expect(got.qrcodejump_pub_quota).toBe(100);

    await setQrJump({ hostsWithoutFile: [] });
    expect((await mp.call("qrcodejumppublish", { prefix })).errcode).toBe(0);
  });

  it("44990 for the 6th qrcodejump* call of one mini-program within a second, when the limit is set; others are not slowed", async () => {
    const mp = await miniProgram();
    const other = await miniProgram();
    await setQrJump({ requestsPerSecond: 5 });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await mp.call("qrcodejumpget", {})).errcode);
    expect(codes).toEqual([0, 0, 0, 0, 0, 44990]);
    expect((await other.call("qrcodejumpget", {})).errcode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await mp.call("qrcodejumpget", {})).errcode).toBe(0);
  });
});
