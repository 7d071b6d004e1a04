/**
 * `npm run bench:bulk -- --tenants 1000 --latency 100 --concurrency 20`: how close does a bulk pipeline come to the
 * platform's own limit? On a throwaway database with the sandbox served over HTTP (privacy scan delay 0, `latency`
 * ms on every call), a pipeline job (commit → privacy wait → submit) runs on `tenants` mini-programs with one worker
 * of `concurrency`, then the same job on 100 other mini-programs one by one (concurrency 1) as the baseline.
 *
 * Prints: the platform calls the sandbox answered during the run, the ideal time (calls × latency ÷ concurrency),
 * the measured time (first item sent → every item settled), their `ratio` (goal ≤ 1.25), the baseline, and
 * `duplicates`: mini-programs the sandbox saw a commit or a submit applied to more than once (must be 0), and the
 * most calls the sandbox had in hand at once (its call trace; must not exceed `concurrency`, which bounds the calls
 * in flight — the worker holds more items than that, so an item's bookkeeping between calls leaves no slot idle).
 * The preflight (which reads each tenant's categories) runs before the clock starts and is timed on its own.
 */
import { performance } from "node:perf_hooks";
import { runOnThrowawayDatabase } from "./embedded-pg";
import { buildBulkWorld, pipelineParams, prepareBulkEnv, sandboxTally, spawnSandbox, type BulkWorld } from "./bulk-world";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};
const TENANTS = arg("tenants", 1000);
const LATENCY = arg("latency", 100);
const CONCURRENCY = arg("concurrency", 20);
const BASELINE = arg("baseline", 100);
const GOAL = 1.25;

async function bench(url: string): Promise<boolean> {
  const { port, wechatBase } = await prepareBulkEnv(url);
  const t = performance.now();
  const world = await buildBulkWorld(url, wechatBase, TENANTS + BASELINE);
  // The emulated platform in a process of its own, as the real one is another machine.
  const server = await spawnSandbox(url, port);
  try {
    console.log(`seeded ${TENANTS + BASELINE} mini-programs (sandbox and console) in ${Math.round(performance.now() - t)} ms`);
    const { patchSettings, resetCounters } = await import("../lib/sandbox/control-ops");
    // Traced: the emulator keeps each call's arrival and answer times, to count the calls it had in hand at once.
    await patchSettings({ privacyScanMs: 0, latency: { ms: LATENCY, jitterMs: 0 }, traceCalls: true });
    // The sandbox process reads its settings through a short cache.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const main = await runJob(world, world.tenantIds.slice(0, TENANTS), CONCURRENCY, resetCounters);
    const tally = await sandboxTally();
    const ideal = (main.calls * LATENCY) / CONCURRENCY;
    const ratio = main.ms / ideal;

    await resetCounters();
    const base = await runJob(world, world.tenantIds.slice(TENANTS), 1, resetCounters);
    const perTenant = base.ms / Math.max(1, BASELINE);

    const ok = ratio <= GOAL && tally.duplicates === 0 && main.failed === 0 && tally.maxInFlight <= CONCURRENCY;
    console.log(`
──────────── bulk pipeline benchmark ────────────
  pipeline (commit → privacy → submit), sandbox latency ${LATENCY} ms, concurrency ${CONCURRENCY}
  tenants                 ${TENANTS} (done ${main.done}, failed ${main.failed})
  preflight               ${(main.preflightMs / 1000).toFixed(1)} s (before the clock)
  platform calls          ${main.calls} (${(main.calls / TENANTS).toFixed(2)} per tenant)
  mean call time          ${main.callMs.toFixed(0)} ms as the console saw it (the emulator answers ${LATENCY} ms after a call arrives, or later if its own work takes longer)
  most calls at once      ${tally.maxInFlight} (the emulator's count of calls in hand; must not exceed the concurrency)
  ideal                   ${(ideal / 1000).toFixed(1)} s  (calls × latency ÷ concurrency)
  measured                ${(main.ms / 1000).toFixed(1)} s
  ratio                   ${ratio.toFixed(2)}  (goal ≤ ${GOAL})
  one by one (baseline)   ${BASELINE} tenants in ${(base.ms / 1000).toFixed(1)} s = ${(perTenant / 1000).toFixed(2)} s each → ${((perTenant * TENANTS) / 60_000).toFixed(1)} min for ${TENANTS}
  speed-up                ${((perTenant * TENANTS) / main.ms).toFixed(1)}×
  duplicates              ${tally.duplicates}  (most commits to one tenant ${tally.maxCommits}, most submits ${tally.maxSubmits})
  result                  ${ok ? "ok" : "GOAL MISSED"}
──────────────────────────────────────────────────`);
    return ok;
  } finally {
    const { stopWorker } = await import("../lib/jobs");
    await stopWorker();
    await server.close();
    const pool = (globalThis as { __mpcDb?: { sql: { end: (o: { timeout: number }) => Promise<void> } } }).__mpcDb;
    await pool?.sql.end({ timeout: 1 });
  }
}

/** Preflight + start (no worker yet), then the clock: a worker of `concurrency` until every item is settled. */
async function runJob(world: BulkWorld, tenantIds: string[], concurrency: number, resetCounters: () => Promise<unknown>) {
  const { startJob, startWorker, stopWorker, getJob } = await import("../lib/jobs");
  let t = performance.now();
  const { jobId } = await startJob({ kind: "pipeline", params: pipelineParams(world), selection: { tenantIds } }, null);
  const preflightMs = performance.now() - t;
  await resetCounters();
  t = performance.now();
  await startWorker({ concurrency, perAccount: concurrency, ratePerSecond: 0, workerId: `bench-${concurrency}` });
  for (;;) {
    const job = await getJob(jobId);
    if (job?.settled) {
      const ms = performance.now() - t;
      await stopWorker();
      const { sql } = await import("drizzle-orm");
      const { db } = await import("../lib/db/client");
      const [row] = (await db.execute(sql`select coalesce(sum(count), 0)::int as n from sandbox_requests`)) as unknown as { n: number }[];
      // How long a call took as the console saw it (the configured latency plus the emulator's own work and the wire).
      const [took] = (await db.execute(sql`select coalesce(avg(duration_ms), 0)::float as ms from operations where bulk_job_id = ${jobId}`)) as unknown as { ms: number }[];
      return { ms, preflightMs, callMs: took!.ms, calls: row!.n, done: job.counts.done, failed: job.counts.failed + job.counts.skipped + job.counts.cancelled };
    }
    // A light poll: the harness must not load the database it measures (each read groups the job's items).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

runOnThrowawayDatabase("mpc_bench_bulk", bench);
