/**
 * `npm test`: type-check, lint, unit + integration tests (vitest on a real Postgres), a production build and the
 * Playwright suite in Chromium against it. Ends with one line: `tests: N passed, N failed`.
 * Postgres: DATABASE_URL's server when set (CI), else the embedded one (.data/pg).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createThrowawayDatabase, testPostgresServer } from "./embedded-pg";

const root = process.cwd();
const out = path.join(root, ".data", "test-results");
fs.mkdirSync(out, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
let passed = 0;
let failed = 0;
const started = Date.now();

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n\x1b[1m▶ ${label}\x1b[0m`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("close", (code) => {
      console.log(`\x1b[2m  ${label}: exit ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s\x1b[0m`);
      resolve(code ?? 1);
    });
  });
}

/** A check that is not a test runner (tsc, eslint, build) counts as one test. */
async function check(label: string, cmd: string, args: string[]) {
  const code = await run(label, cmd, args);
  if (code === 0) passed++;
  else failed++;
  return code === 0;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function main() {
  await check("type-check", bin("tsc"), ["--noEmit"]);
  await check("lint", bin("eslint"), ["--max-warnings=0", "."]);

  const server = await testPostgresServer();
  const serverUrl = server.serverUrl;
  if (server.embedded) console.log("using the embedded PostgreSQL");

  try {
    const vitestJson = path.join(out, "vitest.json");
    fs.rmSync(vitestJson, { force: true });
    const vitestCode = await run("unit and integration tests (vitest)", bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${vitestJson}`,
    ], { DATABASE_URL: serverUrl });
    const v = readJson(vitestJson) as { numPassedTests?: number; numFailedTests?: number } | undefined;
    if (v && typeof v.numPassedTests === "number") {
      passed += v.numPassedTests;
      failed += v.numFailedTests ?? 0;
      if (vitestCode !== 0 && !v.numFailedTests) failed++;
    } else if (vitestCode !== 0) failed++;

    if (!(await check("production build (next build)", bin("next"), ["build"]))) return;

    const e2eDatabase = await createThrowawayDatabase(serverUrl, "mpc_e2e");
    try {
      const pwJson = path.join(out, "playwright.json");
      fs.rmSync(pwJson, { force: true });
      const pwCode = await run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
        E2E_DATABASE_URL: e2eDatabase.url,
        PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
      });
      const p = readJson(pwJson) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined;
      if (p?.stats) {
        passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
        failed += p.stats.unexpected ?? 0;
        if (pwCode !== 0 && !p.stats.unexpected) failed++;
      } else if (pwCode !== 0) failed++;
    } finally {
      await e2eDatabase.drop();
    }
  } finally {
    await server.stop();
  }
}

main()
  .catch((error) => {
    console.error(error);
    failed++;
  })
  .finally(() => {
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    console.log(`tests: ${passed} passed, ${failed} failed`);
    process.exit(failed > 0 ? 1 : 0);
  });
