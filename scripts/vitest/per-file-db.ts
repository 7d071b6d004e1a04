/**
 * Runs before each test file: the file gets its own database cloned from the migrated template, and
 * DATABASE_URL points at it before any project module (lib/env.ts) is imported.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
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

// The file's sandbox server (scripts/vitest/sandbox-server.ts) answers on this listener. Its port is known before
// lib/env.ts is parsed, so the sandbox's base is this run's WECHAT_API_BASE: a base the deployment trusts, which
// lib/platforms/wechat/api-base.ts allows, while any other local port is refused like a foreign host.
const sandboxListener = http.createServer();
await new Promise<void>((resolve) => sandboxListener.listen(0, "127.0.0.1", resolve));
(globalThis as { __mpcSandboxListener?: http.Server }).__mpcSandboxListener = sandboxListener;
process.env.WECHAT_API_BASE ||= `http://127.0.0.1:${(sandboxListener.address() as AddressInfo).port}/sandbox/wechat`;

afterAll(async () => {
  sandboxListener.closeAllConnections();
  await new Promise((resolve) => sandboxListener.close(resolve));
  // Close the app's pool only if the file opened one (lib/db/client.ts keeps it on globalThis).
  const pool = (globalThis as { __mpcDb?: { sql: postgres.Sql } }).__mpcDb;
  await pool?.sql.end({ timeout: 1 }).catch(() => {});
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
