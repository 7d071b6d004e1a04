import { describe, expect, it } from "vitest";
import { SandboxError } from "./errors";
import { EXCLUSIVE_PAIRS, LOCATION_APIS, checkRequiredPrivateInfos, parseExtJson, privacyBlocksSubmit, privacyScan, type TemplateShape } from "./ext-json";

const normal: TemplateShape = { templateType: 0, pages: ["index", "search/index", "page/list", "pkg/a", "pkg/b"] };
const standard: TemplateShape = { templateType: 1, pages: ["index"] };

/** The errcode parseExtJson throws, or 0 when it accepts. */
function codeOf(fn: () => unknown): number {
  try {
    fn();
    return 0;
  } catch (error) {
    if (error instanceof SandboxError) return error.errcode;
    throw error;
  }
}
const check = (ext: unknown, template: TemplateShape = normal) => codeOf(() => parseExtJson(typeof ext === "string" ? ext : JSON.stringify(ext), template));

describe("parseExtJson: the document's examples", () => {
  it("accepts the normal-template example (with its stray `plugin` key) and keeps its pages subset", () => {
    // Seed 002, 普通模板库代码提交的示例: the ext_json string exactly as the document sends it.
    const raw =
      '{"extAppid":"","ext":{"attr1":"value1","attr2":"value2"},"extPages":{"index":{},"search/index":{}},"pages":["index","search/index"],"window":{},"networkTimeout":{},"tabBar":{},"plugin":{}}';
    const parsed = parseExtJson(raw, normal);
    expect(parsed.pages).toEqual(["index", "search/index"]);
    expect(parsed.config.ext).toEqual({ attr1: "value1", attr2: "value2" });
    expect(parsed.requiredPrivateInfos).toEqual([]);
  });

  it("accepts the standard-template example and uses every template page when ext_json has no `pages`", () => {
    const parsed = parseExtJson('{"extAppid":"","ext":{"attr1":"value1","attr2":"value2"},"window":{}}', standard);
    expect(parsed.pages).toEqual(["index"]);
  });

  it("accepts the requiredPrivateInfos example", () => {
    const parsed = parseExtJson('{"requiredPrivateInfos":["onLocationChange","startLocationUpdate"]}', normal);
    expect(parsed.requiredPrivateInfos).toEqual(["onLocationChange", "startLocationUpdate"]);
    expect(parsed.pages).toEqual(normal.pages);
  });
});

describe("parseExtJson: errors", () => {
  it("85048 for a string that is not JSON, 85013 for JSON that is not an object", () => {
    expect(check("{extAppid:1")).toBe(85048);
    expect(check("")).toBe(85048);
    expect(check("[]")).toBe(85013);
    expect(check('"text"')).toBe(85013);
    expect(check("null")).toBe(85013);
  });

  it("85013 when a known key has the wrong type", () => {
    expect(check({ ext: "x" })).toBe(85013);
    expect(check({ window: [] })).toBe(85013);
    expect(check({ extPages: { index: 1 } })).toBe(85013);
    expect(check({ extAppid: 1 })).toBe(85013);
    expect(check({ pages: "index" })).toBe(85013);
    expect(check({ pages: ["index", 2] })).toBe(85013);
    expect(check({ subPackages: [{ root: "pkg" }] })).toBe(85013);
  });

  it("85047 for an empty pages list, and when the template itself has no page", () => {
    expect(check({ pages: [] })).toBe(85047);
    expect(check({}, { templateType: 0, pages: [] })).toBe(85047);
  });

  it("85045 for pages, extPages, sub-package or tabBar paths that the template does not have", () => {
    expect(check({ pages: ["index", "new/page"] })).toBe(85045);
    expect(check({ extPages: { "missing/page": {} } })).toBe(85045);
    expect(check({ subPackages: [{ root: "pkg", pages: ["c"] }] })).toBe(85045);
    expect(check({ pages: ["index"], tabBar: { list: [{ pagePath: "page/list", text: "List" }] } })).toBe(85045);
  });

  it("85046 for a tabBar item without pagePath", () => {
    expect(check({ tabBar: { list: [{ text: "Home" }] } })).toBe(85046);
    expect(check({ tabBar: { list: [{ pagePath: "index", text: "Home" }] } })).toBe(0);
  });

  it("9402203 for a standard template given any key but extAppid/ext/window", () => {
    expect(check({ extAppid: "", pages: ["index"] }, standard)).toBe(9402203);
    expect(check({ requiredPrivateInfos: [] }, standard)).toBe(9402203);
    expect(check({ extAppid: "", ext: {}, window: {} }, standard)).toBe(0);
    // The same keys are fine for a normal template.
    expect(check({ extAppid: "", pages: ["index"] })).toBe(0);
  });

  it("85310 for a wrong API name or format; 85311 for every exclusive pair", () => {
    expect(check({ requiredPrivateInfos: "getLocation" })).toBe(85310);
    expect(check({ requiredPrivateInfos: ["getlocation"] })).toBe(85310);
    expect(check({ requiredPrivateInfos: ["wx.getLocation"] })).toBe(85310);
    expect(check({ requiredPrivateInfos: [1] })).toBe(85310);
    // Written out, not read from the module: the devtools rule "getFuzzyLocation 与 getLocation、onLocationChange、
    // startLocationUpdate、startLocationUpdateBackground 互斥".
    const precise = ["getLocation", "onLocationChange", "startLocationUpdate", "startLocationUpdateBackground"];
    for (const api of precise) expect(check({ requiredPrivateInfos: [api, "chooseAddress", "getFuzzyLocation"] }), api).toBe(85311);
    expect(EXCLUSIVE_PAIRS).toHaveLength(precise.length);
    expect(check({ requiredPrivateInfos: ["getFuzzyLocation", "chooseLocation", "choosePoi", "chooseAddress"] })).toBe(0);
    expect(check({ requiredPrivateInfos: ["getLocation", "onLocationChange", "startLocationUpdate", "startLocationUpdateBackground"] })).toBe(0);
  });

  it("names the offending API in the 85310/85311 errmsg", () => {
    expect(() => checkRequiredPrivateInfos(["getPhone"])).toThrow(/getPhone is wrong API name/);
    expect(() => checkRequiredPrivateInfos(["getLocation", "getFuzzyLocation"])).toThrow(/getFuzzyLocation and getLocation is mutually exclusive/);
    expect(LOCATION_APIS).toHaveLength(8);
  });
});

describe("parseExtJson: pages of the trial", () => {
  it("adds declared sub-package pages to an ext_json pages subset", () => {
    const parsed = parseExtJson(JSON.stringify({ pages: ["index"], subPackages: [{ root: "pkg/", pages: ["a"] }] }), normal);
    expect(parsed.pages).toEqual(["index", "pkg/a"]);
  });

  it("deduplicates repeated pages and API names", () => {
    const parsed = parseExtJson(JSON.stringify({ pages: ["index", "index"], requiredPrivateInfos: ["getLocation", "getLocation"] }), normal);
    expect(parsed.pages).toEqual(["index"]);
    expect(parsed.requiredPrivateInfos).toEqual(["getLocation"]);
  });
});

describe("privacyScan (seed 002; permissions assump.)", () => {
  it("finds nothing when the code uses no location API, whatever is declared", () => {
    expect(privacyScan([], [])).toEqual({ withoutAuth: [], withoutConf: [] });
    expect(privacyScan([], ["getLocation", "chooseAddress"])).toEqual({ withoutAuth: [], withoutConf: [] });
  });

  it("lists used APIs that ext_json does not declare, in 表1 order, with the wx. prefix", () => {
    expect(privacyScan(["chooseLocation", "getLocation"], [])).toEqual({ withoutAuth: [], withoutConf: ["wx.getLocation", "wx.chooseLocation"] });
    expect(privacyScan(["chooseLocation", "getLocation"], ["getLocation"])).toEqual({ withoutAuth: [], withoutConf: ["wx.chooseLocation"] });
    expect(privacyScan(["chooseLocation", "getLocation"], ["getLocation", "chooseLocation"])).toEqual({ withoutAuth: [], withoutConf: [] });
  });

  it("background location is not held even when declared", () => {
    expect(privacyScan(["startLocationUpdateBackground"], ["startLocationUpdateBackground"])).toEqual({
      withoutAuth: ["wx.startLocationUpdateBackground"],
      withoutConf: [],
    });
  });

  it("blocks a submission when either list is non-empty", () => {
    expect(privacyBlocksSubmit({ withoutAuth: [], withoutConf: [] })).toBe(false);
    expect(privacyBlocksSubmit({ withoutAuth: [], withoutConf: ["wx.getLocation"] })).toBe(true);
    expect(privacyBlocksSubmit({ withoutAuth: ["wx.startLocationUpdateBackground"], withoutConf: [] })).toBe(true);
  });
});
