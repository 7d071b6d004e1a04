import { describe, expect, it } from "vitest";
import { mergeExtJson } from "./merge";
import { prepareExtJson } from "./prepare";
import { renderExtJson, variablesOf } from "./render";

const tenant = { appid: "wx1234567890abcdef", nickname: "小店", principalName: "某某有限公司", originalId: "gh_abc", variables: { shop_id: "42", brand: "Acme" } };
const vars = variablesOf(tenant);

describe("variable rendering", () => {
  it("renders the four built-in variables for the tenant", () => {
    const out = renderExtJson('{"extAppid":"{{appid}}","ext":{"n":"{{ nickname }}","p":"{{principal_name}}","o":"{{original_id}}"}}', vars);
    expect(out.issues).toEqual([]);
    expect(JSON.parse(out.text)).toEqual({ extAppid: "wx1234567890abcdef", ext: { n: "小店", p: "某某有限公司", o: "gh_abc" } });
    expect(out.used.sort()).toEqual(["appid", "nickname", "original_id", "principal_name"]);
  });

  it("renders the tenant's custom variables, inside a longer string too", () => {
    const out = renderExtJson('{"ext":{"url":"https://x.example/{{shop_id}}?b={{brand}}"}}', vars);
    expect(JSON.parse(out.text)).toEqual({ ext: { url: "https://x.example/42?b=Acme" } });
  });

  it("keeps built-ins over a custom variable of the same name", () => {
    expect(variablesOf({ ...tenant, variables: { appid: "forged" } }).appid).toBe("wx1234567890abcdef");
  });

  it("refuses an unknown variable at its line and column", () => {
    const out = renderExtJson('{\n  "ext": {"a": "x{{shopid}}"}\n}', vars);
    expect(out.issues).toEqual([expect.objectContaining({ key: "unknownVariable", values: { name: "shopid" }, line: 2, column: 18 })]);
  });

  it("escapes quotes, backslashes and line breaks so the JSON stays valid", () => {
    const tricky = { ...vars, brand: 'He said "hi"\\ \nnext\tline' };
    const out = renderExtJson('{"ext":{"b":"<{{brand}}>"}}', tricky);
    expect(JSON.parse(out.text)).toEqual({ ext: { b: '<He said "hi"\\ \nnext\tline>' } });
    expect(out.text.split("\n")).toHaveLength(1);
  });

  it("writes a variable outside a string as a JSON string", () => {
    const out = renderExtJson('{"ext":{"id":{{shop_id}}}}', vars);
    expect(JSON.parse(out.text)).toEqual({ ext: { id: "42" } });
  });

  it("does not mistake an escaped quote for the end of a string", () => {
    const out = renderExtJson('{"ext":{"a":"\\"{{brand}}\\""}}', { ...vars, brand: 'q"' });
    expect(JSON.parse(out.text)).toEqual({ ext: { a: '"q""' } });
  });
});

describe("preparing what commit sends", () => {
  it("sends the compact rendered JSON string", () => {
    const prepared = prepareExtJson('{\n  "extAppid": "{{appid}}",\n  "ext": {"shop": "{{shop_id}}"}\n}', vars);
    expect(prepared).toEqual({ ok: true, extJson: '{"extAppid":"wx1234567890abcdef","ext":{"shop":"42"}}', value: expect.any(Object), issues: [] });
  });

  it("points a check's issue at the text typed, after variables changed the columns", () => {
    const prepared = prepareExtJson('{"ext":{"a":"{{principal_name}}{{principal_name}}"}, "bad": 1}', vars);
    expect(prepared.ok).toBe(false);
    const issue = prepared.issues[0]!;
    expect(issue).toMatchObject({ key: "unknownKey", line: 1, column: 54 });
  });

  it("reports an unknown variable outside a string once, not also as broken JSON", () => {
    const prepared = prepareExtJson('{"ext":{"a":{{nope}}}}', vars);
    expect(prepared.issues.map((i) => i.key)).toEqual(["unknownVariable"]);
  });
});

describe("merge preview", () => {
  const app = {
    pages: ["pages/index/index", "pages/list/list"],
    window: { navigationBarTitleText: "模板", navigationBarBackgroundColor: "#fff" },
    tabBar: { color: "#000", list: [{ pagePath: "pages/index/index" }, { pagePath: "pages/list/list" }] },
    ext: { old: 1 },
    plugins: { a: { version: "1" } },
  };

  it("replaces pages, tabBar.list, ext and plugins; merges window and tabBar at the same level; inserts the rest", () => {
    const { appJson, pageJsons } = mergeExtJson(app, {
      extAppid: "wx1",
      pages: ["pages/list/list"],
      window: { navigationBarTitleText: "小店" },
      tabBar: { selectedColor: "#f00", list: [{ pagePath: "pages/list/list" }] },
      ext: { shop: "42" },
      plugins: { b: { version: "2" } },
      networkTimeout: { request: 5000 },
      extPages: { "pages/list/list": { navigationBarTitleText: "列表" } },
    });
    expect(appJson).toEqual({
      pages: ["pages/list/list"],
      window: { navigationBarTitleText: "小店", navigationBarBackgroundColor: "#fff" },
      tabBar: { color: "#000", selectedColor: "#f00", list: [{ pagePath: "pages/list/list" }] },
      ext: { shop: "42" },
      plugins: { b: { version: "2" } },
      networkTimeout: { request: 5000 },
      extAppid: "wx1",
    });
    expect(pageJsons).toEqual({ "pages/list/list": { navigationBarTitleText: "列表" } });
  });

  it("merges extPages into each page.json at the same level", () => {
    const { pageJsons } = mergeExtJson({}, { extPages: { index: { a: 2, c: 3 } } }, { index: { a: 1, b: 1 } });
    expect(pageJsons).toEqual({ index: { a: 2, b: 1, c: 3 } });
  });

  it("applies the rule to an empty base when the template's app.json is unknown", () => {
    expect(mergeExtJson({}, { window: { x: 1 } }).appJson).toEqual({ window: { x: 1 } });
  });
});
