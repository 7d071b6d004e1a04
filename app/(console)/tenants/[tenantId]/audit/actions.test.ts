import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { DOC_CATEGORIES, setTrial } from "@/scripts/vitest/audit-fixtures";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, upstreamCalls, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { auditProfiles, tenantAudits, tenants } from "@/lib/db/schema";
import { listAuditProfiles, defaultAuditProfileId } from "@/lib/console/audit-profiles";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { emptyDraft, type AuditDraft } from "@/lib/validation/audit-submission";
import {
  auditCardAction,
  auditQuotaAction,
  deleteAuditProfileAction,
  privacyScanAction,
  saveAuditProfileAction,
  speedupAuditAction,
  submitAuditAction,
  withdrawAuditAction,
} from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The audit tab's actions against the sandbox over HTTP, as the browser would call them. */

const sandbox = sandboxHarness();
let w: World;

const [news, higherEd] = [
  { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null },
  { first: { id: 3, name: "教育" }, second: { id: 4, name: "学历教育" }, third: { id: 5, name: "高等" } },
];

function draft(over: Partial<AuditDraft> = {}): AuditDraft {
  return {
    ...emptyDraft(),
    items: [
      { page: "index", category: news, tags: "学习 生活", title: "首页" },
      { page: "page/logs/logs", category: higherEd, tags: "学习 工作", title: "日志" },
    ],
    versionDesc: "first release",
    ...over,
  };
}

const rowsOf = (tenantId: string) => db.select().from(tenantAudits).where(eq(tenantAudits.tenantId, tenantId));

beforeEach(async () => {
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES, nickname: "审核测试店" });
  await setTrial(w.authorizer.appid);
  inLocale("en");
});

describe("privacy gate", () => {
  it("says the scan runs (61039) and refuses to submit without calling submit_audit", async () => {
    await signInAs("operator");
    await setTrial(w.authorizer.appid, { scanReadyAt: Date.now() + 60_000 });
    expect(await privacyScanAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { scanning: true } });
    const submits = await upstreamCalls("/wxa/submit_audit");
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft() })).toEqual({ ok: false, error: translate("audit.errors.scanRunning") });
    expect(await upstreamCalls("/wxa/submit_audit")).toBe(submits);
    expect(await rowsOf(w.tenant.id)).toEqual([]);
  });

  it("lists the APIs without permission and without configuration once the scan is done", async () => {
    await signInAs("viewer");
    await setTrial(w.authorizer.appid, { privacy: { withoutAuth: ["wx.chooseAddress"], withoutConf: ["wx.getLocation"] } });
    expect(await privacyScanAction({ tenantId: w.tenant.id })).toEqual({
      ok: true,
      data: { scanning: false, withoutPermission: ["wx.chooseAddress"], withoutConfiguration: ["wx.getLocation"] },
    });
  });
  // 61040 itself, as the sandbox answers it after a real commit: privacy.test.ts.
});

describe("submitting", () => {
  it("refuses a 33-character title next to its field before any call", async () => {
    await signInAs("operator");
    const before = await allUpstreamCalls();
    const items = [{ page: "index", category: news, tags: "", title: "标".repeat(33) }];
    const result = await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ items }) });
    expect(result).toEqual({ ok: false, error: translate("audit.errors.invalidDraft"), fieldErrors: { "items.0.title": [translate("validation.tooLong")] } });
    expect(await allUpstreamCalls()).toBe(before);
    // 32 is the limit itself: accepted.
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ items: [{ ...items[0]!, title: "标".repeat(32) }] }) })).toMatchObject({ ok: true });
  });

  it("refuses 0 and 6 items, and 11 tags or a 21-character tag, before any call", async () => {
    await signInAs("operator");
    const before = await allUpstreamCalls();
    const item = { page: "index", category: news, tags: "", title: "" };
    const none = await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ items: [] }) });
    expect(none).toMatchObject({ ok: false, fieldErrors: { items: [translate("validation.required")] } });
    const six = await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ items: Array.from({ length: 6 }, () => item) }) });
    expect(six).toMatchObject({ ok: false, fieldErrors: { items: [translate("validation.tooLong")] } });
    const tags = await submitAuditAction({
      tenantId: w.tenant.id,
      draft: draft({ items: [{ ...item, tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(" ") }, { ...item, tags: "x".repeat(21) }] }),
    });
    expect(tags).toMatchObject({ ok: false, fieldErrors: { "items.0.tags": [translate("validation.tooLong")], "items.1.tags": [translate("validation.tooLong")] } });
    const noCategory = await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ items: [{ ...item, category: null }] }) });
    expect(noCategory).toMatchObject({ ok: false, fieldErrors: { "items.0.category": [translate("validation.required")] } });
    expect(await allUpstreamCalls()).toBe(before);
  });

  it("records the audit as auditing with what was sent and who sent it; the card reads it", async () => {
    const user = (await signInAs("operator"))!;
    const result = await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ privacyApiNotUse: true }) });
    expect(result).toMatchObject({ ok: true, data: { auditid: expect.any(Number) } });
    const auditid = result.ok ? result.data.auditid : 0;
    const [row] = await rowsOf(w.tenant.id);
    expect(row).toMatchObject({ auditid, state: "auditing", actorId: user.id });
    expect(row!.itemList).toEqual([
      { page: "index", category: news, tags: ["学习", "生活"], title: "首页" },
      { page: "page/logs/logs", category: higherEd, tags: ["学习", "工作"], title: "日志" },
    ]);
    expect(row!.options).toMatchObject({ versionDesc: "first release", privacyApiNotUse: true });
    await signInAs("viewer");
    expect(await auditCardAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { audit: { auditid, state: "auditing" } } });
  });
});

/** Makes the row look unconfirmed for a minute, as if no push had come: the next poll asks the platform. */
const age = (tenantId: string) => db.update(tenantAudits).set({ updatedAt: new Date(Date.now() - 60_000) }).where(eq(tenantAudits.tenantId, tenantId));

describe("the audit card", () => {
  it("reads approved after the reviewer approves (the poll asks the platform when no push came)", async () => {
    await signInAs("operator");
    await submitAuditAction({ tenantId: w.tenant.id, draft: draft() });
    await decideAudit(w.authorizer.appid, { result: "approve" });
    await signInAs("viewer");
    // Confirmed a moment ago: the poll does not ask the platform yet.
    expect(await auditCardAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { audit: { state: "auditing" } } });
    await age(w.tenant.id);
    expect(await auditCardAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { audit: { state: "approved", reason: null } } });
  });

  it("reads a rejection with its reason and screenshot media ids", async () => {
    await signInAs("operator");
    await submitAuditAction({ tenantId: w.tenant.id, draft: draft() });
    await decideAudit(w.authorizer.appid, { result: "reject", reason: "图片模糊", screenshot: "media-1|media-2" });
    await age(w.tenant.id);
    expect(await auditCardAction({ tenantId: w.tenant.id })).toMatchObject({
      ok: true,
      data: { audit: { state: "rejected", reason: "图片模糊", screenshots: ["media-1", "media-2"] } },
    });
  });

  it("withdraws the audit under review and counts the withdrawals left today and this month", async () => {
    await signInAs("operator");
    expect(await auditQuotaAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { undo: { dayLeft: 5, monthLeft: 10 } } });
    const submitted = await submitAuditAction({ tenantId: w.tenant.id, draft: draft() });
    const auditid = submitted.ok ? submitted.data.auditid : 0;
    expect(await withdrawAuditAction({ tenantId: w.tenant.id })).toEqual({
      ok: true,
      data: { auditid, dayLeft: 4, dayLimit: 5, monthLeft: 9, monthLimit: 10 },
    });
    expect((await rowsOf(w.tenant.id))[0]).toMatchObject({ state: "withdrawn" });
    // Nothing under review any more: the platform refuses, and the count does not move.
    const again = await withdrawAuditAction({ tenantId: w.tenant.id });
    expect(again).toMatchObject({ ok: false, code: 85012 });
    expect(await auditQuotaAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { undo: { dayLeft: 4, monthLeft: 9 } } });
  });

  it("speeds up the audit under review and answers the speed-up quota left", async () => {
    await signInAs("operator");
    const quota = await auditQuotaAction({ tenantId: w.tenant.id });
    const before = quota.ok ? quota.data.speedupsLeft : -1;
    expect(await speedupAuditAction({ tenantId: w.tenant.id })).toEqual({ ok: false, error: translate("audit.errors.nothingUnderReview") });
    const submitted = await submitAuditAction({ tenantId: w.tenant.id, draft: draft() });
    const auditid = submitted.ok ? submitted.data.auditid : 0;
    expect(await speedupAuditAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true, data: { auditid, speedupsLeft: before - 1 } });
    // Once per audit: the platform's 89404 reaches the operator.
    expect(await speedupAuditAction({ tenantId: w.tenant.id })).toMatchObject({ ok: false, code: 89404 });
  });
});

describe("audit profiles", () => {
  it("saves a profile (categories by name and id), replaces it by name, makes it the tenant's default, and deletes it", async () => {
    await signInAs("operator");
    const saved = await saveAuditProfileAction({ name: "资讯类", draft: draft({ feedbackInfo: "not kept", privacyApiNotUse: true }), tenantId: w.tenant.id });
    expect(saved).toMatchObject({ ok: true, data: { name: "资讯类" } });
    const id = saved.ok ? saved.data.id : "";
    const [profile] = (await listAuditProfiles()).filter((p) => p.name === "资讯类");
    expect(profile!.draft.items[1]!.category).toEqual(higherEd);
    expect(profile!.draft).toMatchObject({ versionDesc: "first release", feedbackInfo: "", privacyApiNotUse: false });
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, w.tenant.id));
    expect(await defaultAuditProfileId(tenant!)).toBe(id);

    const replaced = await saveAuditProfileAction({ name: "资讯类", draft: draft({ versionDesc: "v2" }) });
    expect(replaced).toMatchObject({ ok: true, data: { id } });
    expect((await listAuditProfiles()).find((p) => p.id === id)!.draft.versionDesc).toBe("v2");

    expect(await deleteAuditProfileAction({ profileId: id })).toEqual({ ok: true, data: { profileId: id } });
    expect(await db.select().from(auditProfiles).where(eq(auditProfiles.id, id))).toEqual([]);
    // A deleted profile is no default any more.
    expect(await defaultAuditProfileId(tenant!)).toBeNull();
    expect(await deleteAuditProfileAction({ profileId: id })).toEqual({ ok: false, error: translate("audit.errors.profileNotFound") });
  });

  it("submitting with a profile makes it the tenant's default next time", async () => {
    await signInAs("operator");
    const saved = await saveAuditProfileAction({ name: `p-${w.tenant.appid}`, draft: draft() });
    const id = saved.ok ? saved.data.id : "";
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft(), profileId: id })).toMatchObject({ ok: true });
    const [tenant] = await db.select().from(tenants).where(and(eq(tenants.id, w.tenant.id)));
    expect(tenant!.lastAuditProfileId).toBe(id);
  });
});

describe("viewers", () => {
  it("cannot call any of the audit tab's changes, and nothing reaches the platform", async () => {
    await signInAs("operator");
    const saved = await saveAuditProfileAction({ name: `v-${w.tenant.appid}`, draft: draft() });
    const profileId = saved.ok ? saved.data.id : "";
    await signInAs("viewer");
    const before = await allUpstreamCalls();
    const tenantId = w.tenant.id;
    const forbidden = { ok: false, error: translate("errors.forbidden") };
    expect(await submitAuditAction({ tenantId, draft: draft() })).toEqual(forbidden);
    expect(await withdrawAuditAction({ tenantId })).toEqual(forbidden);
    expect(await speedupAuditAction({ tenantId })).toEqual(forbidden);
    expect(await saveAuditProfileAction({ name: "viewer", draft: draft() })).toEqual(forbidden);
    expect(await deleteAuditProfileAction({ profileId })).toEqual(forbidden);
    expect(await allUpstreamCalls()).toBe(before);
    expect(await rowsOf(tenantId)).toEqual([]);
    expect(await db.select().from(auditProfiles).where(eq(auditProfiles.id, profileId))).toHaveLength(1);
  });
});

