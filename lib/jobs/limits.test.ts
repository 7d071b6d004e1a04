import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, not, like } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations, tenantSnapshots } from "@/lib/db/schema";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { addFault, clearFaults, resetCounters } from "@/lib/sandbox/control-ops";
import { tracedConcurrency } from "@/lib/sandbox/request-log";
import { updateSettings } from "@/lib/sandbox/settings";
import { appliedOf, createFleet, createProfile, itemsByTenant, requestsOf, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { historyOf } from "@/scripts/vitest/wechat";
import { getJob, startJob, startWorker, stopWorker } from "./index";

/**
 * What bounds a job besides its items: the per-account rate limit (every platform call of an item waits for its
 * slot, shared by the account's items), and how a refusal is sorted: a transient one (-1) is retried with backoff
 * and the item ends done; a permanent one fails that tenant only, with the platform's code and its meaning.
 */

const sandbox = sandboxHarness();

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
});
afterEach(async () => {
  await stopWorker();
  await clearFaults({});
  await updateSettings({ latency: { ms: 0, jitterMs: 0 }, traceCalls: false });
});
afterAll(() => stopWorker());

describe("the per-account rate limit", () => {
  it("spreads a 10-tenant refresh (4 reads each) at 5 calls a second over at least ~7 s", async () => {
    const fleet = await createFleet(sandbox, 10);
    // Ten items at once: without the limit the 40 reads would take well under a second.
    await startWorker({ concurrency: 10, ratePerSecond: 5, workerId: "rate", sweepMs: 200, pollMs: 100 });
    const started = Date.now();
    const { jobId } = await startJob({ kind: "refresh_versions", params: {}, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    await waitFor(() => settled(jobId), 30_000);
    const elapsed = Date.now() - started;
    expect((await getJob(jobId))!.counts.done).toBe(10);

    // The items' reads as the history shows them (token calls are the client's own, not gated): the 40 gated
    // operations (one may make more than one call) got slots 200 ms apart, the last one 7.8 s after the first.
    const reads = await db
      .select({ at: operations.at })
      .from(operations)
      .where(and(eq(operations.bulkJobId, jobId), not(like(operations.action, "component.%"))))
      .orderBy(operations.at);
    expect(reads.length).toBeGreaterThanOrEqual(40);
    const spread = reads[reads.length - 1]!.at.getTime() - reads[0]!.at.getTime();
    expect(spread).toBeGreaterThanOrEqual(7_000);
    expect(elapsed).toBeGreaterThanOrEqual(7_000);
  });
});

describe("the call slots", () => {
  it("keep at most `concurrency` calls at the platform at once, as the platform counts them, and keep them busy", async () => {
    const fleet = await createFleet(sandbox, 12);
    const { jobId } = await startJob({ kind: "refresh_versions", params: {}, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
    await resetCounters();
    // Each call takes 80 ms at the platform, which keeps each arrival and answer time (its call trace).
    await updateSettings({ latency: { ms: 80, jitterMs: 0 }, traceCalls: true });
    // Three call slots: the worker holds five items (1.5 per slot), so without the slots five calls could overlap.
    await startWorker({ concurrency: 3, workerId: "slots", sweepMs: 200, pollMs: 100 });
    await waitFor(() => settled(jobId), 20_000);
    expect((await getJob(jobId))!.counts.done).toBe(12);
    const traced = await tracedConcurrency();
    expect(traced.calls).toBeGreaterThanOrEqual(48);
    expect(traced.maxInFlight).toBe(3);
  });
});

describe("transient and permanent refusals", () => {
  it("retries -1 with backoff until done (attempts recorded); 85013 fails only its tenant, with code and meaning", async () => {
    const fleet = await createFleet(sandbox, 4);
    const [flaky, absorbed, refused, plain] = fleet.tenants as [(typeof fleet.tenants)[0], (typeof fleet.tenants)[0], (typeof fleet.tenants)[0], (typeof fleet.tenants)[0]];
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    const profile = await createProfile();
    // Started with no worker (the preflight reads and caches every tenant's categories before any fault is set).
    const { jobId } = await startJob(
      {
        kind: "pipeline",
        params: { commit: { templateId, userVersion: "V6.0", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}"}' }, submit: { profileId: profile.id } },
        selection: { tenantIds: fleet.tenants.map((t) => t.id) },
      },
      null,
    );
    // The submit step of these two reads get_category again (their cache is stale), and meets a system error:
    // three times for `flaky` (the client's own three attempts all fail, the item must retry), twice for `absorbed`
    // (the client's retries absorb it: the item never sees it).
    await db.update(tenantSnapshots).set({ categoriesAt: new Date(0) }).where(inArray(tenantSnapshots.tenantId, [flaky.id, absorbed.id]));
    await addFault({ path: "/wxa/get_category", appid: flaky.appid, errcode: -1, probability: 1, count: 3 });
    await addFault({ path: "/wxa/get_category", appid: absorbed.appid, errcode: -1, probability: 1, count: 2 });
    await addFault({ path: "/wxa/commit", appid: refused.appid, errcode: 85013, probability: 1 });
    await startWorker({ concurrency: 4, workerId: "errors", sweepMs: 200, pollMs: 100, backoffBaseMs: 1_000 });

    // Between its tries the item waits, parked with the code it met.
    await waitFor(async () => {
      const item = (await itemsByTenant(jobId)).get(flaky.id)!;
      return item.state === "parked" && item.code === -1;
    }, 15_000, 20);
    await waitFor(() => settled(jobId), 20_000);
    const items = await itemsByTenant(jobId);
    expect((await getJob(jobId))!).toMatchObject({ state: "finished", counts: expect.objectContaining({ done: 3, failed: 1 }) });

    expect(items.get(flaky.id)).toMatchObject({ state: "done", step: "submit", attempts: 1, code: null });
    const categoryReads = await historyOf("wxa.get_category", flaky.id);
    expect(categoryReads.map((r) => [r.ok, r.errcode])).toEqual([[true, 0], [false, -1], [false, -1], [false, -1], [true, 0]]);
    // The item's backoff (base 1 s, jitter down to half) lies between the last refusal and the read that worked.
    expect(categoryReads[4]!.at.getTime() - categoryReads[3]!.at.getTime()).toBeGreaterThanOrEqual(450);

    expect(items.get(absorbed.id)).toMatchObject({ state: "done", step: "submit", attempts: 0, code: null });
    expect((await historyOf("wxa.get_category", absorbed.id)).map((r) => r.ok)).toEqual([true, false, false, true]);

    const failed = items.get(refused.id)!;
    expect(failed).toMatchObject({ state: "failed", step: "commit", attempts: 1, code: 85013, reason: null });
    expect(failed.meaning).toEqual({ en: describeErrcode(85013, "en").message, "zh-CN": describeErrcode(85013, "zh-CN").message });
    // Permanent: sent once, never again.
    expect(await requestsOf(refused.appid, "/wxa/commit")).toMatchObject({ calls: 1, byErrcode: { "85013": 1 } });

    expect(items.get(plain.id)).toMatchObject({ state: "done", attempts: 0 });
    expect(await appliedOf(fleet.tenants.map((t) => t.appid))).toEqual({
      [flaky.appid]: { commit: 1, submit: 1 },
      [absorbed.appid]: { commit: 1, submit: 1 },
      [refused.appid]: { commit: 0, submit: 0 },
      [plain.appid]: { commit: 1, submit: 1 },
    });
  });
});
