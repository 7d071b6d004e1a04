import { describe, expect, it } from "vitest";
import { checkExtJson, LOCATION_APIS, type CheckContext } from "./rules";

const PAGES = ["pages/index/index", "pages/list/list", "pages/detail/detail"];
const custom: CheckContext = { kind: "custom", templatePages: PAGES };
const keysOf = (text: string, context: CheckContext = custom) => checkExtJson(text, context).issues.map((i) => i.key);
const only = (text: string, context: CheckContext = custom) => {
  const { issues } = checkExtJson(text, context);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

// Seed 002's normal-template example, with its `plugin` typo corrected and the template's pages.
const DOC_EXAMPLE = JSON.stringify(
  {
    extAppid: "",
    ext: { attr1: "value1", attr2: "value2" },
    extPages: { "pages/index/index": {}, "pages/list/list": {} },
    pages: ["pages/index/index", "pages/list/list"],
    window: {},
    networkTimeout: {},
    tabBar: {},
    plugins: {},
  },
  null,
  2,
);

describe("ext_json checks", () => {
  it("accepts the documents' example and every allowed key, and returns the parsed value", () => {
    const result = checkExtJson(DOC_EXAMPLE, custom);
    expect(result.issues).toEqual([]);
    expect(result.value).toMatchObject({ extAppid: "", ext: { attr1: "value1" } });
    const all = `{"extEnable":true,"directCommit":false,"subPackages":[],"functionPages":true,"customOpen":{},"navigateToMiniProgramAppIdList":[],"requiredPrivateInfos":[],"sitemap":{}}`;
    expect(keysOf(all)).toEqual([]);
  });

  it("refuses text that is not JSON at the line and column where it breaks", () => {
    const issue = only('{\n  "ext": {\n    "a": 1,\n  }\n}');
    expect(issue).toMatchObject({ key: "parse", code: 85048, line: 4, column: 3 });
    expect(only("")).toMatchObject({ key: "empty", line: 1 });
    expect(only('{"a":"x\ny"}').key).toBe("parse");
  });

  it("refuses JSON that is not an object (85013)", () => {
    expect(only("[1]")).toMatchObject({ key: "notObject", code: 85013 });
    expect(only('"x"').key).toBe("notObject");
  });

  it("refuses an unknown top-level key at its line, naming it", () => {
    const issue = only('{\n  "ext": {},\n  "plugin": {}\n}');
    expect(issue).toMatchObject({ key: "unknownKey", values: { key: "plugin" }, line: 3, column: 3 });
    expect(keysOf('{"plugins":{}}')).toEqual([]);
  });

  it("refuses a key given twice", () => {
    expect(only('{"ext":{},\n"ext":{}}')).toMatchObject({ key: "duplicateKey", line: 2 });
  });

  it("limits a standard template to extAppid, ext and window (9402203)", () => {
    const standard: CheckContext = { kind: "standard", templatePages: null };
    expect(keysOf('{"extAppid":"wx1","ext":{"a":1},"window":{}}', standard)).toEqual([]);
    expect(only('{"ext":{},\n"pages":["pages/index/index"]}', standard)).toMatchObject({ key: "standardKey", code: 9402203, values: { key: "pages" }, line: 2 });
  });

  it("wants extAppid a string and ext an object", () => {
    expect(keysOf('{"extAppid":"wx123","ext":{"shop":"a"}}')).toEqual([]);
    expect(only('{"extAppid":123}')).toMatchObject({ key: "mustBeString", values: { key: "extAppid" } });
    expect(only('{"ext":[1]}')).toMatchObject({ key: "mustBeObject", values: { key: "ext" }, code: 85013 });
    expect(only('{"window":"dark"}')).toMatchObject({ key: "mustBeObject", values: { key: "window" } });
    expect(only('{"extEnable":"yes"}')).toMatchObject({ key: "mustBeBoolean", values: { key: "extEnable" } });
  });

  it("wants extPages an object of page → page.json objects, of pages the template has", () => {
    expect(keysOf('{"extPages":{"pages/index/index":{"navigationBarTitleText":"店"}}}')).toEqual([]);
    expect(only('{"extPages":[]}')).toMatchObject({ key: "mustBeObject", values: { key: "extPages" } });
    expect(only('{"extPages":{"pages/index/index":"x"}}')).toMatchObject({ key: "extPageNotObject", values: { page: "pages/index/index" } });
    expect(only('{"extPages":{\n"pages/nope":{}}}')).toMatchObject({ key: "extPageNotInTemplate", code: 85045, line: 2 });
    // Unknown template pages: nothing to compare with.
    expect(keysOf('{"extPages":{"pages/nope":{}}}', { templatePages: null })).toEqual([]);
  });

  it("accepts pages that are a subset of the template's, refuses a new or an empty list", () => {
    expect(keysOf('{"pages":["pages/list/list","pages/index/index"]}')).toEqual([]);
    const issue = only('{\n  "pages": [\n    "pages/index/index",\n    "pages/new/new"\n  ]\n}');
    expect(issue).toMatchObject({ key: "pageNotInTemplate", code: 85045, values: { page: "pages/new/new" }, line: 4, column: 5 });
    expect(only('{"pages":[]}')).toMatchObject({ key: "pagesEmpty", code: 85047 });
    expect(only('{"pages":[1]}').key).toBe("pageNotString");
    expect(only('{"pages":"index"}')).toMatchObject({ key: "mustBeArray", values: { key: "pages" } });
    expect(keysOf('{"pages":["anything"]}', { templatePages: null })).toEqual([]);
  });

  it("wants every tabBar.list pagePath among the pages (85046 when missing)", () => {
    const ok = '{"pages":["pages/index/index","pages/list/list"],"tabBar":{"list":[{"pagePath":"pages/list/list","text":"列表"}]}}';
    expect(keysOf(ok)).toEqual([]);
    // Without ext_json pages, the template's pages count.
    expect(keysOf('{"tabBar":{"list":[{"pagePath":"pages/detail/detail"}]}}')).toEqual([]);
    const notInPages = '{"pages":["pages/index/index"],\n"tabBar":{"list":[{"pagePath":"pages/list/list"}]}}';
    expect(only(notInPages)).toMatchObject({ key: "tabBarPathNotInPages", code: 85045, values: { page: "pages/list/list" }, line: 2 });
    expect(only('{"tabBar":{"list":[{"text":"x"}]}}')).toMatchObject({ key: "tabBarPathMissing", code: 85046 });
    expect(only('{"tabBar":{"list":[{"pagePath":""}]}}').key).toBe("tabBarPathMissing");
    expect(only('{"tabBar":{"list":{}}}')).toMatchObject({ key: "mustBeArray", values: { key: "tabBar.list" } });
  });

  it("accepts every location API of 表1 and a compatible set", () => {
    for (const api of LOCATION_APIS) expect(keysOf(`{"requiredPrivateInfos":["${api}"]}`)).toEqual([]);
    expect(keysOf('{"requiredPrivateInfos":["getLocation","onLocationChange","startLocationUpdate","chooseLocation"]}')).toEqual([]);
    expect(keysOf('{"requiredPrivateInfos":["getFuzzyLocation","chooseAddress","choosePoi"]}')).toEqual([]);
  });

  it("refuses a misspelt or malformed location API name (85310)", () => {
    expect(only('{"requiredPrivateInfos":[\n"getlocation"]}')).toMatchObject({ key: "privateInfoUnknown", code: 85310, values: { name: "getlocation" }, line: 2 });
    expect(only('{"requiredPrivateInfos":["wx.getLocation"]}').key).toBe("privateInfoUnknown");
    expect(only('{"requiredPrivateInfos":[3]}')).toMatchObject({ key: "privateInfoUnknown", values: { name: "3" } });
    expect(only('{"requiredPrivateInfos":"getLocation"}')).toMatchObject({ key: "mustBeArray", code: 85310 });
  });

  it("refuses approximate and precise location together (85311), at the second one", () => {
    for (const precise of ["getLocation", "onLocationChange", "startLocationUpdate", "startLocationUpdateBackground"]) {
      const issue = only(`{"requiredPrivateInfos":["getFuzzyLocation",\n"${precise}"]}`);
      expect(issue).toMatchObject({ key: "privateInfoExclusive", code: 85311, values: { a: "getFuzzyLocation", b: precise }, line: 2 });
    }
  });
});
