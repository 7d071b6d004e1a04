import { afterEach, describe, expect, it } from "vitest";
import { clearFaults } from "@/lib/sandbox/control-ops";
import { updateSettings } from "@/lib/sandbox/settings";
import { createFleet, itemStates, settled, waitFor } from "@/scripts/vitest/jobs";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { getJob, listJobItems, startJob, startWorker, stopWorker } from "./index";
import { resumeAfterBurst } from "./wake";

/**
 * 9402202 ("too frequent: the previous commit or submission is still being processed") is transient for one item, but
 * a burst of them across a job pauses the whole job, says why, and the sweep resumes it after a cool-down. The
 * sandbox emulates the rule itself (settings.burst: at most N calls a second per platform on a path).
 */

const sandbox = sandboxHarness();

afterEach(async () => {
  await stopWorker();
  await updateSettings({ burst: null });
  await clearFaults({});
});

describe("a burst of 9402202", () => {
  it("pauses the job with the code, then the cool-down resumes it and every tenant is committed", async () => {
    const fleet = await createFleet(sandbox, 12);
    const templateId = await insertTemplate(fleet.platform.componentAppid);
    await updateSettings({ burst: { path: "/wxa/commit", maxPerSecond: 1 } });
    await startWorker({ concurrency: 12, workerId: "burst", sweepMs: 60_000, pollMs: 100, backoffBaseMs: 2_000 });
    const { jobId } = await startJob(
      { kind: "commit", params: { templateId, userVersion: "V2", userDesc: "bulk", extJson: '{"extAppid":"{{appid}}"}' }, selection: { tenantIds: fleet.tenants.map((t) => t.id) } },
      null,
    );

    await waitFor(async () => (await getJob(jobId))!.state === "paused", 20_000);
    const paused = (await getJob(jobId))!;
    expect(paused).toMatchObject({ pausedReason: "burst", pausedCode: 9402202, settled: false });
    const refused = (await listJobItems(jobId)).rows.filter((r) => r.code === 9402202);
    expect(refused.length).toBeGreaterThanOrEqual(5);

    // Not before the cool-down; once it has passed (0 here) the job runs again and ends with every commit made.
    expect(await resumeAfterBurst()).toBe(0);
    await updateSettings({ burst: null });
    expect(await resumeAfterBurst(0)).toBe(1);
    expect((await getJob(jobId))!.state).toBe("running");
    await waitFor(() => settled(jobId), 30_000);
    expect(await itemStates(jobId)).toEqual({ done: 12 });
  }, 60_000);
});
