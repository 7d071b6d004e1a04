/**
 * `npm run bench:tokens`: does the token authority refresh exactly once when many callers in several processes need
 * a token at the same moment? On a fresh database (dropped at the end), with the sandbox served over HTTP here:
 *
 *   1. a sandbox platform (with its verify ticket) and one authorizer; the matching console platform account
 *      (API base = the sandbox, secret encrypted, ticket stored) and tenant (refresh token encrypted);
 *   2. TWO worker processes (scripts/bench-tokens-worker.ts), released together, each fire CALLS concurrent
 *      getAuthorizerClient(tenant).getCategory() calls on a COLD token (no wechat_tokens row at all);
 *   3. the sandbox's own call counters then say how many times each token was fetched upstream.
 *
 * Goal: api_component_token 1, api_authorizer_token 1, every call answered. Postgres: DATABASE_URL's server when
 * set, else the embedded one (.data/pg), as `npm test` does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import postgres from "postgres";
import { runOnThrowawayDatabase } from "./embedded-pg";

const WORKERS = 2;
/** `--platform baidu`: the same race on a Baidu smart program, whose refresh token is single use. */
const PLATFORM = process.argv.includes("--platform") ? process.argv[process.argv.indexOf("--platform") + 1] : "wechat";
if (PLATFORM !== "wechat" && PLATFORM !== "baidu") throw new Error("--platform must be wechat or baidu");
const CALLS = 100;
type WorkerResult = { pid: number; calls: number; ok: number; failed: number; errors: string[]; startedAt: number; finishedAt: number; firstMs: number; ms: number };

/** Promise.withResolvers is Node 22+; the project supports Node 20. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Rejected after the benchmark stopped listening (a worker exiting normally): not an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void>; result: Promise<WorkerResult> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/bench-tokens-worker.ts")], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = deferred<void>();
  const result = deferred<WorkerResult>();
  lines.on("line", (line) => {
    if (line === "ready") ready.resolve();
    else if (line.startsWith("{")) result.resolve(JSON.parse(line) as WorkerResult);
  });
  // A worker that dies early must not leave the benchmark waiting (settled promises ignore the later reject).
  child.on("exit", (code) => {
    const error = new Error(`worker ${child.pid} exited with ${code} before reporting`);
    ready.reject(error);
    result.reject(error);
  });
  return { child, ready: ready.promise, result: result.promise };
}

async function bench(url: string): Promise<boolean> {
  // lib/env reads process.env once, at first import: everything the project needs is set before that.
  process.env.DATABASE_URL = url;
  process.env.SANDBOX = "1";
  process.env.APP_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  const { runMigrations } = await import("../lib/db/migrate");
  await runMigrations(url, path.resolve("drizzle"));
  const { eq, sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const { encryptSecret } = await import("../lib/crypto");
  const { platformAccounts, tenants, wechatTokens } = await import("../lib/db/schema");
  const { createAuthorizer, createPlatform } = await import("../lib/sandbox/registry");
  const { enqueueTicketPush } = await import("../lib/sandbox/push");
  const { sandboxCounters, sandboxPlatforms } = await import("../lib/sandbox/schema");
  const { storeVerifyTicket } = await import("../lib/platforms/wechat/tokens");
  const { startSandboxServer } = await import("./vitest/sandbox-server");

  /** A WeChat sandbox platform (with its ticket) and one authorizer, as the console's account and tenant. */
  async function wechatTenant(base: string) {
    const created = await createPlatform({ name: "Token benchmark platform" });
    await enqueueTicketPush(created.componentAppid);
    const [platform] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, created.componentAppid));
    const authorizer = await createAuthorizer({ componentAppid: platform!.componentAppid });
    const [account] = await db
      .insert(platformAccounts)
      .values({ platform: "wechat", name: "Token benchmark", appId: platform!.componentAppid, secretEnc: encryptSecret(platform!.componentAppsecret), apiBase: base })
      .returning();
    await storeVerifyTicket(account!.id, platform!.verifyTicket!);
    const [tenant] = await db
      .insert(tenants)
      .values({ accountId: account!.id, appid: authorizer.appid, nickname: authorizer.nickname, refreshTokenEnc: encryptSecret(authorizer.refreshToken!) })
      .returning();
    return tenant!;
  }

  /** A Baidu emulated platform (with its ticket) and one smart program, as the console's account and tenant. */
  async function baiduTenant(base: string) {
    const { createBaiduApp, createBaiduPlatform } = await import("../lib/sandbox/baidu/registry");
    const { enqueueBaiduTicket } = await import("../lib/sandbox/baidu/push");
    const { sandboxBaiduPlatforms } = await import("../lib/sandbox/schema");
    const { storeBaiduTicket } = await import("../lib/platforms/baidu/tokens");
    const created = await createBaiduPlatform({ name: "Token benchmark (Baidu)" });
    await enqueueBaiduTicket(created.clientId);
    const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, created.clientId));
    const app = await createBaiduApp({ clientId: platform!.clientId });
    const [account] = await db
      .insert(platformAccounts)
      .values({ platform: "baidu", name: "Token benchmark (Baidu)", appId: platform!.clientId, secretEnc: encryptSecret(platform!.clientId), apiBase: base })
      .returning();
    await storeBaiduTicket(account!.id, platform!.ticket!);
    const [tenant] = await db
      .insert(tenants)
      .values({ accountId: account!.id, appid: String(app.appId), nickname: app.appName, refreshTokenEnc: encryptSecret(app.refreshToken!) })
      .returning();
    return tenant!;
  }

  /** The refresh token the console stores is the one the emulator holds live (a lost single-use token would differ). */
  async function baiduGrantKept(tenant: { id: string; appid: string }) {
    const { getBaiduApp } = await import("../lib/sandbox/baidu/registry");
    const { decryptSecret } = await import("../lib/crypto");
    const [row] = await db.select({ enc: tenants.refreshTokenEnc }).from(tenants).where(eq(tenants.id, tenant.id));
    const live = (await getBaiduApp(Number(tenant.appid)))?.refreshToken ?? null;
    return !!row?.enc && decryptSecret(row.enc) === live;
  }

  const server = await startSandboxServer();
  const workers: ChildProcess[] = [];
  try {
    const tenant = PLATFORM === "baidu" ? await baiduTenant(server.baiduBase) : await wechatTenant(server.wechatBase);
    const cached = await db.select({ key: wechatTokens.key }).from(wechatTokens);
    if (cached.length) throw new Error("expected a cold start: wechat_tokens is not empty");

    // The workers' lib/env must trust this server's base: the console sends nothing to a base it does not allow.
    const env = { ...process.env, DATABASE_URL: url, TENANT_ID: tenant.id, BENCH_PLATFORM: PLATFORM, CALLS: String(CALLS), WECHAT_API_BASE: server.wechatBase };
    const started = Array.from({ length: WORKERS }, () => startWorker(env));
    workers.push(...started.map((w) => w.child));
    await Promise.all(started.map((w) => w.ready));
    const t0 = performance.now();
    for (const w of started) w.child.stdin!.write("go\n");
    const results = await Promise.all(started.map((w) => w.result));
    const wallMs = performance.now() - t0;

    const counts = await db.select().from(sandboxCounters);
    const upstream = (p: string) => counts.filter((c) => c.path === p).reduce((sum, c) => sum + c.count, 0);
    const [{ rows }] = (await db.execute(sql`select count(*)::int as rows from operations`)) as unknown as [{ rows: number }];
    const answered = results.reduce((sum, r) => sum + r.ok, 0);
    const spread = Math.max(...results.map((r) => r.startedAt)) - Math.min(...results.map((r) => r.startedAt));
    const lines: [string, number | string, string][] =
      PLATFORM === "baidu"
        ? [
            ["upstream TP token calls (tp/token)", upstream("/public/2.0/smartapp/auth/tp/token"), "goal 1"],
            ["upstream refreshes (oauth/token)", upstream("/rest/2.0/oauth/token"), "goal 1"],
            ["upstream /package/get calls", upstream("/rest/2.0/smartapp/package/get"), `${WORKERS * CALLS} expected`],
            ["refresh token stored = live", (await baiduGrantKept(tenant)) ? "yes" : "NO", "goal yes — the single-use token was not lost"],
          ]
        : [
            ["upstream api_component_token calls", upstream("/cgi-bin/component/api_component_token"), "goal 1"],
            ["upstream api_authorizer_token calls", upstream("/cgi-bin/component/api_authorizer_token"), "goal 1"],
            ["upstream /wxa/get_category calls", upstream("/wxa/get_category"), `${WORKERS * CALLS} expected`],
          ];
    // A line whose note reads "goal X" must show X.
    const pass = lines.every(([, value, goal]) => !goal.startsWith("goal ") || String(value) === goal.split(" ")[1]) && answered === WORKERS * CALLS;

    console.log(`
──────────── token refresh benchmark (${PLATFORM}) ────────────
  ${WORKERS} processes × ${CALLS} concurrent calls on a cold token (started ${spread} ms apart)
${results.map((r) => `  worker ${r.pid}: ${r.ok}/${r.calls} ok, ${r.failed} failed; first answer ${r.firstMs.toFixed(0)} ms, last ${r.ms.toFixed(0)} ms${r.errors.length ? ` (${r.errors.join("; ")})` : ""}`).join("\n")}
${lines.map(([label, value, goal]) => `  ${label.padEnd(37)}${String(value).padEnd(4)}(${goal})`).join("\n")}
  history rows written                 ${rows}
  wall time (go → last answer)         ${wallMs.toFixed(0)} ms
  result                               ${pass ? "ok" : "GOAL MISSED"}
──────────────────────────────────────────────────`);
    return pass;
  } finally {
    for (const child of workers) if (child.exitCode === null) child.kill();
    await server.close();
    const pool = (globalThis as { __mpcDb?: { sql: postgres.Sql } }).__mpcDb;
    await pool?.sql.end({ timeout: 1 });
  }
}

runOnThrowawayDatabase("mpc_bench_tokens", bench);
