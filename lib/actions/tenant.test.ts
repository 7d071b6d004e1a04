import { beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { z } from "zod";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls, createWorld, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { operations, tenantAudits, tenants } from "@/lib/db/schema";
import { PlatformError } from "@/lib/platforms/port";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { getAuthorizerToken } from "@/lib/platforms/wechat/tokens";
import { decideAudit } from "@/lib/sandbox/audit-decision";
import { DOC_CATEGORIES, setTrial, submit } from "@/scripts/vitest/audit-fixtures";
import { checkAuditAction } from "@/app/(console)/tenants/actions";
import { defineTenantAction, tenantInput } from "./tenant";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The tenant-scoped action wrapper, called as the browser would call an action (FormData or an object), against the
 * sandbox over HTTP. The session and the request's language are stand-ins (scripts/vitest/actions.ts).
 */

const sandbox = sandboxHarness();
let w: World;

beforeAll(async () => {
  w = await createWorld(sandbox, { categories: DOC_CATEGORIES, nickname: "包装测试店" });
});

/** A tenant action that records what it was given and calls the platform only if told to. */
const seen: { tenantId?: string; appid?: string; actor?: string }[] = [];
const probe = defineTenantAction({ role: "operator", schema: tenantInput }, async (_input, { user, tenant, platform }) => {
  seen.push({ tenantId: tenant.id, appid: platform.appid, actor: user.id });
  return { quota: await platform.auditQuota() };
});
const release = defineTenantAction({ role: "operator", schema: tenantInput }, (_input, { platform }) => platform.release());
const refusedOffline = defineTenantAction({ role: "viewer", schema: tenantInput }, async () => {
  throw new PlatformError("wechat", null, "timed out", { "zh-CN": "无法连接微信平台：超时", en: "The WeChat platform could not be reached: timed out" }, "retryable");
});

async function otherTenant(status: "unauthorized" | "needs_reauth") {
  const other = await createWorld(sandbox, { nickname: `停用店 ${status}` });
  await db.update(tenants).set({ status }).where(eq(tenants.id, other.tenant.id));
  return other.tenant;
}

describe("who may act on which tenant", () => {
  it("refuses a viewer when an operator is required, before loading anything or calling the platform", async () => {
    await signInAs("viewer");
    inLocale("en");
    const upstream = await allUpstreamCalls();
    const before = seen.length;
    expect(await probe({ tenantId: w.tenant.id })).toEqual({ ok: false, error: translate("errors.forbidden") });
    expect(seen).toHaveLength(before);
    expect(await allUpstreamCalls()).toBe(upstream);
  });

  it("refuses a signed-out caller", async () => {
    await signInAs(null);
    expect(await probe({ tenantId: w.tenant.id })).toEqual({ ok: false, error: translate("errors.signedOut") });
  });

  it("refuses a malformed tenant id next to the field", async () => {
    await signInAs("operator");
    const result = await probe({ tenantId: "not-a-uuid" });
    expect(result).toMatchObject({ ok: false, error: translate("errors.invalidInput"), fieldErrors: { tenantId: [translate("validation.invalid")] } });
  });

  it("refuses an unknown tenant, in the operator's language", async () => {
    await signInAs("operator");
    const missing = crypto.randomUUID();
    inLocale("en");
    expect(await probe({ tenantId: missing })).toEqual({ ok: false, error: "This mini-program is not in the console any more. Reload the list." });
    inLocale("zh-CN");
    expect(await probe({ tenantId: missing })).toEqual({ ok: false, error: "控制台中已没有这个小程序。请刷新列表。" });
  });

  it("refuses a tenant the merchant unauthorized, saying the merchant withdrew the authorization", async () => {
    await signInAs("admin");
    const tenant = await otherTenant("unauthorized");
    const upstream = await allUpstreamCalls();
    inLocale("en");
    const en = await probe({ tenantId: tenant.id });
    expect(en).toEqual({ ok: false, error: translate("tenants.errors.unauthorized", { name: tenant.nickname }) });
    expect(!en.ok && en.error).toMatch(/^停用店 unauthorized is unauthorized: the merchant withdrew the authorization/);
    inLocale("zh-CN");
    const zh = await probe({ tenantId: tenant.id });
    expect(!zh.ok && zh.error).toMatch(/^停用店 unauthorized 已取消授权：商家已在平台上撤回授权/);
    expect(await allUpstreamCalls()).toBe(upstream);
  });

  it("refuses a tenant needing re-authorization with its own message", async () => {
    await signInAs("operator");
    const tenant = await otherTenant("needs_reauth");
    inLocale("en");
    const result = await probe({ tenantId: tenant.id });
    expect(result).toEqual({ ok: false, error: translate("tenants.errors.needsReauth", { name: tenant.nickname }) });
    expect(!result.ok && result.error).toContain("needs re-authorization");
  });

  it("runs with the tenant and its platform adapter, the operator as the history's actor (FormData too)", async () => {
    const user = (await signInAs("operator"))!;
    const form = new FormData();
    form.set("tenantId", w.tenant.id);
    const result = await probe(form);
    expect(result).toMatchObject({ ok: true, data: { quota: { submitLimit: expect.any(Number) } } });
    expect(seen.at(-1)).toEqual({ tenantId: w.tenant.id, appid: w.tenant.appid, actor: user.id });
    const rows = await db.select().from(operations).where(and(eq(operations.tenantId, w.tenant.id), eq(operations.actorId, user.id)));
    expect(rows.map((r) => r.action)).toContain("wxa.queryquota");
  });
});

describe("platform refusals", () => {
  it("reach the operator as code and meaning, in both languages (the sandbox refuses a release with no approved audit)", async () => {
    await signInAs("operator");
    inLocale("en");
    expect(await release({ tenantId: w.tenant.id })).toEqual({ ok: false, code: 85019, error: `85019 — ${describeErrcode(85019, "en").message}`, rid: expect.any(String) });
    inLocale("zh-CN");
    const zh = await release({ tenantId: w.tenant.id });
    expect(zh).toEqual({ ok: false, code: 85019, error: `85019 — ${describeErrcode(85019, "zh-CN").message}`, rid: expect.any(String) });
    expect(!zh.ok && zh.error).toBe("85019 — 没有审核版本");
  });

  it("without an answer from the platform: the meaning alone, code null", async () => {
    await signInAs("viewer");
    inLocale("en");
    expect(await refusedOffline({ tenantId: w.tenant.id })).toEqual({ ok: false, code: null, error: "The WeChat platform could not be reached: timed out" });
    inLocale("zh-CN");
    expect(await refusedOffline({ tenantId: w.tenant.id })).toEqual({ ok: false, code: null, error: "无法连接微信平台：超时" });
  });

  it("a bug in the action is not turned into a refusal", async () => {
    await signInAs("operator");
    const broken = defineTenantAction({ role: "operator", schema: tenantInput.extend({ n: z.number() }) }, async () => {
      throw new TypeError("bug");
    });
    await expect(broken({ tenantId: w.tenant.id, n: 1 })).rejects.toThrow("bug");
  });
});

describe("check audit now", () => {
  async function underReview() {
    await setTrial(w.authorizer.appid);
    const answer = await submit(sandbox, await getAuthorizerToken(w.tenant));
    const auditid = answer.body.auditid as number;
    await db.insert(tenantAudits).values({ tenantId: w.tenant.id, auditid, state: "auditing" });
    return auditid;
  }
  const auditRow = async (auditid: number) =>
    (await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, w.tenant.id), eq(tenantAudits.auditid, auditid))))[0]!;

  it("asks the platform at once and stores the decision, the operator as actor", async () => {
    const user = (await signInAs("operator"))!;
    const auditid = await underReview();
    await decideAudit(w.authorizer.appid, { result: "approve" });
    expect(await checkAuditAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { name: "包装测试店", checked: 1, updated: 1 } });
    expect(await auditRow(auditid)).toMatchObject({ state: "approved" });
    const polled = await db.select().from(operations).where(and(like(operations.action, "%get_auditstatus%"), eq(operations.actorId, user.id)));
    expect(polled).toHaveLength(1);
    // Nothing under review any more: nothing asked.
    expect(await checkAuditAction({ tenantId: w.tenant.id })).toEqual({ ok: true, data: { name: "包装测试店", checked: 0, updated: 0 } });
  });

  it("shows the platform's refusal with its code and meaning in both languages, and leaves the audit as it was", async () => {
    await signInAs("operator");
    await db.insert(tenantAudits).values({ tenantId: w.tenant.id, auditid: 987654321, state: "auditing" });
    for (const locale of ["en", "zh-CN"] as const) {
      inLocale(locale);
      const result = await checkAuditAction({ tenantId: w.tenant.id });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toContain(`85012 — ${describeErrcode(85012, locale).message}`);
    }
    expect(await auditRow(987654321)).toMatchObject({ state: "auditing" });
  });

  it("is refused to a viewer", async () => {
    await signInAs("viewer");
    inLocale("en");
    expect(await checkAuditAction({ tenantId: w.tenant.id })).toEqual({ ok: false, error: translate("errors.forbidden") });
  });
});
