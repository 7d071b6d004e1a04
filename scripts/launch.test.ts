import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-pg";
import { startWarning } from "./start-warning";
import { freePort } from "./free-port";

/**
 * Runs `launch.ts prepare` (everything but Next), or `prepare start` (as `npm start` would). Without a DATABASE_URL
 * in `env` it brings up the embedded database.
 */
function launch(env: Record<string, string | undefined>, as: "dev" | "start" = "dev"): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, ...env };
    delete childEnv.NODE_OPTIONS;
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const args = ["--conditions=react-server", "--import", "tsx", "scripts/launch.ts", "prepare", ...(as === "start" ? ["start"] : [])];
    const child = spawn(process.execPath, args, {
      env: childEnv as NodeJS.ProcessEnv,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mpc-launch-"));
fs.chmodSync(tmp, 0o755);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("launcher", () => {
  it("brings up the embedded database from nothing, migrates and seeds it, then stops it", async () => {
    const port = await freePort();
    const dataDir = path.join(tmp, "pg");
    const { code, output } = await launch({
      EMBEDDED_PG_PORT: String(port),
      EMBEDDED_PG_DATA: dataDir,
      DEMO_SEED: "1",
      DEMO_PASSWORD: "launcher-test-password",
    });
    expect(output).toContain("creating a new cluster");
    expect(output).toContain(`embedded PostgreSQL started on port ${port}`);
    expect(output).toContain("database migrated");
    expect(output).toContain("admin@example.com");
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

    // It stopped the server on the way out; starting again reuses the data, and a server left running is reused.
    const pg = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(pg.reused).toBe(false);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    const rows = await sql`select email, role from operators order by email`;
    expect(rows.map((r) => r.email)).toEqual(["admin@example.com", "operator@example.com", "viewer@example.com"]);
    await sql.end();
    const again = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(again.reused).toBe(true);
    await pg.stop();
  }, 120_000);

  it("refuses to start with a malformed variable and names it", async () => {
    const { code, output } = await launch({ EMBEDDED_PG_PORT: "not-a-port", DEMO_SEED: "0" });
    expect(code).toBe(1);
    expect(output).toMatch(/EMBEDDED_PG_PORT: /);
  }, 60_000);

  it("a production start with SANDBOX=1 and DEMO_SEED=1 warns loudly, naming both", async () => {
    // The file's own throw-away database (already migrated): no embedded server needed.
    const production = { DATABASE_URL: process.env.DATABASE_URL, APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY, AUTH_SECRET: process.env.AUTH_SECRET };
    const { code, output } = await launch({ ...production, SANDBOX: "1", DEMO_SEED: "0" }, "start");
    expect(code).toBe(0);
    expect(output).toContain("WARNING: production start with SANDBOX on.");
    expect(output).toMatch(/SANDBOX=1: the WeChat emulator is mounted/);
    expect(output).not.toMatch(/DEMO_SEED=1:/);

    const both = await launch({ ...production, SANDBOX: "1", DEMO_SEED: "1", DEMO_PASSWORD: "launcher-test-password" }, "start");
    expect(both.code).toBe(0);
    expect(both.output).toContain("WARNING: production start with SANDBOX and DEMO_SEED on.");
    expect(both.output).toMatch(/DEMO_SEED=1: demo operators/);

    // Neither: silent. Development (`prepare` as dev) never warns.
    const plain = await launch({ ...production, SANDBOX: "0", DEMO_SEED: "0" }, "start");
    expect(plain.code).toBe(0);
    expect(plain.output).not.toContain("WARNING");
    expect((await launch({ ...production, SANDBOX: "1", DEMO_SEED: "0" })).output).not.toContain("WARNING");
  }, 120_000);

  it("the warning text names what each flag means", () => {
    expect(startWarning({ sandbox: false, demoSeed: false })).toBeNull();
    const demo = startWarning({ sandbox: false, demoSeed: true })!;
    expect(demo).toContain("production start with DEMO_SEED on");
    expect(demo).not.toContain("emulator");
    expect(demo.split("\n").length).toBeGreaterThan(4);
  });
});
