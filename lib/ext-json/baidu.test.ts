import { describe, expect, it } from "vitest";
import { prepareExtJson } from "./prepare";
import { checkExtJson } from "./rules";

const baidu = { platform: "baidu" as const };
const keysOf = (text: string) => checkExtJson(text, baidu).issues.map((i) => i.key);

// The package document's own example (ext_json 需为 json 类型).
const DOC_EXAMPLE = JSON.stringify({
  extEnable: true,
  extAppid: "100000282",
  directCommit: false,
  ext: { name: "helloword", attr: { host: "open.baidu.com", users: ["user_1", "user_2"] } },
  extPages: { "pages/api/api": { navigationBarTitleText: "小程序接口能力展示open" } },
  window: { backgroundTextStyle: "light", navigationBarTitleText: "Demo" },
  tabBar: { list: [{ iconPath: "images/component_normal.png", pagePath: "pages/index", text: "首页open" }] },
  networkTimeout: { request: 20000, downloadFile: 20000 },
});

describe("Baidu ext_json checks", () => {
  it("accepts the document's example and the request example's short form", () => {
    expect(checkExtJson(DOC_EXAMPLE, baidu).issues).toEqual([]);
    expect(keysOf('{"extEnable":true, "directCommit":false}')).toEqual([]);
  });

  it("accepts both documented forms of extAppid (int, string of digits) and directCommit (boolean, string)", () => {
    expect(keysOf('{"extEnable":true,"extAppid":100000282,"directCommit":"true"}')).toEqual([]);
    expect(keysOf('{"extEnable":true,"extAppid":"wx123"}')).toEqual(["baiduAppid"]);
    expect(keysOf('{"extEnable":true,"extAppid":1.5}')).toEqual(["baiduAppid"]);
    expect(keysOf('{"extEnable":true,"directCommit":"yes"}')).toEqual(["mustBeBoolean"]);
  });

  it("requires extEnable as a boolean, shown at the opening brace", () => {
    const { issues } = checkExtJson('{\n  "ext": {}\n}', baidu);
    expect(issues).toEqual([expect.objectContaining({ key: "baiduExtEnableMissing", line: 1, column: 1, code: undefined })]);
    expect(keysOf('{"extEnable":"true"}')).toEqual(["mustBeBoolean"]);
  });

  it("refuses WeChat-only and unknown keys with Baidu's list, and carries no WeChat errcode", () => {
    const { issues } = checkExtJson('{"extEnable":true,"pages":[],"requiredPrivateInfos":["getLocation"],"plugin":{}}', baidu);
    expect(issues.map((i) => [i.key, i.values?.key, i.code])).toEqual([
      ["baiduUnknownKey", "pages", undefined],
      ["baiduUnknownKey", "requiredPrivateInfos", undefined],
      ["baiduUnknownKey", "plugin", undefined],
    ]);
    expect(issues[0]!.values?.allowed).toBe("extEnable, extAppid, directCommit, ext, extPages, window, tabBar, networkTimeout");
    expect(checkExtJson("", baidu).issues[0]).toMatchObject({ key: "empty", code: undefined });
    expect(checkExtJson("[]", baidu).issues[0]).toMatchObject({ key: "notObject", code: undefined });
  });

  it("checks the shapes of the app.json parts", () => {
    expect(keysOf('{"extEnable":true,"window":[],"ext":"x"}')).toEqual(["mustBeObject", "mustBeObject"]);
    expect(keysOf('{"extEnable":true,"extPages":{"pages/a":1}}')).toEqual(["extPageNotObject"]);
    expect(keysOf('{"extEnable":true,"networkTimeout":{"request":"20s"}}')).toEqual(["baiduTimeoutNotNumber"]);
    expect(keysOf('{"extEnable":true,"tabBar":{"list":[{"text":"a"}]}}')).toEqual(["tabBarPathMissing"]);
    expect(keysOf('{"extEnable":true,"extEnable":false}')).toEqual(["duplicateKey"]);
  });

  it("keeps WeChat's rules for WeChat (extEnable optional, pages allowed, Baidu's extAppid number refused)", () => {
    expect(checkExtJson('{"pages":["a"],"extAppid":"wx1"}').issues).toEqual([]);
    expect(checkExtJson('{"extAppid":100}').issues.map((i) => [i.key, i.code])).toEqual([["mustBeString", 85013]]);
  });

  it("renders the variables first: {{appid}} becomes the smart program's id", () => {
    const prepared = prepareExtJson('{"extEnable":true,"extAppid":"{{appid}}","ext":{"name":"{{nickname}}"}}', { appid: "12345678", nickname: "店" }, baidu);
    expect(prepared).toMatchObject({ ok: true, value: { extEnable: true, extAppid: "12345678", ext: { name: "店" } } });
  });
});
