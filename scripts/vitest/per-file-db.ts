/**
 * Runs before each test file: the file gets its own database cloned from the migrated template, and
 * DATABASE_URL points at it before any project module (lib/env.ts) is imported.
 */
import postgres from "postgres";
import { afterAll, inject } from "vitest";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const name = `mpc_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template ${template}`);

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.APP_ENCRYPTION_KEY ||= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
process.env.AUTH_SECRET ||= "test-secret-test-secret-test-secret-0123";
process.env.SANDBOX ||= "1";

afterAll(async () => {
  // Close the app's pool only if the file opened one (lib/db/client.ts keeps it on globalThis).
  const pool = (globalThis as { __mpcDb?: { sql: postgres.Sql } }).__mpcDb;
  await pool?.sql.end({ timeout: 1 }).catch(() => {});
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
