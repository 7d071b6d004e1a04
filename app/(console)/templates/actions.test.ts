import { describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, historyOf, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { platformAccounts, templates } from "@/lib/db/schema";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { createDraft } from "@/lib/sandbox/drafts";
import { sandboxTemplates } from "@/lib/sandbox/schema";
import { TEMPLATE_LIMIT } from "@/lib/sandbox/api/templates";
import { draftBox, listDrafts, syncTemplates } from "@/lib/console/templates";
import { addFault, clearFaults } from "@/lib/sandbox/control-ops";
import { addToTemplatesAction, deleteTemplateAction, refreshTemplatesAction, syncStaleTemplatesAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The templates page's actions against the sandbox over HTTP: the table follows the platform's library. */

const sandbox = sandboxHarness();

const stored = async (accountId: string) =>
  (await db.select().from(templates).where(eq(templates.accountId, accountId))).sort((a, b) => a.templateId - b.templateId);
const onPlatform = async (componentAppid: string) =>
  (await db.select().from(sandboxTemplates).where(eq(sandboxTemplates.componentAppid, componentAppid))).sort((a, b) => a.templateId - b.templateId);
const syncedAt = async (accountId: string) =>
  (await db.select({ at: platformAccounts.templatesSyncedAt }).from(platformAccounts).where(eq(platformAccounts.id, accountId)))[0]!.at;

const draft = (w: World, userVersion: string, source = "wxsrc000000000001") =>
  createDraft(w.platform.componentAppid, { userVersion, userDesc: `desc ${userVersion}`, pages: ["pages/index/index"], sourceMiniprogramAppid: source, sourceMiniprogram: "开发小程序", developer: "dev-bob" });

describe("refresh", () => {
  it("writes exactly the platform's list, removes the templates it no longer lists, and keeps known pages", async () => {
    const w = await createWorld(sandbox);
    const kept = await insertTemplate(w.platform.componentAppid, { userVersion: "1.0.0", userDesc: "first" });
    const gone = await insertTemplate(w.platform.componentAppid, { userVersion: "1.1.0", userDesc: "second" });
    await signInAs("operator");
    expect(await refreshTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { count: 2 } });
    expect((await stored(w.account.id)).map((t) => [t.templateId, t.userVersion, t.userDesc, t.kind])).toEqual([
      [kept, "1.0.0", "first", "custom"],
      [gone, "1.1.0", "second", "custom"],
    ]);
    const firstSync = await syncedAt(w.account.id);
    expect(firstSync).toBeInstanceOf(Date);

    // A commit of the kept template taught the console its pages; a sync must not forget them.
    await db.update(templates).set({ pages: ["pages/index/index"] }).where(and(eq(templates.accountId, w.account.id), eq(templates.templateId, kept)));
    await db.delete(sandboxTemplates).where(eq(sandboxTemplates.templateId, gone));
    const added = await insertTemplate(w.platform.componentAppid, { userVersion: "2.0.0", templateType: 1 });
    expect(await refreshTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { count: 2 } });
    const rows = await stored(w.account.id);
    expect(rows.map((t) => [t.templateId, t.userVersion, t.kind, t.pages])).toEqual([
      [kept, "1.0.0", "custom", ["pages/index/index"]],
      [added, "2.0.0", "standard", null],
    ]);
    expect(rows.map((t) => t.templateId)).toEqual((await onPlatform(w.platform.componentAppid)).map((t) => t.templateId));
    expect((await syncedAt(w.account.id))!.getTime()).toBeGreaterThan(firstSync!.getTime());
  });

  it("empties the table when the platform lists nothing", async () => {
    const w = await createWorld(sandbox);
    const only = await insertTemplate(w.platform.componentAppid);
    await signInAs("admin");
    await refreshTemplatesAction({ accountId: w.account.id });
    expect((await stored(w.account.id)).map((t) => t.templateId)).toEqual([only]);
    await db.delete(sandboxTemplates).where(eq(sandboxTemplates.templateId, only));
    expect(await refreshTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { count: 0 } });
    expect(await stored(w.account.id)).toEqual([]);
  });

  it("the background sync calls the platform only when the last sync is older than five minutes (viewers included)", async () => {
    const w = await createWorld(sandbox);
    await insertTemplate(w.platform.componentAppid);
    await signInAs("viewer");
    expect(await syncStaleTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { synced: true } });
    expect(await stored(w.account.id)).toHaveLength(1);
    const upstream = await allUpstreamCalls();
    expect(await syncStaleTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { synced: false } });
    expect(await allUpstreamCalls()).toBe(upstream);
    await db.update(platformAccounts).set({ templatesSyncedAt: new Date(Date.now() - 6 * 60_000) }).where(eq(platformAccounts.id, w.account.id));
    expect(await syncStaleTemplatesAction({ accountId: w.account.id })).toEqual({ ok: true, data: { synced: true } });
  });


  it("a list read before the one already stored is dropped, so an overlapping older sync cannot bring back a deleted template", async () => {
    const w = await createWorld(sandbox);
    await insertTemplate(w.platform.componentAppid);
    const later = new Date(Date.now() + 60_000);
    await db.update(platformAccounts).set({ templatesSyncedAt: later }).where(eq(platformAccounts.id, w.account.id));
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, w.account.id));
    expect(await syncTemplates(account!)).toEqual({ count: 1, stored: false });
    expect(await stored(w.account.id)).toEqual([]);
    expect(await syncedAt(w.account.id)).toEqual(later);
  });
});

describe("add to template", () => {
  it("a draft box the platform refuses to list is shown as code and meaning in the page's language", async () => {
    const w = await createWorld(sandbox);
    const fault = await addFault({ path: "/wxa/gettemplatedraftlist", errcode: 48001, probability: 1 });
    try {
      expect(await draftBox(w.account.id, "en")).toEqual({ error: `48001 — ${describeErrcode(48001, "en").message}` });
      expect(await draftBox(w.account.id, "zh-CN")).toEqual({ error: `48001 — ${describeErrcode(48001, "zh-CN").message}` });
    } finally {
      await clearFaults({ id: fault!.id });
    }
    expect(await draftBox(w.account.id, "en")).toEqual({ drafts: [] });
  });

  it("the draft box is read from the platform in the console's words, the newer upload of one source replacing the older", async () => {
    const w = await createWorld(sandbox);
    await draft(w, "0.9.0");
    const newer = await draft(w, "1.0.0");
    const other = await draft(w, "2.0.0", "wxsrc000000000002");
    expect(await listDrafts(w.account)).toEqual([
      { draftId: newer.draftId, userVersion: "1.0.0", userDesc: "desc 1.0.0", createdAt: expect.any(Date), sourceAppid: "wxsrc000000000001", sourceName: "开发小程序", developer: "dev-bob" },
      expect.objectContaining({ draftId: other.draftId, userVersion: "2.0.0", sourceAppid: "wxsrc000000000002" }),
    ]);
  });

  it("makes a template of a draft, which then appears in the table with its source and developer", async () => {
    const w = await createWorld(sandbox);
    const d = await draft(w, "3.1.0");
    await signInAs("operator");
    const form = new FormData();
    form.set("accountId", w.account.id);
    form.set("draftId", String(d.draftId));
    expect(await addToTemplatesAction(form)).toEqual({ ok: true, data: { draftId: d.draftId } });
    const [platformCopy] = await onPlatform(w.platform.componentAppid);
    expect(platformCopy).toMatchObject({ draftId: d.draftId, templateType: 0 });
    expect(await stored(w.account.id)).toEqual([
      expect.objectContaining({
        templateId: platformCopy!.templateId,
        userVersion: "3.1.0",
        userDesc: "desc 3.1.0",
        kind: "custom",
        sourceAppid: "wxsrc000000000001",
        sourceName: "开发小程序",
        developer: "dev-bob",
        pages: null,
      }),
    ]);
    expect((await historyOf("wxa.addtotemplate")).at(-1)).toMatchObject({ ok: true });
  });

  it("a full library is refused with 85065 and its meaning, in both languages", async () => {
    const w = await createWorld(sandbox);
    const d = await draft(w, "9.9.9");
    await db.insert(sandboxTemplates).values(
      Array.from({ length: TEMPLATE_LIMIT }, (_, i) => ({
        componentAppid: w.platform.componentAppid,
        draftId: d.draftId,
        userVersion: `1.0.${i}`,
        sourceMiniprogramAppid: "wxsrc000000000001",
        sourceMiniprogram: "开发小程序",
        developer: "dev-bob",
      })),
    );
    await signInAs("operator");
    inLocale("en");
    expect(await addToTemplatesAction({ accountId: w.account.id, draftId: d.draftId })).toEqual({
      ok: false,
      code: 85065,
      error: `85065 — ${describeErrcode(85065, "en").message}`,
      rid: expect.any(String),
    });
    inLocale("zh-CN");
    expect(await addToTemplatesAction({ accountId: w.account.id, draftId: d.draftId })).toEqual({
      ok: false,
      code: 85065,
      error: `85065 — ${describeErrcode(85065, "zh-CN").message}`,
      rid: expect.any(String),
    });
    // The refusal re-read the library: the page now shows it full (200 / 200).
    expect(await stored(w.account.id)).toHaveLength(TEMPLATE_LIMIT);
  });

  it("a draft that is gone is refused with 85064 and its meaning", async () => {
    const w = await createWorld(sandbox);
    await signInAs("operator");
    inLocale("en");
    expect(await addToTemplatesAction({ accountId: w.account.id, draftId: 987654 })).toEqual({
      ok: false,
      code: 85064,
      error: `85064 — ${describeErrcode(85064, "en").message}`,
      rid: expect.any(String),
    });
  });
});

describe("delete", () => {
  it("removes the template on the platform and in the table, leaving the others", async () => {
    const w = await createWorld(sandbox);
    const keep = await insertTemplate(w.platform.componentAppid, { userVersion: "1.0.0" });
    const drop = await insertTemplate(w.platform.componentAppid, { userVersion: "1.1.0" });
    await signInAs("operator");
    await refreshTemplatesAction({ accountId: w.account.id });
    expect(await deleteTemplateAction({ accountId: w.account.id, templateId: drop })).toEqual({ ok: true, data: { templateId: drop } });
    expect((await onPlatform(w.platform.componentAppid)).map((t) => t.templateId)).toEqual([keep]);
    expect((await stored(w.account.id)).map((t) => t.templateId)).toEqual([keep]);
  });

  it("a template already gone on the platform answers 85064 in the operator's language and the table drops it too", async () => {
    const w = await createWorld(sandbox);
    const gone = await insertTemplate(w.platform.componentAppid);
    await signInAs("operator");
    await refreshTemplatesAction({ accountId: w.account.id });
    await db.delete(sandboxTemplates).where(eq(sandboxTemplates.templateId, gone));
    inLocale("zh-CN");
    expect(await deleteTemplateAction({ accountId: w.account.id, templateId: gone })).toEqual({
      ok: false,
      code: 85064,
      error: `85064 — ${describeErrcode(85064, "zh-CN").message}`,
      rid: expect.any(String),
    });
    expect(await stored(w.account.id)).toEqual([]);
  });
});

describe("viewers read only", () => {
  it("cannot add, delete or refresh: each is refused before the platform is called", async () => {
    const w = await createWorld(sandbox);
    const d = await draft(w, "5.0.0");
    const template = await insertTemplate(w.platform.componentAppid);
    await signInAs("viewer");
    inLocale("en");
    const upstream = await allUpstreamCalls();
    const forbidden = { ok: false, error: translate("errors.forbidden") };
    expect(await refreshTemplatesAction({ accountId: w.account.id })).toEqual(forbidden);
    expect(await addToTemplatesAction({ accountId: w.account.id, draftId: d.draftId })).toEqual(forbidden);
    expect(await deleteTemplateAction({ accountId: w.account.id, templateId: template })).toEqual(forbidden);
    expect(await allUpstreamCalls()).toBe(upstream);
    expect((await onPlatform(w.platform.componentAppid)).map((t) => t.templateId)).toEqual([template]);
    expect(await stored(w.account.id)).toEqual([]);
  });

  it("an unknown account is refused with its own message", async () => {
    await signInAs("operator");
    inLocale("en");
    expect(await refreshTemplatesAction({ accountId: crypto.randomUUID() })).toEqual({ ok: false, error: translate("accounts.notFound") });
  });
});
