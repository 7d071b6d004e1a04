import { describe, expect, it } from "vitest";
import { getAuthorizer } from "../registry";
import { DEFAULT_SETTINGS } from "../settings";
import { insertTemplate, patchState, readQr, sandboxHarness } from "@/scripts/vitest/sandbox";
import { trialQrText } from "./code";

const sandbox = sandboxHarness();

// Seed 002 (commit), 普通模板库代码提交的示例 and 标准模板库代码提交的示例: the ext_json strings exactly as documented.
const DOC_NORMAL_EXT =
  '{"extAppid":"","ext":{"attr1":"value1","attr2":"value2"},"extPages":{"index":{},"search/index":{}},"pages":["index","search/index"],"window":{},"networkTimeout":{},"tabBar":{},"plugin":{}}';
const DOC_STANDARD_EXT = '{"extAppid":"","ext":{"attr1":"value1","attr2":"value2"},"window":{}}';
const DOC_PAGES = ["index", "search/index", "page/list", "page/detail"];

/** An authorizer with a token and a normal template of DOC_PAGES on its platform. */
async function setup(input: Parameters<typeof sandbox.authorizerWithToken>[0] = {}) {
  const s = await sandbox.authorizerWithToken(input);
  const templateId = await insertTemplate(s.platform.componentAppid, { pages: DOC_PAGES });
  const commit = (ext_json: unknown, extra: Record<string, unknown> = {}) =>
    sandbox.call("/wxa/commit", { token: s.token, body: { template_id: templateId, ext_json, user_version: "V1.0", user_desc: "test", ...extra } });
  const trial = async () => (await getAuthorizer(s.authorizer.appid))!.state.trial;
  return { ...s, templateId, commit, trial };
}

describe("POST /wxa/commit", () => {
  it("commits the document's normal-template example and answers exactly {errcode:0, errmsg:ok}", async () => {
    const s = await setup();
    // The document writes template_id as a string ("0"); the platform takes it as a number.
    const answer = await s.commit(DOC_NORMAL_EXT, { template_id: String(s.templateId) });
    expect(answer.body).toEqual({ errcode: 0, errmsg: "ok" });
    const trial = (await s.trial())!;
    expect(trial).toMatchObject({ templateId: s.templateId, extJson: DOC_NORMAL_EXT, userVersion: "V1.0", userDesc: "test", pages: ["index", "search/index"] });
    expect(trial.scanReadyAt - trial.committedAt).toBe(DEFAULT_SETTINGS.privacyScanMs);
    expect(Math.abs(trial.committedAt - Date.now())).toBeLessThan(10_000);
    expect(trial.privacy).toEqual({ withoutAuth: [], withoutConf: [] });
  });

  it("commits the standard-template example; a standard template refuses other keys with 9402203", async () => {
    const s = await sandbox.authorizerWithToken();
    const templateId = await insertTemplate(s.platform.componentAppid, { pages: ["index"], templateType: 1 });
    const body = { template_id: templateId, ext_json: DOC_STANDARD_EXT, user_version: "V1.0", user_desc: "test" };
    expect((await sandbox.call("/wxa/commit", { token: s.token, body })).body).toEqual({ errcode: 0, errmsg: "ok" });
    const refused = await sandbox.call("/wxa/commit", { token: s.token, body: { ...body, ext_json: DOC_NORMAL_EXT } });
    expect(refused.body.errcode).toBe(9402203);
  });

  it("commits the requiredPrivateInfos example and records the privacy scan's inputs", async () => {
    const s = await setup();
    const answer = await s.commit('{"requiredPrivateInfos":["onLocationChange","startLocationUpdate"]}', { template_id: String(s.templateId) });
    expect(answer.body.errcode).toBe(0);
    expect((await s.trial())!.pages).toEqual(DOC_PAGES);
  });

  it("answers each ext_json error code and leaves the previous trial in place", async () => {
    const s = await setup();
    expect((await s.commit(JSON.stringify({ pages: ["index"] }), { user_version: "V0.9" })).body.errcode).toBe(0);
    const before = await s.trial();
    const cases: [unknown, number][] = [
      ["{not json", 85048],
      ["[1,2]", 85013],
      [JSON.stringify({ window: "dark" }), 85013],
      [JSON.stringify({ pages: ["index", "pages/new"] }), 85045],
      [JSON.stringify({ extPages: { "pages/nope": {} } }), 85045],
      [JSON.stringify({ tabBar: { list: [{ text: "Home" }] } }), 85046],
      [JSON.stringify({ pages: [] }), 85047],
      [JSON.stringify({ requiredPrivateInfos: ["getLocation", "getUserPhone"] }), 85310],
      [JSON.stringify({ requiredPrivateInfos: "getLocation" }), 85310],
      [JSON.stringify({ requiredPrivateInfos: ["getFuzzyLocation", "getLocation"] }), 85311],
      [JSON.stringify({ requiredPrivateInfos: ["startLocationUpdate", "getFuzzyLocation"] }), 85311],
      // ext_json must be a JSON *string*: an object is a data format error (assump.).
      [{ pages: ["index"] }, 47001],
    ];
    for (const [ext, code] of cases) {
      const answer = await s.commit(ext);
      expect(answer.body.errcode, JSON.stringify(ext)).toBe(code);
      expect(String(answer.body.errmsg)).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    }
    expect(await s.trial()).toEqual(before);
  });

  it("85014 for an unknown template and for another platform's template; 47001 for bad fields; 44002 for no body", async () => {
    const s = await setup();
    const other = await sandbox.platformWithTicket();
    const foreign = await insertTemplate(other.componentAppid, { pages: DOC_PAGES });
    expect((await s.commit("{}", { template_id: 999_999 })).body.errcode).toBe(85014);
    expect((await s.commit("{}", { template_id: foreign })).body.errcode).toBe(85014);
    expect((await s.commit("{}", { user_version: "v".repeat(65) })).body.errcode).toBe(47001);
    expect((await s.commit("{}", { user_version: "v".repeat(64) })).body.errcode).toBe(0);
    expect((await s.commit("{}", { template_id: "abc" })).body.errcode).toBe(47001);
    expect((await sandbox.call("/wxa/commit", { token: s.token, body: { template_id: s.templateId, user_version: "1", user_desc: "" } })).body.errcode).toBe(47001);
    expect((await sandbox.call("/wxa/commit", { token: s.token })).body.errcode).toBe(44002);
  });

  it("needs permission set 18 (61007) and an authorizer token (a component token is 40001)", async () => {
    const s = await setup({ funcInfo: [17, 19] });
    expect((await s.commit("{}")).body.errcode).toBe(61007);
    const componentToken = await sandbox.componentToken(s.platform);
    const answer = await sandbox.call("/wxa/commit", { token: componentToken, body: { template_id: s.templateId, ext_json: "{}", user_version: "1", user_desc: "" } });
    expect(answer.body.errcode).toBe(40001);
  });
});

describe("the trial version", () => {
  it("GET /wxa/get_page: 86001 before any commit, then the trial's pages", async () => {
    const s = await setup();
    expect((await sandbox.call("/wxa/get_page", { method: "GET", token: s.token })).body.errcode).toBe(86001);
    await s.commit(DOC_NORMAL_EXT);
    const answer = await sandbox.call("/wxa/get_page", { method: "GET", token: s.token });
    expect(answer.body).toEqual({ errcode: 0, errmsg: "ok", page_list: ["index", "search/index"] });
  });

  it("GET /wxa/get_qrcode: a real JPEG whose code carries the appid and the requested path", async () => {
    const s = await setup();
    const none = await sandbox.fetch("/wxa/get_qrcode", { method: "GET", token: s.token });
    expect(none.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await none.json()) as { errcode: number }).errcode).toBe(86001);

    await s.commit(JSON.stringify({ pages: ["page/list", "index"] }));
    // The document's example query: path=page%2Findex%3Faction%3D1 (urlencoded once).
    const res = await sandbox.fetch("/wxa/get_qrcode", { method: "GET", token: s.token, query: { path: "page/index?action=1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="QRCode.jpg"');
    const qr = readQr(new Uint8Array(await res.arrayBuffer()));
    expect(qr.width).toBeGreaterThanOrEqual(430);
    expect(qr.text).toBe(trialQrText(s.authorizer.appid, "page/index?action=1"));
    expect(qr.text).toContain(s.authorizer.appid);
    expect(qr.text).toContain("path=page%2Findex%3Faction%3D1");

    // No path: the trial's first page.
    const home = await sandbox.fetch("/wxa/get_qrcode", { method: "GET", token: s.token });
    expect(readQr(new Uint8Array(await home.arrayBuffer())).text).toBe(trialQrText(s.authorizer.appid, "page/list"));

    // (assump.) An over-long path is refused as JSON 40097 rather than overflowing the code.
    const long = await sandbox.call("/wxa/get_qrcode", { method: "GET", token: s.token, query: { path: "index?q=" + "x".repeat(600) } });
    expect(long.body.errcode).toBe(40097);
  });

  it("GET /wxa/security/get_code_privacy_info: 86001, then 61039 while the scan runs, then the lists", async () => {
    const s = await setup();
    const get = () => sandbox.call("/wxa/security/get_code_privacy_info", { method: "GET", token: s.token });
    expect((await get()).body.errcode).toBe(86001);
    // The code calls three location APIs; ext_json declares two of them, one of which the app may not use.
    const privacyApis = ["startLocationUpdateBackground", "onLocationChange", "chooseAddress"];
    const templateId = await insertTemplate(s.platform.componentAppid, { pages: DOC_PAGES, privacyApis });
    await s.commit(JSON.stringify({ requiredPrivateInfos: ["startLocationUpdateBackground", "chooseAddress"] }), { template_id: templateId });
    expect((await get()).body.errcode).toBe(61039);
    await patchState(s.authorizer.appid, (st) => ({ ...st, trial: { ...st.trial!, scanReadyAt: Date.now() - 1 } }));
    expect((await get()).body).toEqual({
      errcode: 0,
      errmsg: "ok",
      without_auth_list: ["wx.startLocationUpdateBackground"],
      without_conf_list: ["wx.onLocationChange"],
    });
    // A new commit starts a new scan ("不要将上传代码和提交代码审核两个接口一起重试").
    await s.commit("{}");
    expect((await get()).body.errcode).toBe(61039);
  });
});

describe("GET /wxa/get_category", () => {
  it("answers the authorizer's categories in the document's shape (third level only where there is one)", async () => {
    // The document's example category_list, set as the authorizer's categories.
    const categories = [
      { first_class: "工具", second_class: "备忘录", first_id: 1, second_id: 2 },
      { first_class: "教育", second_class: "学历教育", third_class: "高等", first_id: 3, second_id: 4, third_id: 5 },
    ];
    const s = await sandbox.authorizerWithToken({ categories });
    const answer = await sandbox.call("/wxa/get_category", { method: "GET", token: s.token });
    expect(answer.body).toEqual({ errcode: 0, errmsg: "ok", category_list: categories });
  });
});
