import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, type World } from "@/scripts/vitest/wechat";
import { getAuthorizer } from "@/lib/sandbox/registry";
import { getSettings, updateSettings, type SandboxSettings } from "@/lib/sandbox/settings";
import { deleteQrJumpRuleAction, publishQrJumpRuleAction, saveQrJumpRuleAction } from "./actions";
import { GET } from "./file/route";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The QR-jump tab's actions and file download, called as the browser calls them, against the sandbox over HTTP. */

const sandbox = sandboxHarness();
let w: World;
beforeAll(async () => {
  w = await createWorld(sandbox, { nickname: "扫码店" });
});

let hosts = 0;
const site = () => `https://shop${++hosts}.qr-actions.cn`;
const rule = (prefix: string, extra: Partial<Parameters<typeof saveQrJumpRuleAction>[0] & object> = {}) => ({
  tenantId: w.tenant.id,
  prefix,
  path: "pages/index/index",
  scope: "trial" as const,
  exclusive: false,
  debugUrls: [] as string[],
  edit: false,
  ...extra,
});
const rulesOnPlatform = async () => (await getAuthorizer(w.tenant.appid))!.state.qrRules ?? [];
const release = () => patchState(w.tenant.appid, (s) => ({ ...s, online: { appVersion: 1, userVersion: "1.0.0", userDesc: "", commitTime: 1, releasedAt: 2, auditid: 3 } }));
const setQrJump = async (qrJump: Partial<SandboxSettings["qrJump"]>) => updateSettings({ qrJump: { ...(await getSettings()).qrJump, ...qrJump } });

afterEach(() => setQrJump({ hostsWithoutFile: [], blacklistedHosts: [], unfiledHosts: [] }));

describe("the QR-jump rules of one tenant", () => {
  it("adds, edits, is refused publishing before a release (85074 explained), publishes after it, then deletes", async () => {
    await signInAs("operator");
    inLocale("en");
    const prefix = `${site()}/qr`;
    expect(await saveQrJumpRuleAction(rule(prefix, { debugUrls: [`${prefix}?id=1`] }))).toEqual({ ok: true, data: { prefix } });
    expect(await rulesOnPlatform()).toEqual([{ prefix, path: "pages/index/index", open_version: 2, permit_sub_rule: 1, debug_url: [`${prefix}?id=1`], state: 1 }]);

    expect(await saveQrJumpRuleAction(rule(prefix, { edit: true, scope: "develop", exclusive: true, path: "pages/list/list" }))).toMatchObject({ ok: true });
    expect(await rulesOnPlatform()).toEqual([{ prefix, path: "pages/list/list", open_version: 1, permit_sub_rule: 2, debug_url: [], state: 1 }]);

    expect(await publishQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual({
      ok: false,
      error: "85074 — The mini-program has no released version: release code before publishing QR-code rules.",
      code: 85074,
      rid: expect.any(String),
    });
    expect((await rulesOnPlatform())[0]!.state).toBe(1);

    await release();
    expect(await publishQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual({ ok: true, data: { prefix } });
    expect((await rulesOnPlatform())[0]!.state).toBe(2);

    expect(await deleteQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual({ ok: true, data: { prefix } });
    expect(await rulesOnPlatform()).toEqual([]);
  });

  it("refuses to edit a published rule, saying why, without sending the edit", async () => {
    await signInAs("operator");
    inLocale("en");
    const prefix = `${site()}/locked`;
    await saveQrJumpRuleAction(rule(prefix));
    await release();
    await publishQrJumpRuleAction({ tenantId: w.tenant.id, prefix });
    const result = await saveQrJumpRuleAction(rule(prefix, { edit: true, path: "pages/other/other" }));
    expect(result).toEqual({ ok: false, error: translate("qrJump.errors.publishedNotEditable", { prefix }) });
    expect((await rulesOnPlatform()).find((r) => r.prefix === prefix)).toMatchObject({ path: "pages/index/index", state: 2 });
  });

  it("refuses a test link the platform would refuse (85068) next to the field, sending nothing: a startsWith match is not enough", async () => {
    await signInAs("operator");
    inLocale("zh-CN");
    const prefix = `${site()}/qr`;
    const before = await allUpstreamCalls();
    const result = await saveQrJumpRuleAction(rule(prefix, { debugUrls: [`${prefix}?a=1`, `${prefix}x`] }));
    expect(result).toEqual({
      ok: false,
      error: translate("qrJump.errors.debugUrlOutside", { url: `${prefix}x`, prefix }),
      fieldErrors: { debugUrls: [translate("validation.qrJumpDebugUrl")] },
    });
    expect(await allUpstreamCalls()).toBe(before);
  });

  it("refuses a prefix that is not an http(s) link on a named host, and more than 5 test links, sending nothing", async () => {
    await signInAs("operator");
    inLocale("en");
    const before = await allUpstreamCalls();
    expect(await saveQrJumpRuleAction(rule("ftp://shop.qr-actions.cn/x"))).toMatchObject({ ok: false, fieldErrors: { prefix: [translate("validation.qrJumpPrefix")] } });
    expect(await saveQrJumpRuleAction(rule("https://10.1.2.3/x"))).toMatchObject({ ok: false, error: translate("qrJump.errors.prefix") });
    const prefix = `${site()}/`;
    const six = Array.from({ length: 6 }, (_, i) => `${prefix}${i}`);
    expect(await saveQrJumpRuleAction(rule(prefix, { debugUrls: six }))).toMatchObject({ ok: false, error: translate("qrJump.errors.tooManyDebugUrls", { max: 5 }) });
    expect(await allUpstreamCalls()).toBe(before);
  });

  it.each([
    ["85070 blacklisted", "blacklistedHosts", 85070, "en"],
    ["85076 without ICP filing", "unfiledHosts", 85076, "zh-CN"],
  ] as const)("shows %s with its meaning when adding", async (_name, setting, code, locale) => {
    await signInAs("operator");
    inLocale(locale);
    const prefix = `${site()}/x`;
    await setQrJump({ [setting]: [new URL(prefix).hostname] });
    const result = await saveQrJumpRuleAction(rule(prefix));
    const { describeErrcode } = await import("@/lib/platforms/wechat/errors");
    expect(result).toEqual({ ok: false, error: `${code} — ${describeErrcode(code, locale).message}`, code, rid: expect.any(String) });
    expect((await rulesOnPlatform()).some((r) => r.prefix === prefix)).toBe(false);
  });

  it("shows 85069 with its meaning when publishing while the host does not serve the verification file", async () => {
    await signInAs("operator");
    inLocale("en");
    const prefix = `${site()}/file`;
    await saveQrJumpRuleAction(rule(prefix));
    await release();
    await setQrJump({ hostsWithoutFile: [new URL(prefix).hostname] });
    const { describeErrcode } = await import("@/lib/platforms/wechat/errors");
    expect(await publishQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual({ ok: false, error: `85069 — ${describeErrcode(85069, "en").message}`, code: 85069, rid: expect.any(String) });
    expect((await rulesOnPlatform()).find((r) => r.prefix === prefix)!.state).toBe(1);
  });

  it("refuses a viewer every change, on the server, sending nothing", async () => {
    await signInAs("operator");
    const prefix = `${site()}/viewer`;
    await saveQrJumpRuleAction(rule(prefix));
    await signInAs("viewer");
    inLocale("en");
    const before = await allUpstreamCalls();
    const refused = { ok: false, error: translate("errors.forbidden") };
    expect(await saveQrJumpRuleAction(rule(`${site()}/new`))).toEqual(refused);
    expect(await saveQrJumpRuleAction(rule(prefix, { edit: true, path: "pages/x/x" }))).toEqual(refused);
    expect(await publishQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual(refused);
    expect(await deleteQrJumpRuleAction({ tenantId: w.tenant.id, prefix })).toEqual(refused);
    expect(await allUpstreamCalls()).toBe(before);
    expect((await rulesOnPlatform()).find((r) => r.prefix === prefix)).toMatchObject({ path: "pages/index/index", state: 1 });
  });
});

describe("GET /tenants/[tenantId]/qrcode-jump/file", () => {
  const get = () => GET(new Request(`http://console.test/tenants/${w.tenant.id}/qrcode-jump/file`), { params: Promise.resolve({ tenantId: w.tenant.id }) });

  it("downloads the platform's verification file under its own name, for a viewer too", async () => {
    await signInAs("viewer");
    const token = await sandbox.authorizerToken(w.platform, (await getAuthorizer(w.tenant.appid))!);
    const expected = (await sandbox.call("/cgi-bin/wxopen/qrcodejumpdownload", { token, body: {} })).body;
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${expected.file_name as string}"`);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe(expected.file_content);
  });

  it("refuses a signed-out caller", async () => {
    await signInAs(null);
    expect((await get()).status).toBe(401);
  });
});
