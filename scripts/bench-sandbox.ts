/**
 * `npm run bench:sandbox`: how the WeChat emulator holds up at agency scale, on a fresh database that is dropped at
 * the end. Postgres: DATABASE_URL's server when set, else the embedded one (.data/pg), as `npm test` does.
 *
 *   (a) seeding 20,000 authorizers (lib/sandbox/registry.createAuthorizers)       goal < 60 s
 *   (b) 500 sequential POST /cgi-bin/component/api_get_authorizer_info calls, each for a random one of them,
 *       with no injected latency                                                 goal < 5 ms server time per call
 *
 * What (b) measures, three ways:
 *   handler    time inside handleWechatApi (routing, token check, queries, call counter), called in process with a
 *              web Request: the server-side time, with no HTTP around it. This is the figure the goal applies to.
 *   http       the same calls over real HTTP (scripts/vitest/sandbox-server.ts), timed by the client.
 *   http − noop  http minus the median of a no-op request on the same server (a 404 answered before the sandbox
 *              code runs): the server-side time as seen through HTTP, a cross-check of `handler`.
 *   select 1   one query round trip on the same pool: the unit the handler's ~5 queries are made of.
 * The goal is checked on the handler's mean; p95 moves a lot on a loaded machine and is printed beside it.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { runOnThrowawayDatabase } from "./embedded-pg";

const AUTHORIZERS = 20_000;
const CALLS = 500;
const WARMUP = 50;
const GOALS = { seedSeconds: 60, callMs: 5 };

type Stats = { p50: number; p95: number; mean: number };
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((s, v) => s + v, 0) / samples.length };
}
const ms = (v: number) => `${v.toFixed(2).padStart(7)} ms`;
const row = (label: string, s: Stats) => `  ${label.padEnd(28)} p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   mean ${ms(s.mean)}`;

async function bench(url: string) {
  // lib/env reads process.env once, at first import: everything the project needs is set before that.
  process.env.DATABASE_URL = url;
  process.env.SANDBOX = "1";
  const { runMigrations } = await import("../lib/db/migrate");
  await runMigrations(url, path.resolve("drizzle"));
  const { createPlatform, createAuthorizers } = await import("../lib/sandbox/registry");
  const { issueComponentToken } = await import("../lib/sandbox/tokens");
  const { handleWechatApi } = await import("../lib/sandbox");
  const { startSandboxServer } = await import("./vitest/sandbox-server");
  const { db } = await import("../lib/db/client");
  const { sandboxAuthorizers } = await import("../lib/sandbox/schema");

  const platform = await createPlatform({ name: "Benchmark platform" });
  const seedStarted = performance.now();
  const made = await createAuthorizers(platform.componentAppid, AUTHORIZERS);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const appids = (await db.select({ appid: sandboxAuthorizers.appid }).from(sandboxAuthorizers)).map((r) => r.appid);
  const { token } = await issueComponentToken(platform.componentAppid, 7200);
  const pick = () => appids[Math.floor(Math.random() * appids.length)]!;
  const pathOf = "/cgi-bin/component/api_get_authorizer_info";
  const body = () => JSON.stringify({ component_appid: platform.componentAppid, authorizer_appid: pick() });
  const check = async (res: Response) => {
    const json = (await res.json()) as { errcode?: number; authorizer_info?: unknown };
    if (!json.authorizer_info) throw new Error(`unexpected answer: ${JSON.stringify(json)}`);
  };

  // Handler time, in process.
  const handler: number[] = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const req = new Request(`http://localhost/sandbox/wechat${pathOf}?component_access_token=${token}`, { method: "POST", body: body() });
    const t0 = performance.now();
    const res = await handleWechatApi(req, pathOf.slice(1).split("/"));
    const elapsed = performance.now() - t0;
    await check(res);
    if (i >= WARMUP) handler.push(elapsed);
  }

  const query: number[] = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const t0 = performance.now();
    await db.execute(sql`select 1`);
    if (i >= WARMUP) query.push(performance.now() - t0);
  }

  // Over HTTP, and the no-op baseline on the same server.
  const server = await startSandboxServer();
  const http: number[] = [];
  const noop: number[] = [];
  try {
    for (let i = 0; i < WARMUP + CALLS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.wechatBase}${pathOf}?component_access_token=${token}`, { method: "POST", body: body() });
      await check(res);
      if (i >= WARMUP) http.push(performance.now() - t0);

      const t1 = performance.now();
      await (await fetch(`${server.baseUrl}/noop`, { method: "POST", body: body() })).text();
      if (i >= WARMUP) noop.push(performance.now() - t1);
    }
  } finally {
    await server.close();
  }
  const noopMedian = stats(noop).p50;
  const handlerStats = stats(handler);

  const pass = (ok: boolean) => (ok ? "ok" : "SLOWER THAN GOAL");
  console.log(`
──────────── sandbox benchmark ────────────
  seeding ${made.toLocaleString("en")} authorizers          ${seedSeconds.toFixed(2)} s   (goal < ${GOALS.seedSeconds} s: ${pass(seedSeconds < GOALS.seedSeconds)})
  ${CALLS} sequential ${pathOf} calls (random authorizer of ${made.toLocaleString("en")}, no injected latency):
${row("handler (server-side time)", handlerStats)}   (goal: mean < ${GOALS.callMs} ms: ${pass(handlerStats.mean < GOALS.callMs)})
${row("http round trip", stats(http))}
${row("no-op http round trip", stats(noop))}
${row("http − no-op median", stats(http.map((v) => v - noopMedian)))}
${row("one query (select 1)", stats(query))}
────────────────────────────────────────────`);

  const pool = (globalThis as { __mpcDb?: { sql: postgres.Sql } }).__mpcDb;
  await pool?.sql.end({ timeout: 1 });
  return seedSeconds < GOALS.seedSeconds && handlerStats.mean < GOALS.callMs;
}

runOnThrowawayDatabase("mpc_bench", bench);
