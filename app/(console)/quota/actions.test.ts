import { beforeEach, describe, expect, it, vi } from "vitest";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { DOC_CATEGORIES, platformRow, setTrial } from "@/scripts/vitest/audit-fixtures";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, upstreamCalls, type World } from "@/scripts/vitest/wechat";
import { quotaDashboard } from "@/lib/console/quota";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { getAuthorizer } from "@/lib/sandbox/registry";
import { chinaMonth } from "@/lib/sandbox/state";
import { speedupAuditAction, submitAuditAction, withdrawAuditAction } from "../tenants/[tenantId]/audit/actions";
import { releaseAction } from "../tenants/[tenantId]/release/actions";
import { setQuotaAction } from "../sandbox/actions";
import { apiQuotaAction, clearAccountQuotaAction, clearTenantQuotaAction, lookUpRidAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** The quota page's numbers and actions against the sandbox over HTTP. */

const sandbox = sandboxHarness();
let w: World;

const news = { first: { id: 1, name: "文娱" }, second: { id: 2, name: "资讯" }, third: null };
const draft = { ...emptyDraft(), items: [{ page: "index", category: news, tags: "学习 生活", title: "首页" }], versionDesc: "v1" };

beforeEach(async () => {
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES, nickname: "配额测试店" });
  await setTrial(w.authorizer.appid);
  inLocale("en");
});

describe("quota dashboard", () => {
  it("shows the sandbox's audit quota after a submit and a speed-up, and counts both in today's bar", async () => {
    await signInAs("operator");
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft })).toMatchObject({ ok: true });
    expect(await speedupAuditAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true });

    const board = await quotaDashboard(w.account.id);
    const p = await platformRow(w.platform.componentAppid);
    expect(board.audit && "quota" in board.audit ? board.audit.quota : null).toEqual({
      submitsLeft: p.auditQuotaLimit - p.auditQuotaUsed,
      submitLimit: p.auditQuotaLimit,
      speedupsLeft: p.speedupQuotaLimit - p.speedupQuotaUsed,
      speedupLimit: p.speedupQuotaLimit,
    });
    expect([p.auditQuotaUsed, p.speedupQuotaUsed]).toEqual([1, 1]);
    expect(board.days.at(-1)).toMatchObject({ submits: 1, speedups: 1, undos: 0 });
    expect(board.days.slice(0, -1).every((d) => d.submits === 0 && d.speedups === 0)).toBe(true);
  });

  it("counts the account's clears against its monthly allowance", async () => {
    await signInAs("operator");
    expect(await clearAccountQuotaAction({ accountId: w.account.id })).toEqual({ ok: true, data: { left: 9 } });
    expect((await quotaDashboard(w.account.id)).clears).toEqual({ used: 1, limit: 10 });
    expect((await platformRow(w.platform.componentAppid)).clearQuotaUsed).toBe(1);
  });

  it("counts a withdrawal for its tenant, today and this month, and in today's bar", async () => {
    await signInAs("operator");
    expect(await submitAuditAction({ tenantId: w.tenant.id, draft })).toMatchObject({ ok: true });
    expect(await withdrawAuditAction({ tenantId: w.tenant.id })).toMatchObject({ ok: true });
    const board = await quotaDashboard(w.account.id);
    expect(board.undos).toEqual([{ tenantId: w.tenant.id, name: "配额测试店", appid: w.authorizer.appid, day: 1, month: 1 }]);
    expect(board.days.at(-1)).toMatchObject({ submits: 1, undos: 1 });
  });

  it("resets one tenant's counts with the account's secret, spending the tenant's allowance, not the account's", async () => {
    await signInAs("operator");
    expect(await clearTenantQuotaAction({ accountId: w.account.id, tenantId: w.tenant.id })).toEqual({ ok: true, data: { tenantId: w.tenant.id } });
    expect((await getAuthorizer(w.authorizer.appid))!.state.clearQuota).toEqual({ month: chinaMonth(), used: 1 });
    expect((await quotaDashboard(w.account.id)).clears.used).toBe(0);
  });

  it("refuses both clear_quota variants to a viewer without calling the platform", async () => {
    await signInAs("viewer");
    const before = [await upstreamCalls("/cgi-bin/clear_quota"), await upstreamCalls("/cgi-bin/component/clear_quota/v2")];
    expect(await clearAccountQuotaAction({ accountId: w.account.id })).toMatchObject({ ok: false });
    expect(await clearTenantQuotaAction({ accountId: w.account.id, tenantId: w.tenant.id })).toMatchObject({ ok: false });
    expect([await upstreamCalls("/cgi-bin/clear_quota"), await upstreamCalls("/cgi-bin/component/clear_quota/v2")]).toEqual(before);
    expect((await platformRow(w.platform.componentAppid)).clearQuotaUsed).toBe(0);
  });
});

describe("error look-up", () => {
  it("a refused action carries its rid, and looking it up (as a viewer) shows the request the platform saw", async () => {
    await signInAs("operator");
    // Nothing approved yet: the platform refuses the release.
    const refused = await releaseAction({ tenantId: w.tenant.id });
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);

    await signInAs("viewer");
    const found = await lookUpRidAction({ accountId: w.account.id, tenantId: w.tenant.id, rid: refused.rid! });
    if (!found.ok) throw new Error(found.error);
    expect(found.data.url).toBe("/wxa/release?access_token=ACCESS_TOKEN");
    expect(JSON.parse(found.data.body)).toEqual({});
    expect(JSON.parse(found.data.answer)).toMatchObject({ errcode: refused.code });
    expect(found.data.answer).toContain(refused.rid!);
    expect(Math.abs(Date.parse(found.data.invokedAt) - Date.now())).toBeLessThan(60_000);
  });

  it("shows an API's daily call count for a tenant and for the platform account", async () => {
    await signInAs("viewer");
    await w.client.queryQuota();
    expect(await apiQuotaAction({ accountId: w.account.id, tenantId: w.tenant.id, path: "/wxa/queryquota" })).toEqual({
      ok: true,
      data: { dailyLimit: 10_000, used: 1, remaining: 9_999 },
    });
    expect(await apiQuotaAction({ accountId: w.account.id, path: "/wxa/gettemplatelist" })).toMatchObject({ ok: true, data: { used: 0 } });
  });
});

describe("the Sandbox page's quota form", () => {
  it("sets the used submissions an admin typed and keeps the blank fields; refused to an operator", async () => {
    const form = (entries: Record<string, string>) => Object.entries(entries).reduce((f, [k, v]) => (f.append(k, v), f), new FormData());
    const input = { component_appid: w.platform.componentAppid, audit_limit: "", audit_used: "3", speedup_limit: "", speedup_used: "", clear_used: "" };
    await signInAs("operator");
    expect(await setQuotaAction(form(input))).toMatchObject({ ok: false });
    await signInAs("admin");
    expect(await setQuotaAction(form(input))).toMatchObject({ ok: true });
    const p = await platformRow(w.platform.componentAppid);
    expect([p.auditQuotaUsed, p.auditQuotaLimit, p.speedupQuotaUsed]).toEqual([3, 20, 0]);
    const board = await quotaDashboard(w.account.id);
    expect(board.audit && "quota" in board.audit ? board.audit.quota.submitsLeft : null).toBe(17);
  });
});
