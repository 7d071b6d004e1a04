import { beforeAll, describe, expect, it, vi } from "vitest";
import { desc, eq } from "drizzle-orm";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { commits, extJsonPresets, templates, tenants, trialQrCodes } from "@/lib/db/schema";
import { getAuthorizer } from "@/lib/sandbox/registry";
import { commitAction, deletePresetAction, savePresetAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The commit part of a tenant's Code tab, called as the browser calls it, against the sandbox over HTTP. */

const sandbox = sandboxHarness();
let w: World;
let templateId: number;
const PAGES = ["pages/index/index", "pages/list/list", "pages/detail/detail"];

beforeAll(async () => {
  w = await createWorld(sandbox, { nickname: "提交测试店" });
  await db.update(tenants).set({ variables: { shop_id: "S-42" } }).where(eq(tenants.id, w.tenant.id));
  templateId = await insertTemplate(w.platform.componentAppid, { pages: PAGES, userVersion: "V2.1" });
  await db.insert(templates).values({ accountId: w.account.id, templateId, userVersion: "V2.1", userDesc: "shop", kind: "custom", pages: PAGES });
});

const lastRow = async () => (await db.select().from(commits).where(eq(commits.tenantId, w.tenant.id)).orderBy(desc(commits.id)).limit(1))[0];
const cacheQr = () => db.insert(trialQrCodes).values({ tenantId: w.tenant.id, path: "", contentType: "image/jpeg", bytes: Buffer.from([1, 2, 3]) }).onConflictDoNothing();

describe("committing a template to one tenant", () => {
  it("renders the variables, sends the compact JSON string, records the commit and empties the QR cache", async () => {
    const operator = await signInAs("operator");
    await cacheQr();
    const extJson = '{\n  "extAppid": "{{appid}}",\n  "ext": {"shop": "{{shop_id}}", "name": "{{nickname}}"},\n  "pages": ["pages/index/index", "pages/list/list"]\n}';
    const result = await commitAction({ tenantId: w.tenant.id, templateId, userVersion: "", userDesc: "first", extJson });
    expect(result).toMatchObject({ ok: true, data: { userVersion: "V2.1" } });

    const sent = `{"extAppid":"${w.tenant.appid}","ext":{"shop":"S-42","name":"提交测试店"},"pages":["pages/index/index","pages/list/list"]}`;
    expect(await lastRow()).toMatchObject({ templateId, userVersion: "V2.1", userDesc: "first", extJson: sent, actorId: operator!.id, ok: true, errcode: null });
    expect(await db.select().from(trialQrCodes).where(eq(trialQrCodes.tenantId, w.tenant.id))).toEqual([]);
    const trial = (await getAuthorizer(w.tenant.appid))!.state.trial;
    expect(trial).toMatchObject({ templateId, userVersion: "V2.1", extJson: sent });
  });

  it("refuses an ext_json that fails a check at its line, sending and recording nothing", async () => {
    await signInAs("operator");
    inLocale("en");
    const before = await allUpstreamCalls();
    const lastId = (await lastRow())?.id;
    const result = await commitAction({ tenantId: w.tenant.id, templateId, userDesc: "x", extJson: '{\n  "ext": {},\n  "pages": ["pages/new/new"]\n}' });
    expect(result).toEqual({
      ok: false,
      error: translate("commit.errors.extJsonProblem", { count: 1, line: 3, column: 13, problem: translate("commit.check.pageNotInTemplate", { page: "pages/new/new" }) }),
      fieldErrors: { extJson: [translate("validation.invalid")] },
    });
    expect(await allUpstreamCalls()).toBe(before);
    expect((await lastRow())?.id).toBe(lastId);
  });

  it("refuses an unknown variable before sending", async () => {
    await signInAs("operator");
    inLocale("zh-CN");
    const result = await commitAction({ tenantId: w.tenant.id, templateId, userDesc: "x", extJson: '{"ext":{"a":"{{shopid}}"}}' });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("{{shopid}}") });
    expect((result as { error: string }).error).toContain("第 1 行第 14 列");
  });

  it("shows a platform refusal as code — meaning and records it as failed", async () => {
    await signInAs("operator");
    inLocale("en");
    await cacheQr();
    const result = await commitAction({ tenantId: w.tenant.id, templateId: 999_999, userVersion: "V9", userDesc: "bad", extJson: "{}" });
    expect(result).toEqual({ ok: false, error: "85014 — The template does not exist: pick one from the template library.", code: 85014, rid: expect.any(String) });
    expect(await lastRow()).toMatchObject({ templateId: 999_999, userVersion: "V9", ok: false, errcode: 85014 });
    // The trial did not change: its QR code stays valid.
    expect(await db.select().from(trialQrCodes).where(eq(trialQrCodes.tenantId, w.tenant.id))).toHaveLength(1);
  });

  it("refuses a user_version over 64 characters next to the field", async () => {
    await signInAs("operator");
    const result = await commitAction({ tenantId: w.tenant.id, templateId, userVersion: "v".repeat(65), userDesc: "", extJson: "{}" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { userVersion: [translate("validation.tooLong")] } });
  });
});

describe("presets", () => {
  it("saves, refuses a taken name unless told to replace it, replaces and deletes", async () => {
    await signInAs("operator");
    inLocale("en");
    const saved = await savePresetAction({ name: "Shop default", extJson: '{"extAppid":"{{appid}}"}' });
    expect(saved).toMatchObject({ ok: true, data: { name: "Shop default" } });
    expect(await savePresetAction({ name: "Shop default", extJson: "{}" })).toEqual({ ok: false, error: translate("commit.presets.nameTaken", { name: "Shop default" }) });
    expect(await savePresetAction({ name: "Shop default", extJson: '{"ext":{}}', overwrite: true })).toMatchObject({ ok: true });
    const [row] = await db.select().from(extJsonPresets).where(eq(extJsonPresets.name, "Shop default"));
    expect(row!.extJson).toBe('{"ext":{}}');
    expect(await deletePresetAction({ id: row!.id })).toEqual({ ok: true, data: { id: row!.id } });
    expect(await db.select().from(extJsonPresets).where(eq(extJsonPresets.id, row!.id))).toEqual([]);
    expect(await deletePresetAction({ id: row!.id })).toEqual({ ok: false, error: translate("commit.presets.notFound") });
  });
});

describe("a viewer", () => {
  it("can neither commit nor change presets, and nothing is sent or stored", async () => {
    await signInAs("operator");
    const kept = await savePresetAction({ name: "Kept", extJson: "{}" });
    const id = (kept as { data: { id: string } }).data.id;
    await signInAs("viewer");
    inLocale("en");
    const before = await allUpstreamCalls();
    const commitsBefore = (await db.select().from(commits)).length;
    const forbidden = { ok: false, error: translate("errors.forbidden") };
    expect(await commitAction({ tenantId: w.tenant.id, templateId, userDesc: "", extJson: "{}" })).toEqual(forbidden);
    expect(await savePresetAction({ name: "Viewer", extJson: "{}" })).toEqual(forbidden);
    expect(await savePresetAction({ name: "Kept", extJson: '{"x":1}', overwrite: true })).toEqual(forbidden);
    expect(await deletePresetAction({ id })).toEqual(forbidden);
    expect(await allUpstreamCalls()).toBe(before);
    expect((await db.select().from(commits)).length).toBe(commitsBefore);
    expect((await db.select().from(extJsonPresets).where(eq(extJsonPresets.id, id)))[0]!.extJson).toBe("{}");
    expect(await db.select().from(extJsonPresets).where(eq(extJsonPresets.name, "Viewer"))).toEqual([]);
  });
});
