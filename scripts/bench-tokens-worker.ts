/**
 * One process of `npm run bench:tokens` (scripts/bench-tokens.ts starts two). It loads the tenant, says "ready" on
 * stdout, waits for "go" on stdin (so both processes start together), fires CALLS concurrent getCategory() calls
 * through the real client on a cold token, and prints one JSON line with the outcome.
 *
 * Environment (set by the parent before lib/env is imported here): DATABASE_URL, APP_ENCRYPTION_KEY, TENANT_ID, CALLS.
 */
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import postgres from "postgres";

async function main() {
  const { eq, sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const { tenants } = await import("../lib/db/schema");
  const { getAuthorizerClient } = await import("../lib/platforms/wechat/client");
  const { getAppClient } = await import("../lib/platforms/baidu/client");

  const tenantId = process.env.TENANT_ID!;
  const calls = Number(process.env.CALLS || 100);
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  // Open the pool before the start signal: the benchmark is about tokens, not about connecting to Postgres.
  await Promise.all(Array.from({ length: 10 }, () => db.execute(sql`select 1`)));

  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on("line", (line) => line.trim() === "go" && resolve()));
  console.log("ready");
  await go;
  lines.close();

  // WeChat: get_category on the authorizer token; Baidu (BENCH_PLATFORM=baidu): package/get on the app token.
  const call = process.env.BENCH_PLATFORM === "baidu" ? () => getAppClient(tenant).getPackages() : () => getAuthorizerClient(tenant).getCategory();
  const started = performance.now();
  const startedAt = Date.now();
  let firstMs: number | undefined;
  const outcomes = await Promise.allSettled(
    Array.from({ length: calls }, () => call().finally(() => (firstMs ??= performance.now() - started))),
  );
  const ms = performance.now() - started;
  const errors = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error)?.message ?? o.reason)] : []));
  console.log(
    JSON.stringify({ pid: process.pid, calls, ok: calls - errors.length, failed: errors.length, errors: [...new Set(errors)].slice(0, 3), startedAt, finishedAt: Date.now(), firstMs, ms }),
  );

  const pool = (globalThis as { __mpcDb?: { sql: postgres.Sql } }).__mpcDb;
  await pool?.sql.end({ timeout: 1 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
