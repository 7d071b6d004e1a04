import { afterAll, afterEach, describe, expect, it } from "vitest";
import { patchState, sandboxHarness } from "@/scripts/vitest/sandbox";
import { DOC_CATEGORIES } from "@/scripts/vitest/audit-fixtures";
import {
  approved,
  createFleet,
  grayAt,
  itemsByTenant,
  platformState,
  published,
  requestsOf,
  settled,
  snapshotOf,
  waitFor,
  type Fleet,
} from "@/scripts/vitest/jobs";
import type { JobKind } from "@/lib/vocab";
import { startJob, startWorker, stopWorker } from "./index";

/**
 * The release-side kinds on real sandbox states, made over HTTP the way a merchant's other tools would (submit,
 * approve, release, gray): each job is checked by what the platform holds afterwards (the emulator's code state) and
 * by what the console learnt (tenant_snapshots). Tenants the preflight leaves out are skipped with their reason and
 * receive no change.
 */

const sandbox = sandboxHarness();
const FAST = { sweepMs: 200, pollMs: 100, backoffBaseMs: 50 };

afterEach(() => stopWorker());
afterAll(() => stopWorker());

const fleetOf = (n: number): Promise<Fleet> => createFleet(sandbox, n, () => ({ categories: DOC_CATEGORIES }));

async function run(kind: JobKind, params: unknown, fleet: Fleet, options: { worker?: boolean } = {}) {
  if (options.worker !== false) await startWorker({ concurrency: 4, workerId: `kinds-${kind}`, ...FAST });
  const { jobId } = await startJob({ kind, params, selection: { tenantIds: fleet.tenants.map((t) => t.id) } }, null);
  return jobId;
}
async function finished(jobId: string) {
  await waitFor(() => settled(jobId));
  return itemsByTenant(jobId);
}

describe("release", () => {
  it("puts the approved version live; a tenant with nothing approved is skipped and not asked", async () => {
    const fleet = await fleetOf(2);
    const [ready, none] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0]];
    await approved(sandbox, ready, "V1.0");
    const items = await finished(await run("release", {}, fleet));

    expect(items.get(ready.id)).toMatchObject({ state: "done", step: "release", result: { released: true } });
    expect(items.get(none.id)).toMatchObject({ state: "skipped", reason: "nothingApproved" });
    const state = await platformState(ready.appid);
    expect(state.online).toMatchObject({ userVersion: "V1.0" });
    expect(state.releasableAuditId).toBeUndefined();
    expect(await snapshotOf(ready.id)).toMatchObject({ liveVersion: "V1.0", grayPercentage: 0 });
    expect((await platformState(none.appid)).online).toBeUndefined();
    expect((await requestsOf(none.appid, "/wxa/release")).calls).toBe(0);
  });
});

describe("gray", () => {
  it("rolls out to 20 % from nothing; never goes down from 30 % (preflight), nor when it reached 30 % after the start", async () => {
    const fleet = await fleetOf(3);
    const [at30, raised, at0] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0], Fleet["tenants"][0]];
    for (const t of fleet.tenants) {
      await published(sandbox, t, "V1.0");
      await approved(sandbox, t, "V2.0");
    }
    await grayAt(sandbox, at30, 30);
    await grayAt(sandbox, raised, 10);
    // Started with no worker: `raised` goes from 10 % to 30 % before its item runs.
    const jobId = await run("gray", { percentage: 20 }, fleet, { worker: false });
    await grayAt(sandbox, raised, 30);
    await startWorker({ concurrency: 4, workerId: "kinds-gray", ...FAST });
    const items = await finished(jobId);

    expect(items.get(at30.id)).toMatchObject({ state: "skipped", reason: "grayWouldGoDown", result: { reasonValues: { current: 30, asked: 20 } } });
    expect(items.get(raised.id)).toMatchObject({ state: "skipped", step: "gray", reason: "jobs.reasons.grayWouldGoDown", result: { reasonValues: { current: 30, asked: 20 } } });
    expect(items.get(at0.id)).toMatchObject({ state: "done", step: "gray", result: { percentage: 20 } });

    expect((await platformState(at0.appid)).gray).toMatchObject({ status: 1, grayPercentage: 20, version: { userVersion: "V2.0" } });
    expect((await platformState(at30.appid)).gray).toMatchObject({ status: 1, grayPercentage: 30 });
    expect((await platformState(raised.appid)).gray).toMatchObject({ status: 1, grayPercentage: 30 });
    // Only the test's own roll-outs reached grayrelease for the two left alone (10 and 30 for `raised`).
    expect((await requestsOf(raised.appid, "/wxa/grayrelease")).calls).toBe(2);
    expect((await requestsOf(at30.appid, "/wxa/grayrelease")).calls).toBe(1);
    // The audit was approved outside the console: the snapshot asks the platform which version is in roll-out.
    expect(await snapshotOf(at0.id)).toMatchObject({ grayPercentage: 20, grayVersion: "V2.0" });
    for (const t of fleet.tenants) expect((await platformState(t.appid)).online).toMatchObject({ userVersion: "V1.0" });
  });
});

describe("cancel_gray", () => {
  it("stops the running roll-out (the live version stays); a tenant without one is skipped", async () => {
    const fleet = await fleetOf(2);
    const [rolling, still] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0]];
    for (const t of fleet.tenants) await published(sandbox, t, "V1.0");
    await approved(sandbox, rolling, "V2.0");
    await grayAt(sandbox, rolling, 30);
    // The console learnt the roll-out (a version-board read would have recorded it).
    const refresh = await finished(await run("refresh_versions", {}, fleet));
    expect(refresh.get(rolling.id)!.state).toBe("done");
    expect(await snapshotOf(rolling.id)).toMatchObject({ grayPercentage: 30, grayVersion: "V2.0" });
    await stopWorker();

    const items = await finished(await run("cancel_gray", {}, fleet));
    expect(items.get(rolling.id)).toMatchObject({ state: "done", step: "cancel_gray", result: { grayCancelled: true } });
    expect(items.get(still.id)).toMatchObject({ state: "skipped", reason: "notLive" });
    const state = await platformState(rolling.appid);
    expect(state.gray).toMatchObject({ status: 4 });
    expect(state.online).toMatchObject({ userVersion: "V1.0" });
    expect(await snapshotOf(rolling.id)).toMatchObject({ grayPercentage: 0, grayVersion: null, liveVersion: "V1.0" });
    expect((await requestsOf(still.appid, "/wxa/revertgrayrelease")).calls).toBe(0);
  });
});

describe("rollback", () => {
  it("goes back to the previous release; a tenant with nothing live is skipped", async () => {
    const fleet = await fleetOf(2);
    const [twice, never] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0]];
    await published(sandbox, twice, "V1.0");
    await published(sandbox, twice, "V2.0");
    expect((await platformState(twice.appid)).online).toMatchObject({ userVersion: "V2.0" });

    const items = await finished(await run("rollback", {}, fleet));
    expect(items.get(twice.id)).toMatchObject({ state: "done", step: "rollback", result: { rolledBack: true } });
    expect(items.get(never.id)).toMatchObject({ state: "skipped", reason: "notLive" });
    expect((await platformState(twice.appid)).online).toMatchObject({ userVersion: "V1.0" });
    expect(await snapshotOf(twice.id)).toMatchObject({ liveVersion: "V1.0" });
    expect((await requestsOf(never.appid, "/wxa/revertcoderelease")).calls).toBe(0);
  });
});

describe("visit_status", () => {
  it("closes then opens the live version; a tenant with nothing live is left out by the preflight (85021 otherwise)", async () => {
    const fleet = await fleetOf(2);
    const [live, none] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0]];
    await published(sandbox, live, "V1.0");

    const closed = await finished(await run("visit_status", { open: false }, fleet));
    expect(closed.get(live.id)).toMatchObject({ state: "done", step: "visit", result: { open: false } });
    expect((await platformState(live.appid)).visitStatus).toBe(0);
    expect(await snapshotOf(live.id)).toMatchObject({ visible: false });
    // The preflight reads the live version: nothing released, nothing sent (the platform would answer 85021).
    expect(closed.get(none.id)).toMatchObject({ state: "skipped", reason: "notLive" });
    expect((await platformState(none.appid)).visitStatus).toBe(1);
    expect((await requestsOf(none.appid, "/wxa/change_visitstatus")).calls).toBe(0);
    await stopWorker();

    const opened = await finished(await run("visit_status", { open: true }, { ...fleet, tenants: [live] }));
    expect(opened.get(live.id)).toMatchObject({ state: "done", result: { open: true } });
    expect((await platformState(live.appid)).visitStatus).toBe(1);
    expect(await snapshotOf(live.id)).toMatchObject({ visible: true });
  });
});

describe("base_library", () => {
  it("sets the minimum base library on every tenant; a version the platform does not publish fails before any change", async () => {
    const fleet = await fleetOf(2);
    const items = await finished(await run("base_library", { version: "2.27.3" }, fleet));
    for (const t of fleet.tenants) {
      expect(items.get(t.id)).toMatchObject({ state: "done", step: "base_library", result: { version: "2.27.3" } });
      expect((await platformState(t.appid)).supportVersion).toBe("2.27.3");
    }
    await stopWorker();

    const refused = await finished(await run("base_library", { version: "9.9.9" }, fleet));
    for (const t of fleet.tenants) {
      expect(refused.get(t.id)).toMatchObject({ state: "failed", code: null, reason: "tenant.release.errors.unknownBaseLibrary", result: { reasonValues: { version: "9.9.9" } } });
      expect((await platformState(t.appid)).supportVersion).toBe("2.27.3");
      expect(await requestsOf(t.appid, "/cgi-bin/wxopen/setweappsupportversion")).toMatchObject({ calls: 1 });
    }
  });
});

describe("refresh_versions", () => {
  it("records trial, live, gray, audit and visibility as the platform holds them", async () => {
    const fleet = await fleetOf(2);
    const [rich, bare] = fleet.tenants as [Fleet["tenants"][0], Fleet["tenants"][0]];
    await published(sandbox, rich, "V1.0");
    const auditid = await approved(sandbox, rich, "V2.0");
    await grayAt(sandbox, rich, 30);
    await patchState(rich.appid, (s) => ({ ...s, visitStatus: 0 }));

    const items = await finished(await run("refresh_versions", {}, fleet));
    expect(items.get(rich.id)).toMatchObject({ state: "done", step: "refresh", result: { trial: "V2.0", live: "V1.0", audit: "approved" } });
    expect(await snapshotOf(rich.id)).toMatchObject({
      trialVersion: "V2.0",
      liveVersion: "V1.0",
      grayVersion: "V2.0",
      grayPercentage: 30,
      auditState: "approved",
      auditid,
      auditVersion: "V2.0",
      visible: false,
    });
    expect(await snapshotOf(bare.id)).toMatchObject({ trialVersion: null, liveVersion: null, grayPercentage: 0, auditState: "none", visible: true });
  });
});
