import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-pg";
import { FALLBACK_ROOT, fallbackDataDir, postgresUserIds, writePasswordFile } from "./embedded-pg-files";
import { freePort } from "./free-port";

async function ask<T>(url: string, query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await query(sql);
  } finally {
    await sql.end();
  }
}

const isRoot = process.getuid?.() === 0;
const postgresUid = isRoot ? Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })) : process.getuid?.();
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("embedded postgres files", () => {
  it("starts from a checkout inside a 0700 home folder, with a data folder only the server's user can open", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "mpc-home-"));
    fs.chmodSync(home, 0o700);
    const wanted = path.join(home, "project", ".data", "pg");
    cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
    // As root the data goes to the fallback folder; removed even when the start fails half-way.
    cleanups.push(() => fs.rmSync(fallbackDataDir(wanted), { recursive: true, force: true }));

    const pg = await startEmbeddedPostgres({ dataDir: wanted, port: await freePort(), log: () => {} });
    cleanups.push(() => pg.stop());
    expect(await ask(pg.url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);

    expect(pg.dataDir).toBe(isRoot ? fallbackDataDir(wanted) : wanted);
    expect(fs.statSync(pg.dataDir).uid).toBe(postgresUid);
    expect(mode(pg.dataDir)).toBe(0o700);
    if (isRoot) expect(mode(FALLBACK_ROOT)).toBe(0o755);
    // The password stays with the checkout, readable by its owner only.
    expect(mode(`${wanted}.json`)).toBe(0o600);
  }, 90_000);

  it("writes initdb's password file 0600, owned by the server's user", () => {
    const file = writePasswordFile("secret-pw", postgresUserIds());
    try {
      expect(mode(file)).toBe(0o600);
      expect(fs.statSync(file).uid).toBe(postgresUid);
      expect(fs.readFileSync(file, "utf8")).toBe("secret-pw\n");
    } finally {
      fs.rmSync(file);
    }
  });
});

describe("embedded postgres commit durability", () => {
  it("commits synchronously unless fastCommit is asked for, even on a cluster whose config says off", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mpc-sync-"));
    fs.chmodSync(tmp, 0o755);
    cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, "pg");
    const port = await freePort();
    const show = (url: string) => ask(url, async (sql) => (await sql`show synchronous_commit`)[0]!.synchronous_commit);

    const durable = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    cleanups.push(() => durable.stop());
    expect(await show(durable.url)).toBe("on");
    const conf = path.join(durable.dataDir, "postgresql.conf");
    expect(fs.readFileSync(conf, "utf8")).not.toMatch(/^synchronous_commit/m);
    await durable.stop();

    // Clusters made by earlier versions carry the line in their config.
    fs.appendFileSync(conf, "synchronous_commit = off\n");
    const legacy = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(await show(legacy.url)).toBe("on");
    await legacy.stop();

    const fast = await startEmbeddedPostgres({ dataDir, port, log: () => {}, fastCommit: true });
    expect(await show(fast.url)).toBe("off");

    // A fast server left running (a killed `npm run dev`) is restarted durable when reused by anything else.
    const reused = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(reused.reused).toBe(true);
    expect(await show(reused.url)).toBe("on");
  }, 120_000);
});
