import { beforeEach, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { DOC_CATEGORIES, DOC_PAGES } from "@/scripts/vitest/audit-fixtures";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, historyOf, type World } from "@/scripts/vitest/wechat";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenantAudits } from "@/lib/db/schema";
import { addDraftToTemplates, listTemplates } from "@/lib/console/templates";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { handleSandboxControl } from "@/lib/sandbox/control";
import { updateSettings } from "@/lib/sandbox/settings";
import { emptyDraft, type AuditDraft } from "@/lib/validation/audit-submission";
import { commitAction } from "../code/actions";
import { privacyScanAction, submitAuditAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * Seed 002 end to end through the console: a template whose code calls a location API, committed from the Code tab
 * with or without `requiredPrivateInfos`, the privacy gate's lists, and what submit_audit answers (61040 unless the
 * APIs are declared or `privacy_api_not_use` is sent). The sandbox decides, nothing is faked.
 */

const sandbox = sandboxHarness();
let w: World;
let templateId: number;

/** A draft uploaded by the developer tools (the sandbox's control surface), its code calling wx.getLocation. */
async function locationTemplate(): Promise<number> {
  const made = await handleSandboxControl(
    new Request("http://localhost/sandbox/control/drafts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ component_appid: w.platform.componentAppid, user_version: "2.0.0", pages: DOC_PAGES, privacy_apis: ["getLocation"] }),
    }),
    ["drafts"],
    { currentUser: async () => ({ role: "admin" }) },
  );
  const { draft_id } = (await made.json()) as { draft_id: number };
  await addDraftToTemplates(w.account, draft_id);
  return (await listTemplates(w.account.id)).find((t) => t.userVersion === "2.0.0")!.templateId;
}

const category = { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null };
const draft = (over: Partial<AuditDraft> = {}): AuditDraft => ({ ...emptyDraft(), items: [{ page: "index", category, tags: "", title: "首页" }], ...over });
const commit = (extJson: string) => commitAction({ tenantId: w.tenant.id, templateId, userVersion: "2.0.0", userDesc: "booking", extJson });

beforeEach(async () => {
  // The scan ends as soon as the commit is made: the test reads its result, not its duration.
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES });
  templateId = await locationTemplate();
  inLocale("en");
});

describe("a location API used but not declared (seed 002)", () => {
  it("is listed by the gate as without configuration; submit answers 61040 explained in both languages, privacy_api_not_use passes", async () => {
    await signInAs("operator");
    expect(await commit('{"ext": {"shop": "a"}}')).toMatchObject({ ok: true });
    expect(await privacyScanAction({ tenantId: w.tenant.id })).toEqual({
      ok: true,
      data: { scanning: false, withoutPermission: [], withoutConfiguration: ["wx.getLocation"] },
    });
    for (const locale of ["en", "zh-CN"] as const) {
      inLocale(locale);
      expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft() })).toEqual({
        ok: false,
        code: 61040,
        error: `61040 — ${describeErrcode(61040, locale).message}`,
        rid: expect.any(String),
      });
    }
    expect(describeErrcode(61040, "zh-CN").message).not.toBe(describeErrcode(61040, "en").message);
    // A refused submission is no audit: the card keeps showing the previous one.
    expect(await db.select().from(tenantAudits).where(eq(tenantAudits.tenantId, w.tenant.id))).toEqual([]);
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft({ privacyApiNotUse: true }) })).toMatchObject({ ok: true, data: { auditid: expect.any(Number) } });
    const sent = (await historyOf("wxa.submit_audit", w.tenant.id)).map((row) => [row.errcode, (row.request as { body: { privacy_api_not_use?: boolean } }).body.privacy_api_not_use]);
    // Not declaring the APIs unused is the default: the flag is left out until the operator ticks it.
    expect(sent).toEqual([
      [61040, undefined],
      [61040, undefined],
      [0, true],
    ]);
  });

  it("is accepted once ext_json declares it in requiredPrivateInfos and the template is committed again", async () => {
    await signInAs("operator");
    await commit("{}");
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft() })).toMatchObject({ ok: false, code: 61040 });
    expect(await commit('{"requiredPrivateInfos": ["getLocation"]}')).toMatchObject({ ok: true });
    expect(await privacyScanAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { scanning: false, withoutPermission: [], withoutConfiguration: [] } });
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft: draft() })).toMatchObject({ ok: true, data: { auditid: expect.any(Number) } });
  });
});
