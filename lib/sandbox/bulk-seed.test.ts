import { describe, expect, it } from "vitest";
import { call, commit, control, controlHarness, fleet, submitAudit, tokenFor, type Json } from "@/scripts/vitest/sandbox-bulk";
import { inShare } from "./seed-world";

/** POST /sandbox/control/seed-authorizers: a fleet whose mini-programs differ the way a bulk job meets them. */
controlHarness();

const TOOLS = { first_class: "工具", second_class: "效率", first_id: 287, second_id: 616 };
const EXPO = { first_class: "商业服务", second_class: "会展服务", first_id: 150, second_id: 652 };
const item = (category: Json, address = "pages/index/index") => ({ ...category, address, tag: "工具", title: "首页" });

describe("seed-authorizers", () => {
  it("creates 1,000 authorizers in one statement, varied by privacy share, category sets and page sets", async () => {
    const f = await fleet(1000, {
      nickname_prefix: "Bulk",
      privacy_share: 0.25,
      category_sets: [[TOOLS, EXPO], [TOOLS], []],
      page_sets: [["pages/index/index", "pages/list/list"], ["pages/index/index"], []],
    });
    console.log(`[bench] seed-authorizers: 1000 authorizers in ${f.seeded.elapsed_ms} ms`);
    expect(f.seeded).toMatchObject({ component_appid: f.componentAppid, created: 1000, platform_created: false });
    const list = f.authorizers;
    expect(list).toHaveLength(1000);
    expect(new Set(list.map((a) => a.appid)).size).toBe(1000);
    expect(list.filter((a) => a.needs_privacy)).toHaveLength(250);
    // Spread evenly: one in every four.
    expect(list.slice(0, 8).map((a) => a.needs_privacy)).toEqual([false, false, false, true, false, false, false, true]);
    expect(list.map((a) => a.category_set).slice(0, 4)).toEqual([0, 1, 2, 0]);
    expect(list.map((a) => a.page_set).slice(0, 4)).toEqual([0, 1, 2, 0]);
    expect(list[0]).toMatchObject({ nickname: "Bulk 1", func_info: expect.arrayContaining([18]), categories: [TOOLS, EXPO] });
    expect(list[0]!.refresh_token).toMatch(/^refreshtoken@@@/);
    expect(list[2]!.categories).toEqual([]);

    const { body: state } = await control(`state?component_appid=${f.componentAppid}&limit=0`);
    expect(state.authorizers_total).toBe(1000);
    const { body: one } = await control(`state?appid=${list[1]!.appid}`);
    expect(one.authorizers[0]).toMatchObject({ nickname: "Bulk 2", categories: [TOOLS], trial: { user_version: "seed", scan_ready: true } });
  });

  it("each variant behaves over HTTP: pages, missing categories, and the privacy declaration a commit must make", async () => {
    const f = await fleet(4, {
      privacy_share: 0.5,
      privacy_apis: ["getLocation", "chooseLocation"],
      category_sets: [[TOOLS], []],
      page_sets: [["pages/list/list"], []],
    });
    await control("settings", { body: { privacyScanMs: 0 } });
    const [plain, needy, , needyBare] = f.authorizers as Json[];
    expect([plain!.needs_privacy, needy!.needs_privacy, needyBare!.needs_privacy]).toEqual([false, true, true]);
    const [tPlain, tNeedy, tNeedyBare] = [await tokenFor(f, plain!), await tokenFor(f, needy!), await tokenFor(f, needyBare!)];

    // Pages: the seeded trial's, or nothing committed (86001).
    expect((await call("/wxa/get_page", { token: tPlain, method: "GET" })).body).toMatchObject({ errcode: 0, page_list: ["pages/list/list"] });
    expect((await call("/wxa/get_page", { token: tNeedy, method: "GET" })).body.errcode).toBe(86001);
    // Categories: the set given, or none at all (an audit naming one is refused, 85008).
    expect((await call("/wxa/get_category", { token: tNeedy, method: "GET" })).body.category_list).toEqual([]);
    expect((await call("/wxa/get_category", { token: tPlain, method: "GET" })).body.category_list).toEqual([TOOLS]);
    expect((await submitAudit(tPlain, { item_list: [item(TOOLS, "pages/list/list")] })).body.errcode).toBe(0);

    // Privacy: a commit that does not declare the APIs this mini-program's code uses leaves 61040 for submit_audit.
    expect((await commit(tNeedy, f.templateId)).body.errcode).toBe(0);
    const scan = await call("/wxa/security/get_code_privacy_info", { token: tNeedy, method: "GET" });
    expect(scan.body).toMatchObject({ errcode: 0, without_conf_list: ["wx.getLocation", "wx.chooseLocation"], without_auth_list: [] });
    expect((await submitAudit(tNeedy)).body.errcode).toBe(61040);
    expect((await submitAudit(tNeedy, { privacy_api_not_use: true })).body.errcode).toBe(0);
    // Declared in requiredPrivateInfos: accepted.
    const declared = await commit(tNeedyBare, f.templateId, { extAppid: "wx0000000000000001", requiredPrivateInfos: ["getLocation", "chooseLocation"] });
    expect(declared.body.errcode).toBe(0);
    expect((await call("/wxa/security/get_code_privacy_info", { token: tNeedyBare, method: "GET" })).body.without_conf_list).toEqual([]);
    // This one lacks every category: an item naming one is refused (85008); without items it goes through.
    expect((await submitAudit(tNeedyBare, { item_list: [item(TOOLS)] })).body.errcode).toBe(85008);
    expect((await submitAudit(tNeedyBare)).body.errcode).toBe(0);
  });

  it("defaults: no trial, the default categories, nobody needing a declaration; an unknown platform is 404; bad input 400", async () => {
    const f = await fleet(3);
    expect(f.authorizers.map((a) => [a.needs_privacy, a.page_set, a.category_set])).toEqual([
      [false, null, 0],
      [false, null, 0],
      [false, null, 0],
    ]);
    expect(f.authorizers[0]!.categories).toEqual([TOOLS, EXPO]);
    expect(await control("seed-authorizers", { body: { count: 1, component_appid: "wx0000000000000000" } })).toMatchObject({ status: 404, body: { error: "platform_not_found" } });
    for (const [body, field] of [
      [{ count: 0 }, "count"],
      [{ count: 10_001 }, "count"],
      [{ count: 1, privacy_share: 1.5 }, "privacy_share"],
      [{ count: 1, privacy_apis: ["getPhoneNumber"] }, "privacy_apis.0"],
      [{ count: 1, page_sets: [] }, "page_sets"],
      [{ count: 1, category_sets: [[{ first_class: "x" }]] }, "category_sets.0.0.second_class"],
    ] as [Json, string][]) {
      const res = await control("seed-authorizers", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: Json) => i.path)).toContain(field);
    }
    expect((await control("state?limit=0")).body.authorizers_total).toBe(3);
  });

  it("spreads a share evenly", () => {
    const picks = (n: number, share: number) => Array.from({ length: n }, (_, i) => i).filter((i) => inShare(i, share));
    expect(picks(10, 0)).toEqual([]);
    expect(picks(10, 1)).toHaveLength(10);
    expect(picks(10, 0.3)).toEqual([3, 6, 9]);
    expect(picks(1000, 0.125)).toHaveLength(125);
  });
});
