import { describe, expect, it } from "vitest";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { createBaiduDraft } from "./api/templates";

const baidu = baiduHarness();
const T = "/rest/2.0/smartapp/template";

describe("template management (TP token)", () => {
  it("lists drafts with paging, adds one to the library (user_desc ≤ 30), lists and deletes templates", async () => {
    const platform = await baidu.platformWithTicket();
    const tp = await baidu.tpToken(platform);
    const drafts = [];
    for (let i = 1; i <= 3; i++) drafts.push(await createBaiduDraft(platform.clientId, { userVersion: `1.0.${i}`, userDesc: `draft ${i}` }));

    const page = await baidu.call(`${T}/gettemplatedraftlist`, { method: "GET", token: tp, params: { page: 1, page_size: 2 } });
    expect(page.body.errno).toBe(0);
    expect(page.body.data.count).toBe(3);
    expect(page.body.data.list).toHaveLength(2);
    expect(page.body.data.list[0]).toEqual({ draft_id: drafts[2]!.draftId, user_version: "1.0.3", user_desc: "draft 3", create_time: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} /) });
    const second = await baidu.call(`${T}/gettemplatedraftlist`, { method: "GET", token: tp, params: { page: 2, page_size: 2 } });
    expect(second.body.data.list.map((d: { draft_id: number }) => d.draft_id)).toEqual([drafts[0]!.draftId]);

    expect((await baidu.call(`${T}/addtotemplate`, { token: tp, params: { draft_id: drafts[0]!.draftId, user_desc: "x".repeat(31) } })).body.errno).toBe(40001);
    expect((await baidu.call(`${T}/addtotemplate`, { token: tp, params: { draft_id: 987_654, user_desc: "t" } })).body.errno).toBe(60009);
    const added = await baidu.call(`${T}/addtotemplate`, { token: tp, params: { draft_id: drafts[0]!.draftId, user_desc: "三十个字以内的模板描述" } });
    expect(added.body.errno).toBe(0);
    const templateId = added.body.data.template_id as number;
    expect(templateId).toEqual(expect.any(Number));

    const templates = await baidu.call(`${T}/gettemplatelist`, { method: "GET", token: tp });
    expect(templates.body.data).toEqual({ count: 1, list: [{ template_id: templateId, user_version: "1.0.1", user_desc: "三十个字以内的模板描述", create_time: expect.any(String) }] });

    expect((await baidu.call(`${T}/deltemplate`, { token: tp, params: { template_id: templateId } })).body).toEqual({ errno: 0, msg: "success", data: { result: 1 } });
    expect((await baidu.call(`${T}/deltemplate`, { token: tp, params: { template_id: templateId } })).body.errno).toBe(60008);
    expect((await baidu.call(`${T}/gettemplatelist`, { method: "GET", token: tp })).body.data.count).toBe(0);
  });

  it("keeps each platform's library its own, and refuses an app token and a bad page_size", async () => {
    const mine = await baidu.platformWithTicket();
    const { token: appToken, tp: theirs } = await baidu.appWithToken();
    await createBaiduDraft(mine.clientId, { userVersion: "9.9.9" });
    expect((await baidu.call(`${T}/gettemplatedraftlist`, { method: "GET", token: theirs })).body.data.count).toBe(0);
    expect((await baidu.call(`${T}/gettemplatedraftlist`, { method: "GET", token: appToken })).body.errno).toBe(110);
    expect((await baidu.call(`${T}/gettemplatelist`, { method: "GET", token: theirs, params: { page_size: 101 } })).body.errno).toBe(40001);
    expect((await baidu.call(`${T}/addtotemplate`, { method: "GET", token: theirs })).body.errno).toBe(60405);
  });
});
