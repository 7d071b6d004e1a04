/**
 * The one way the console starts: `npm run dev`, `npm start` (and `prepare`, used by tests: everything but Next;
 * `prepare start` prepares the way `npm start` would: production environment, no development secrets).
 *
 *   DATABASE_URL unset → embedded PostgreSQL in .data/pg (port EMBEDDED_PG_PORT), reused if left running.
 *   DATABASE_URL set   → that database.
 * Then: migrate (never inside `next build`), seed demo data when DEMO_SEED=1, under `start` print a one-time setup
 * code while no operator exists, start Next (through scripts/serve.ts), stop the database on Ctrl-C.
 * Run with `tsx --conditions=react-server` so server-only modules load outside Next.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { startEmbeddedPostgres, type EmbeddedPg } from "./embedded-pg";
import { startWarning } from "./start-warning";

type Mode = "dev" | "start" | "prepare";
const mode = process.argv[2] as Mode;
if (!["dev", "start", "prepare"].includes(mode)) {
  console.error("usage: launch.ts dev|start|prepare");
  process.exit(2);
}

// What a `prepare` stands in for: `prepare start` lets tests check a production start without starting Next.
const asStart = mode === "start" || (mode === "prepare" && process.argv[3] === "start");

const root = process.cwd();
const dataRoot = path.join(root, ".data");
const say = (line: string) => console.log(`\x1b[36m[console]\x1b[0m ${line}`);

nextEnv.loadEnvConfig(root, mode === "dev");
const setDefault = (key: string, value: string) => {
  if (!process.env[key]) process.env[key] = value;
};
(process.env as Record<string, string>).NODE_ENV = asStart ? "production" : "development";
if (mode === "dev") {
  setDefault("DEMO_SEED", "1");
  // The WeChat emulator is on in development (SANDBOX=0 turns it off) and off under `npm start` unless asked for.
  setDefault("SANDBOX", "1");
}
// With the sandbox on and no explicit API host, the console's client talks to the sandbox over HTTP.
const sandboxOn = ["1", "true"].includes(process.env.SANDBOX ?? "");
if (sandboxOn) setDefault("WECHAT_API_BASE", `${process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`}/sandbox/wechat`);
setDefault("NEXT_TELEMETRY_DISABLED", "1");

/** Development only: an encryption key and auth secret made once and kept in .data/, never committed. */
function ensureDevSecrets() {
  const file = path.join(dataRoot, "dev-secrets.json");
  let secrets: { APP_ENCRYPTION_KEY: string; AUTH_SECRET: string };
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8"));
  else {
    secrets = { APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"), AUTH_SECRET: randomBytes(32).toString("base64url") };
    fs.mkdirSync(dataRoot, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    say(`created development secrets in ${path.relative(root, file)}`);
  }
  setDefault("APP_ENCRYPTION_KEY", secrets.APP_ENCRYPTION_KEY);
  setDefault("AUTH_SECRET", secrets.AUTH_SECRET);
}
if (!asStart) ensureDevSecrets();

async function validatedEnv() {
  try {
    return (await import("../lib/env")).env;
  } catch (error) {
    if ((error as Error).name === "EnvError") {
      console.error(`\n${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const env = await validatedEnv();
  // Loud, before anything else: a production start with the emulator or demo data is legitimate but never quiet.
  const warning = asStart ? startWarning({ sandbox: env.SANDBOX, demoSeed: env.DEMO_SEED }) : null;
  if (warning) console.warn(`\x1b[33m${warning}\x1b[0m`);
  let embedded: EmbeddedPg | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DATA || path.join(dataRoot, "pg"),
      port: env.EMBEDDED_PG_PORT,
      log: say,
      fastCommit: mode === "dev",
    });
    databaseUrl = embedded.url;
    process.env.DATABASE_URL = databaseUrl;
    say(`embedded PostgreSQL ${embedded.reused ? "reused" : "started"} on port ${env.EMBEDDED_PG_PORT} (${Date.now() - started} ms)`);
  }
  const stopDatabase = async () => {
    if (embedded) await embedded.stop();
  };

  try {
    const { runMigrations } = await import("../lib/db/migrate");
    await runMigrations(databaseUrl, path.join(root, "drizzle"));
    say("database migrated");
    if (env.DEMO_SEED) await seed(databaseUrl, env.DEMO_PASSWORD);
    if (mode === "start" && !env.SETUP_TOKEN) await printSetupCode(databaseUrl, env.APP_URL);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  if (mode === "prepare") {
    say(`prepared ${redactUrl(databaseUrl)}`);
    await stopDatabase();
    return;
  }
  runNext(env.PORT, env.TRUSTED_PROXY_HOPS, env.APP_URL, stopDatabase);
}

const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");

async function seed(databaseUrl: string, password: string | undefined) {
  const { seedDemo, DEMO_OPERATORS } = await import("../lib/console/demo-seed");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const result = await seedDemo(drizzle(sql), { password });
    // The WeChat emulator's demo world (lib/sandbox/demo.ts): once, whenever no sandbox platform exists yet.
    if ((await import("../lib/env")).env.SANDBOX) {
      const { seedSandboxDemo } = await import("../lib/sandbox/demo");
      const sandbox = await seedSandboxDemo(drizzle(sql));
      if (sandbox) say(`seeded the sandbox: platform ${sandbox.componentAppid} with ${sandbox.authorizers} mini-programs`);
      // The Baidu emulator's demo world (lib/sandbox/baidu/demo.ts): once, whenever no Baidu sandbox platform exists yet.
      const { seedBaiduDemo } = await import("../lib/sandbox/baidu/demo");
      const baidu = await seedBaiduDemo(drizzle(sql));
      if (baidu) say(`seeded the Baidu sandbox: platform ${baidu.clientId} with ${baidu.programs} smart programs`);
    }
    if (!result) return;
    say("seeded demo operators:");
    for (const o of DEMO_OPERATORS) say(`  ${o.role.padEnd(8)} ${o.email}`);
    say(
      result.generated
        ? `  password: ${result.password}   (shown once; set DEMO_PASSWORD to choose it)`
        : "  password: the value of DEMO_PASSWORD",
    );
  } finally {
    await sql.end();
  }
}

/** Production with no operator yet: /setup asks for this code, so the first visitor is not automatically admin. */
async function printSetupCode(databaseUrl: string, appUrl: string) {
  const { issueSetupCode, SETUP_CODE_TTL_MS } = await import("../lib/console/setup");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const code = await issueSetupCode(drizzle(sql));
    if (!code) return;
    const rule = "─".repeat(64);
    say(rule);
    say(`No administrator yet. Open ${appUrl}/setup and enter this one-time setup code:`);
    say("");
    say(`    \x1b[1m${code}\x1b[0m`);
    say("");
    say(`Valid for ${SETUP_CODE_TTL_MS / 3_600_000} hours, until the first administrator is created. Restarting prints a new one.`);
    say(rule);
  } finally {
    await sql.end();
  }
}

function runNext(port: number, trustedProxyHops: number, appUrl: string, stopDatabase: () => Promise<void>) {
  // A custom server (scripts/serve.ts) rather than `next start`/`next dev`: it decides the client's address.
  // Plain Node with tsx, not the react-server condition this launcher runs under: Next must load normally.
  const serve = path.join(path.dirname(fileURLToPath(import.meta.url)), "serve.ts");
  const args = ["--import", "tsx", serve, mode, "--port", String(port), "--trusted-proxy-hops", String(trustedProxyHops)];
  // Same process group: Ctrl-C in a terminal, or a supervisor killing the group, reaches Next too.
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, PORT: String(port), APP_URL: appUrl },
  });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.pid) {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(null);
        }, 5000);
        child.once("exit", () => (clearTimeout(timer), resolve(null)));
      });
    }
    await stopDatabase();
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 1));

  void announceWhenReady(`http://localhost:${port}`, appUrl);
}

async function announceWhenReady(localUrl: string, appUrl: string) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${localUrl}/api/health`);
      if (res.ok) {
        say(`console ready at ${appUrl}`);
        if (process.env.DEMO_SEED === "1" || process.env.DEMO_SEED === "true") {
          say("demo sign-in: admin@example.com (also operator@ and viewer@example.com)");
        }
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
