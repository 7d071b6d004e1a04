import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { runMigrations } from "./migrate";

/**
 * Migrations that rewrite existing rows, run on a database built at the migration before them (a copy of drizzle/
 * whose journal stops there), then brought up to date the way a deployment is. Found by tag suffix, not number:
 * numbers change when branches merge.
 */

type Journal = { entries: { tag: string }[] };

/** A copy of drizzle/ whose journal ends just before the migration tagged `…_<suffix>`. */
async function migrationsBefore(suffix: string): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "mpc-migrations-"));
  await cp(path.resolve("drizzle"), folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as Journal;
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(`_${suffix}`));
  if (at < 1) throw new Error(`no migration tagged …_${suffix} after the first one`);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalFile, JSON.stringify(journal));
  return { folder, cleanup: () => rm(folder, { recursive: true, force: true }) };
}

/** A fresh, empty database on the test server, dropped after `work`. */
async function withDatabase(work: (url: string, sql: postgres.Sql) => Promise<void>) {
  const admin = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
  const name = `mpc_mig_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(inject("adminDatabaseUrl"));
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await work(url.toString(), sql);
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

describe("audit_state migration", () => {
  it("turns the WeChat status numbers of existing audits into the console's words and keeps the index", async () => {
    const before = await migrationsBefore("audit_state");
    try {
      await withDatabase(async (url, sql) => {
        await runMigrations(url, before.folder);
        const [account] = await sql`insert into platform_accounts (platform, name, app_id, secret_enc) values ('wechat', 'm', 'wx0000000000000001', 'v1:x') returning id`;
        const [tenant] = await sql`insert into tenants (account_id, appid) values (${account!.id}, 'wx00000000000000aa') returning id`;
        for (const status of [0, 1, 2, 3, 4]) {
          await sql`insert into tenant_audits (tenant_id, auditid, status, reason) values (${tenant!.id}, ${100 + status}, ${status}, ${`r${status}`})`;
        }

        await runMigrations(url, path.resolve("drizzle"));

        const rows = await sql`select auditid::int, state::text as state, reason from tenant_audits order by auditid`;
        expect(rows.map((r) => [r.auditid, r.state, r.reason])).toEqual([
          [100, "approved", "r0"],
          [101, "rejected", "r1"],
          [102, "auditing", "r2"],
          [103, "withdrawn", "r3"],
          [104, "delayed", "r4"],
        ]);
        const [column] = await sql`select udt_name from information_schema.columns where table_name = 'tenant_audits' and column_name = 'state'`;
        expect(column?.udt_name).toBe("audit_state");
        const indexes = await sql`select indexname, indexdef from pg_indexes where tablename = 'tenant_audits' and indexname like '%state%'`;
        expect(indexes.map((i) => i.indexname)).toEqual(["tenant_audits_state_idx"]);
        expect(indexes[0]!.indexdef).toMatch(/\(state\)/);
      });
    } finally {
      await before.cleanup();
    }
  });
});
