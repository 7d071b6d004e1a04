/**
 * Vitest global setup: a real PostgreSQL for the whole run. DATABASE_URL (CI: the machine's server) or the
 * embedded one. A migrated template database is made once; every test file clones it (scripts/vitest/per-file-db.ts).
 */
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { databaseUrlFor, testPostgresServer } from "../embedded-pg";
import { runMigrations } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await testPostgresServer();
  const serverUrl = server.serverUrl;
  const template = `mpc_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(databaseUrlFor(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  await runMigrations(databaseUrlFor(serverUrl, template), path.resolve("drizzle"));
  project.provide("adminDatabaseUrl", databaseUrlFor(serverUrl, "postgres"));
  project.provide("templateDatabase", template);

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
    await server.stop();
  };
}
