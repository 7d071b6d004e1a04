import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems, tenants } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { setQuota } from "@/lib/sandbox/control-quota";
import { createFleet, createProfile } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { allUpstreamCalls } from "@/scripts/vitest/wechat";
import { setTrial } from "@/scripts/vitest/audit-fixtures";
import { getJob, plannedSubmissions, preflightJob, startJob, stopWorker } from "./index";

/**
 * Preflight: the tenants it leaves out and why (needs re-authorization, another job holds it, a category the profile
 * needs is missing, a variable the ext_json needs is missing), the audit quota forecast, and startJob's refusal of an
 * overrun unless the operator keeps the first N. No worker runs here: started items stay pending.
 */

const sandbox = sandboxHarness();
afterAll(() => stopWorker());
const OTHER_CATEGORY = [{ first_class: "教育", second_class: "学历教育", first_id: 3, second_id: 4 }];

describe("preflight", () => {
  it("flags needs-reauth, busy, missing category and missing variable, and forecasts the quota", async () => {
    const fleet = await createFleet(sandbox, 6, (i) => (i === 3 ? { categories: OTHER_CATEGORY } : {}));
    const [ok, reauth, busy, noCategory, noVariable, ok2] = fleet.tenants as [typeof fleet.tenants[0], ...typeof fleet.tenants];
    await db.update(tenants).set({ status: "needs_reauth" }).where(eq(tenants.id, reauth!.id));
    for (const t of fleet.tenants) if (t.id !== noVariable!.id) await db.update(tenants).set({ variables: { shop: `shop-${t.appid}` } }).where(eq(tenants.id, t.id));
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    await setQuota({ component_appid: fleet.platform.componentAppid, audit_limit: 20, audit_used: 5 });
    // Another job holds `busy`.
    const other = await startJob({ kind: "refresh_versions", params: {}, selection: { tenantIds: [busy!.id] } }, null);
    expect((await db.select().from(bulkItems).where(eq(bulkItems.jobId, other.jobId)))[0]!.state).toBe("pending");

    const input = {
      kind: "pipeline" as const,
      params: {
        commit: { templateId, userVersion: "V3.0", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}","ext":{"shop":"{{shop}}"}}' },
        submit: { profileId: profile.id },
      },
      selection: { tenantIds: fleet.tenants.map((t) => t.id) },
    };
    const calls = await allUpstreamCalls();
    const pre = await preflightJob(input, null);
    expect(pre).toMatchObject({ kind: "pipeline", total: 6, eligible: 2, reasons: { needsReauth: 1, busy: 1, missingCategory: 1, variableMissing: 1 } });
    const byTenant = new Map(pre.rows.map((r) => [r.tenantId, r]));
    expect(byTenant.get(reauth!.id)).toMatchObject({ eligible: false, reason: "needsReauth" });
    expect(byTenant.get(busy!.id)).toMatchObject({ eligible: false, reason: "busy" });
    expect(byTenant.get(noCategory!.id)).toMatchObject({ eligible: false, reason: "missingCategory", detail: { category: "工具 / 效率" } });
    expect(byTenant.get(noVariable!.id)).toMatchObject({ eligible: false, reason: "variableMissing", detail: { name: "shop" } });
    expect(byTenant.get(ok!.id)).toMatchObject({ eligible: true, reason: null });
    expect(byTenant.get(ok2!.id)).toMatchObject({ eligible: true });
    expect(pre.quota).toEqual({ needed: 2, remaining: 15, limit: 20, plannedByOthers: 0, overrun: false, refusal: null });
    expect(pre.samples[0]).toMatchObject({ tenantId: ok!.id, error: null, extJson: `{"extAppid":"${ok!.appid}","ext":{"shop":"shop-${ok!.appid}"}}` });
    // Reads only: nothing was committed or submitted.
    const after = await allUpstreamCalls();
    expect(after).toBeGreaterThan(calls);

    // The start keeps the reasons: the ineligible ones are skipped, the eligible ones wait for a worker.
    const { jobId } = await startJob(input, null);
    const items = await db.select().from(bulkItems).where(eq(bulkItems.jobId, jobId)).orderBy(bulkItems.position);
    expect(items.map((i) => [i.state, i.reason])).toEqual([
      ["pending", null],
      ["skipped", "needsReauth"],
      ["skipped", "busy"],
      ["skipped", "missingCategory"],
      ["skipped", "variableMissing"],
      ["pending", null],
    ]);
    expect(items[0]!.step).toBe("commit");
    // A second job over the same tenants now finds the first two held by this one, and counts them as planned.
    const again = await preflightJob(input, null);
    expect(again.reasons.busy).toBe(3);
    expect(again.quota).toMatchObject({ needed: 0 });
    // The quota page's "planned by running jobs": this job's two pending items (the refresh job submits nothing).
    expect(await plannedSubmissions(fleet.account.id)).toBe(2);
  });

  it("refuses to start beyond the audit quota unless the first N are chosen", async () => {
    const fleet = await createFleet(sandbox, 5);
    for (const t of fleet.authorizers) await setTrial(t.appid, { pages: ["pages/index/index"] });
    const profile = await createProfile();
    await setQuota({ component_appid: fleet.platform.componentAppid, audit_limit: 10, audit_used: 7 });
    const input = { kind: "submit" as const, params: { profileId: profile.id }, selection: { tenantIds: fleet.tenants.map((t) => t.id) } };

    const pre = await preflightJob(input, null);
    expect(pre.eligible).toBe(5);
    expect(pre.quota).toMatchObject({ needed: 5, remaining: 3, limit: 10, overrun: true });

    const refused = await startJob(input, null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ExpectedError);
    expect((refused as ExpectedError).messageKey).toBe("jobs.errors.quotaOverrun");

    const { jobId } = await startJob({ ...input, quotaChoice: { firstN: 3 } }, null);
    const items = await db.select().from(bulkItems).where(eq(bulkItems.jobId, jobId)).orderBy(bulkItems.position);
    expect(items.map((i) => i.state)).toEqual(["pending", "pending", "pending", "skipped", "skipped"]);
    expect(items[4]!.reason).toBe("quotaChoice");
    expect(items[0]!.step).toBe("submit");
    expect((await getJob(jobId))!.counts).toMatchObject({ pending: 3, skipped: 2 });

    // Another job on this account now sees those three as planned.
    const fleet2Tenant = fleet.tenants[3]!;
    const next = await preflightJob({ ...input, selection: { tenantIds: [fleet2Tenant.id] } }, null);
    expect(next.quota).toMatchObject({ needed: 1, plannedByOthers: 3, remaining: 3, overrun: true });
  });

  it("says why a submit or a release cannot go: nothing committed, nothing approved", async () => {
    const fleet = await createFleet(sandbox, 2);
    await setTrial(fleet.authorizers[1]!.appid, { pages: ["pages/index/index"] });
    const profile = await createProfile();
    const pre = await preflightJob({ kind: "submit", params: { profileId: profile.id }, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    expect(pre.rows.find((r) => r.tenantId === fleet.tenants[0]!.id)).toMatchObject({ reason: "noTrial" });
    expect(pre.rows.find((r) => r.tenantId === fleet.tenants[1]!.id)).toMatchObject({ reason: null, eligible: true });

    const release = await preflightJob({ kind: "release", params: {}, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    expect(release.reasons).toEqual({ nothingApproved: 2 });
    expect(release.quota).toBeNull();
  });
});
