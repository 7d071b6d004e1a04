/**
 * `npm run chaos:bulk -- --tenants 200 --latency 30`: is a bulk pipeline crash-safe? On a throwaway database with the
 * sandbox served over HTTP from its own process, a pipeline job (commit → privacy wait → submit) runs on `tenants`
 * mini-programs under faults — 20 % transient errors (errcode -1 "system error") on every call of the pipeline, and
 * answers lost after the call applied (10 %) on commit and submit_audit — while its worker, a child process, is
 * SIGKILLed at random moments (every `kill-min`..`kill-max` s while the job runs, `min-kills` at least) and restarted.
 *
 * At the end (the job settled, or `timeout` s) it prints, from the SANDBOX's own counts (sandbox_applied, per appid):
 * - done / failed items (failures with their codes);
 * - `lost`: items of the job whose outcome went missing — not final at the end (neither done nor failed: nothing
 *   failed permanently, yet the job never finished them), or done although the sandbox never applied their commit or
 *   their submit, or failed although the sandbox applied their submit (the platform has an audit the console gave up on);
 * - the most commits and the most submits any tenant received, and the kills.
 * Goal: `lost 0`, `max commits per tenant 1`, `max submits per tenant 1`, the job settled, `min-kills` kills; else exit 1.
 */
import { performance } from "node:perf_hooks";
import { runOnThrowawayDatabase } from "./embedded-pg";
import { buildBulkWorld, pipelineParams, prepareBulkEnv, sandboxTally, spawnSandbox, spawnWorker, type WorkerChild } from "./bulk-world";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};
const TENANTS = arg("tenants", 200);
const LATENCY = arg("latency", 30);
const CONCURRENCY = arg("concurrency", 10);
const KILL_MIN_S = arg("kill-min", 2);
const KILL_MAX_S = arg("kill-max", 6);
const MIN_KILLS = arg("min-kills", 3);
const TIMEOUT_S = arg("timeout", 600);
const TRANSIENT = arg("transient", 0.2);
const LOSE = arg("lose", 0.1);
/** Recovery knobs for the worker (scripts/worker.ts flags). */
const WORKER_FLAGS = ["--concurrency", String(CONCURRENCY), "--lease-ms", "5000", "--sweep-ms", "1000", "--backoff-ms", "200", "--max-attempts", "12"];

/** Every platform call of the pipeline (and of its recovery reads) gets transient faults; commit and submit lose answers. */
const TRANSIENT_PATHS = [
  "/wxa/commit",
  "/wxa/submit_audit",
  "/wxa/get_code_privacy_info",
  "/wxa/get_page",
  "/wxa/get_category",
  "/wxa/getversioninfo",
  "/wxa/get_latest_auditstatus",
  "/cgi-bin/component/api_authorizer_token",
];
const LOSE_PATHS = ["/wxa/commit", "/wxa/submit_audit"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function chaos(url: string): Promise<boolean> {
  const { port, wechatBase } = await prepareBulkEnv(url);
  const t0 = performance.now();
  const world = await buildBulkWorld(url, wechatBase, TENANTS);
  const server = await spawnSandbox(url, port);
  let worker: WorkerChild | null = null;
  try {
    console.log(`seeded ${TENANTS} mini-programs (sandbox and console) in ${seconds(performance.now() - t0)}`);
    const { addFault, patchSettings, resetCounters } = await import("../lib/sandbox/control-ops");
    const { faultSchema } = await import("../lib/sandbox/control-schemas");
    await patchSettings({ privacyScanMs: 0, latency: { ms: LATENCY, jitterMs: 0 } });
    await sleep(1500); // the sandbox process reads its settings through a short cache

    // Preflight and start without faults (the preflight's reads are not what is measured); the items are queued.
    const { startJob, getJob, stopWorker } = await import("../lib/jobs");
    const { jobId } = await startJob({ kind: "pipeline", params: pipelineParams(world), selection: { tenantIds: world.tenantIds } }, null);
    await resetCounters();
    for (const path of LOSE_PATHS) await addFault(faultSchema.parse({ path, lose_answer: true, probability: LOSE }));
    for (const path of TRANSIENT_PATHS) await addFault(faultSchema.parse({ path, errcode: -1, probability: TRANSIENT }));
    await sleep(1000); // the sandbox process's fault cache

    const log = workerLog();
    const kills: { at: number; done: number; pid: number }[] = [];
    let generation = 1;
    const start = () => spawnWorker([...WORKER_FLAGS, "--id", `chaos-${generation}`], log.line(generation));
    worker = start();
    const t = performance.now();
    let nextKill = t + randomKillDelay();
    let lastDone = -1;
    let lastChange = t;
    let longestStall = 0;
    let job = await getJob(jobId);
    while (job && !job.settled && performance.now() - t < TIMEOUT_S * 1000) {
      await sleep(100);
      job = await getJob(jobId);
      const now = performance.now();
      const progressed = job ? job.counts.done + job.counts.failed : 0;
      if (progressed !== lastDone) {
        longestStall = Math.max(longestStall, now - lastChange);
        lastDone = progressed;
        lastChange = now;
      }
      if (job && !job.settled && now >= nextKill) {
        worker.kill("SIGKILL");
        await worker.exited;
        kills.push({ at: now - t, done: progressed, pid: worker.pid });
        generation += 1;
        worker = start();
        nextKill = performance.now() + randomKillDelay();
      }
    }
    const ms = performance.now() - t;
    longestStall = Math.max(longestStall, performance.now() - lastChange);
    await worker.stop();
    worker = null;
    await stopWorker();

    const tally = await sandboxTally();
    const outcome = await itemOutcomes(jobId);
    const settled = Boolean(job?.settled);
    const ok = settled && outcome.lost.length === 0 && tally.maxCommits <= 1 && tally.maxSubmits <= 1 && kills.length >= MIN_KILLS;
    console.log(`
──────────── bulk pipeline under chaos ────────────
  pipeline (commit → privacy → submit), ${TENANTS} tenants, sandbox latency ${LATENCY} ms, worker concurrency ${CONCURRENCY}
  faults                  errcode -1 p=${TRANSIENT} on ${TRANSIENT_PATHS.length} paths; lose_answer p=${LOSE} on ${LOSE_PATHS.join(", ")}
  worker                  child process, ${WORKER_FLAGS.join(" ")}
  job                     ${settled ? `settled (${job!.state})` : `NOT settled after ${TIMEOUT_S} s (${job?.state})`} in ${seconds(ms)}; longest stretch without an item settling ${seconds(longestStall)}
  kills                   ${kills.length} (SIGKILL at ${kills.map((k) => `${seconds(k.at)} [${k.done} settled]`).join(", ") || "—"})
  platform calls          ${tally.calls} (${tally.lost} answers lost by the sandbox)
  items                   done ${outcome.counts.done ?? 0}, failed ${outcome.counts.failed ?? 0}${outcome.other ? `, other ${outcome.other}` : ""}
  failed with codes       ${outcome.failures.join("; ") || "—"}
  sandbox applied         commits to ${outcome.committed} tenants, submits to ${outcome.submitted} tenants
  lost                    ${outcome.lost.length}${outcome.lost.length ? `  (${outcome.lost.slice(0, 10).join("; ")}${outcome.lost.length > 10 ? "; …" : ""})` : ""}
  max commits per tenant  ${tally.maxCommits}
  max submits per tenant  ${tally.maxSubmits}
  worker log              ${log.summary()}
  result                  ${ok ? "ok" : "GOAL MISSED"}
──────────────────────────────────────────────────`);
    return ok;
  } finally {
    await worker?.stop();
    const { stopWorker } = await import("../lib/jobs");
    await stopWorker();
    await server.close();
    const pool = (globalThis as { __mpcDb?: { sql: { end: (o: { timeout: number }) => Promise<void> } } }).__mpcDb;
    await pool?.sql.end({ timeout: 1 });
  }
}

function randomKillDelay() {
  return (KILL_MIN_S + Math.random() * (KILL_MAX_S - KILL_MIN_S)) * 1000;
}

/** Worker output is kept out of the report, but counted; the first lines on stderr are echoed, prefixed. */
function workerLog() {
  let stdout = 0;
  let stderr = 0;
  const echoed: string[] = [];
  return {
    line: (generation: number) => (line: string, stream: "stdout" | "stderr") => {
      if (stream === "stdout") return void (stdout += 1);
      stderr += 1;
      if (echoed.length < 5 && line.startsWith("[")) {
        echoed.push(line);
        console.log(`  [worker ${generation}] ${line.slice(0, 200)}`);
      }
    },
    summary: () => `${stdout} lines on stdout, ${stderr} on stderr`,
  };
}

type ItemRow = { appid: string; state: string; step: string; last_code: number | null; last_message: string | null; commits: number; submits: number };

/** The job's items beside what the sandbox applied to each tenant (sandbox_applied, by appid), and the lost ones. */
async function itemOutcomes(jobId: string) {
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const rows = (await db.execute(sql`
    select t.appid, i.state::text as state, i.step, i.last_code, i.last_message,
      coalesce((select a.count from sandbox_applied a where a.appid = t.appid and a.path = '/wxa/commit'), 0)::int as commits,
      coalesce((select a.count from sandbox_applied a where a.appid = t.appid and a.path = '/wxa/submit_audit'), 0)::int as submits
    from bulk_items i join tenants t on t.id = i.tenant_id
    where i.job_id = ${jobId} order by i.position`)) as unknown as ItemRow[];
  const counts: Record<string, number> = {};
  const failures = new Map<string, number>();
  const lost: string[] = [];
  for (const row of rows) {
    counts[row.state] = (counts[row.state] ?? 0) + 1;
    if (row.state === "failed") {
      const key = `${row.step} ${row.last_code ?? "—"} ${row.last_message ?? ""}`.trim();
      failures.set(key, (failures.get(key) ?? 0) + 1);
      if (row.submits > 0) lost.push(`${row.appid} failed at ${row.step} but its submit was applied`);
    } else if (row.state === "done") {
      if (row.commits === 0 || row.submits === 0) lost.push(`${row.appid} done, applied commit ${row.commits} submit ${row.submits}`);
    } else {
      lost.push(`${row.appid} ${row.state} at ${row.step}`);
    }
  }
  return {
    counts,
    other: rows.length - (counts.done ?? 0) - (counts.failed ?? 0),
    failures: [...failures].map(([key, n]) => `${n} × ${key}`),
    lost,
    committed: rows.filter((r) => r.commits > 0).length,
    submitted: rows.filter((r) => r.submits > 0).length,
  };
}

runOnThrowawayDatabase("mpc_chaos_bulk", chaos);
