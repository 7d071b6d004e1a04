import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { createDraft } from "../drafts";
import { createPlatform } from "../registry";
import { sandboxTemplates } from "../schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { TEMPLATE_LIMIT } from "./templates";

const sandbox = sandboxHarness();

type Body = Record<string, unknown>;
const call = async (path: string, token: string, init: { method?: "GET" | "POST"; body?: unknown; query?: Record<string, string> } = {}) =>
  (await sandbox.call(path, { token, ...init })).body;
const get = (path: string, token: string, query?: Record<string, string>) => call(path, token, { method: "GET", query });

async function platformAndToken() {
  const platform = await sandbox.platformWithTicket();
  return { componentAppid: platform.componentAppid, token: await sandbox.componentToken(platform) };
}

const draftFor = (componentAppid: string, source: string, userVersion = "1.0.0") =>
  createDraft(componentAppid, {
    userVersion,
    userDesc: "首页改版",
    pages: ["pages/index/index", "pages/detail/detail"],
    sourceMiniprogramAppid: source,
    sourceMiniprogram: "开发小程序",
    developer: "dev-bob",
  });

const nowSeconds = () => Math.floor(Date.now() / 1000);
const TEMPLATE_KEYS = ["create_time", "user_version", "user_desc", "template_id", "draft_id", "source_miniprogram_appid", "source_miniprogram", "developer", "template_type", "category_list"];

describe("template library (component token)", () => {
  it("gettemplatedraftlist answers the documented draft fields for the token's platform only", async () => {
    const { componentAppid, token } = await platformAndToken();
    const { componentAppid: other } = await createPlatform();
    const draft = await draftFor(componentAppid, "wxsrc000000000001");
    await draftFor(other, "wxsrc000000000009");

    const body = await get("/wxa/gettemplatedraftlist", token);
    expect(body.errcode).toBe(0);
    expect(body.errmsg).toBe("ok");
    const list = body.draft_list as Body[];
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]!).sort()).toEqual(
      ["create_time", "user_version", "user_desc", "draft_id", "source_miniprogram_appid", "source_miniprogram", "developer"].sort(),
    );
    expect(list[0]).toMatchObject({
      draft_id: draft.draftId,
      user_version: "1.0.0",
      user_desc: "首页改版",
      source_miniprogram_appid: "wxsrc000000000001",
      source_miniprogram: "开发小程序",
      developer: "dev-bob",
    });
    expect(Math.abs((list[0]!.create_time as number) - nowSeconds())).toBeLessThan(60);
  });

  it("addtotemplate (documented example) copies the draft into a type-0 template listed by gettemplatelist", async () => {
    const { componentAppid, token } = await platformAndToken();
    const draft = await draftFor(componentAppid, "wxsrc000000000002", "2.3.4");
    const added = await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId } });
    expect(added).toEqual({ errcode: 0, errmsg: "ok" });

    const [row] = await db.select().from(sandboxTemplates).where(eq(sandboxTemplates.componentAppid, componentAppid));
    expect(row!.pages).toEqual(["pages/index/index", "pages/detail/detail"]);

    const body = await get("/wxa/gettemplatelist", token);
    expect(body.errcode).toBe(0);
    const list = body.template_list as Body[];
    expect(list).toHaveLength(1);
    // Ordinary templates: category_list is [] and the standard-only audit fields are absent.
    expect(Object.keys(list[0]!).sort()).toEqual([...TEMPLATE_KEYS].sort());
    expect(list[0]).toMatchObject({
      template_id: row!.templateId,
      draft_id: draft.draftId,
      user_version: "2.3.4",
      user_desc: "首页改版",
      source_miniprogram_appid: "wxsrc000000000002",
      source_miniprogram: "开发小程序",
      developer: "dev-bob",
      template_type: 0,
      category_list: [],
    });
    // Adding does not consume the draft.
    expect((await get("/wxa/gettemplatedraftlist", token)).draft_list).toHaveLength(1);
  });

  it("template_type 1 adds a standard template with its audit fields; gettemplatelist filters by the query's template_type", async () => {
    const { componentAppid, token } = await platformAndToken();
    const draft = await draftFor(componentAppid, "wxsrc000000000003");
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId, template_type: 0 } })).errcode).toBe(0);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId, template_type: 1 } })).errcode).toBe(0);

    const all = (await get("/wxa/gettemplatelist", token)).template_list as Body[];
    expect(all.map((t) => t.template_type)).toEqual([0, 1]);
    const standard = (await get("/wxa/gettemplatelist", token, { template_type: "1" })).template_list as Body[];
    expect(standard).toHaveLength(1);
    expect(Object.keys(standard[0]!).sort()).toEqual([...TEMPLATE_KEYS, "audit_scene", "audit_status", "reason"].sort());
    expect(standard[0]).toMatchObject({ template_type: 1, category_list: [], audit_status: 0 });
    const ordinary = (await get("/wxa/gettemplatelist", token, { template_type: "0" })).template_list as Body[];
    expect(ordinary.map((t) => t.template_id)).toEqual([all[0]!.template_id]);

    expect((await get("/wxa/gettemplatelist", token, { template_type: "7" })).errcode).toBe(47001);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId, template_type: 2 } })).errcode).toBe(47001);
  });

  it("addtotemplate: 85064 for an unknown draft or another platform's draft, 47001 without draft_id", async () => {
    const { token } = await platformAndToken();
    const { componentAppid: other } = await createPlatform();
    const foreign = await draftFor(other, "wxsrc000000000004");
    const unknown = await call("/wxa/addtotemplate", token, { body: { draft_id: 987654 } });
    expect(unknown.errcode).toBe(85064);
    expect(String(unknown.errmsg)).toMatch(/ rid: /);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: foreign.draftId } })).errcode).toBe(85064);
    expect((await call("/wxa/addtotemplate", token, { body: {} })).errcode).toBe(47001);
  });

  it("a replaced draft is gone: adding the old draft_id is 85064", async () => {
    const { componentAppid, token } = await platformAndToken();
    const old = await draftFor(componentAppid, "wxsrc000000000005", "1.0.0");
    const fresh = await draftFor(componentAppid, "wxsrc000000000005", "1.0.1");
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: old.draftId } })).errcode).toBe(85064);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: fresh.draftId } })).errcode).toBe(0);
  });

  it(`caps the library at ${TEMPLATE_LIMIT} templates: 85065 until one is deleted`, async () => {
    const { componentAppid, token } = await platformAndToken();
    const draft = await draftFor(componentAppid, "wxsrc000000000006");
    const rows = Array.from({ length: TEMPLATE_LIMIT }, (_, i) => ({
      componentAppid,
      draftId: draft.draftId,
      userVersion: `0.0.${i}`,
      sourceMiniprogramAppid: draft.sourceMiniprogramAppid,
      sourceMiniprogram: draft.sourceMiniprogram,
      developer: draft.developer,
    }));
    const inserted = await db.insert(sandboxTemplates).values(rows).returning({ id: sandboxTemplates.templateId });
    // Another platform's templates do not count towards this platform's cap.
    const { token: otherToken, componentAppid: other } = await platformAndToken();
    const otherDraft = await draftFor(other, "wxsrc000000000007");
    expect((await call("/wxa/addtotemplate", otherToken, { body: { draft_id: otherDraft.draftId } })).errcode).toBe(0);

    const full = await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId } });
    expect(full.errcode).toBe(85065);
    expect(String(full.errmsg)).toMatch(/^template list is full rid: /);
    expect((await get("/wxa/gettemplatelist", token)).template_list).toHaveLength(TEMPLATE_LIMIT);

    expect((await call("/wxa/deletetemplate", token, { body: { template_id: inserted[0]!.id } })).errcode).toBe(0);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId } })).errcode).toBe(0);
    expect((await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId } })).errcode).toBe(85065);
  });

  it("gettemplatelist must be GET: POST is 43001 require GET method", async () => {
    const { token } = await platformAndToken();
    const posted = await call("/wxa/gettemplatelist", token, { body: {} });
    expect(posted.errcode).toBe(43001);
    expect(String(posted.errmsg)).toMatch(/^require GET method rid: /);
    expect((await call("/wxa/gettemplatedraftlist", token, { body: {} })).errcode).toBe(43001);
    // And the POST-only ones refuse GET.
    expect((await get("/wxa/addtotemplate", token)).errcode).toBe(43002);
  });

  it("deletetemplate (documented example) removes the template; unknown or another platform's id is 85064", async () => {
    const { componentAppid, token } = await platformAndToken();
    const draft = await draftFor(componentAppid, "wxsrc000000000008");
    await call("/wxa/addtotemplate", token, { body: { draft_id: draft.draftId } });
    const [template] = (await get("/wxa/gettemplatelist", token)).template_list as Body[];

    const { token: otherToken } = await platformAndToken();
    expect((await call("/wxa/deletetemplate", otherToken, { body: { template_id: template!.template_id } })).errcode).toBe(85064);

    expect(await call("/wxa/deletetemplate", token, { body: { template_id: template!.template_id } })).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await get("/wxa/gettemplatelist", token)).template_list).toEqual([]);
    expect((await call("/wxa/deletetemplate", token, { body: { template_id: template!.template_id } })).errcode).toBe(85064);
    expect((await call("/wxa/deletetemplate", token, { body: {} })).errcode).toBe(47001);
  });

  it("refuses an authorizer token (61014): the template library belongs to the platform", async () => {
    const { token } = await sandbox.authorizerWithToken();
    expect((await get("/wxa/gettemplatelist", token)).errcode).toBe(61014);
  });
});
