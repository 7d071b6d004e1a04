/**
 * `npm run bench:scale`: do the tenant list and the history stay fast at 20,000 tenants and 1,000,000 operations?
 * On a fresh database (dropped at the end): migrations, then a seed in SQL (generate_series), ANALYZE, then each
 * measure calls the lib function the page calls, in-process (server time: no HTTP, no rendering), WARMUP + SAMPLES
 * times; prints p50/p95 per measure and the EXPLAIN ANALYZE of the slowest history query.
 * Goal: every p95 under 100 ms. Postgres: DATABASE_URL's server when set, else the embedded one (.data/pg).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runOnThrowawayDatabase } from "./embedded-pg";

const TENANTS = 20_000;
const OPERATIONS = 1_000_000;
const OPERATORS = 20;
const WARMUP = 5;
const SAMPLES = 60;
const GOAL_MS = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function bench(url: string): Promise<boolean> {
  process.env.DATABASE_URL = url;
  process.env.APP_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  const { runMigrations } = await import("../lib/db/migrate");
  await runMigrations(url, path.resolve("drizzle"));
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../lib/db/client");
  const { listTenants, encodeCursor } = await import("../lib/console/tenants/queries");
  const { listOperations, historyQuery } = await import("../lib/history/queries");
  const { historyCsv, csvQuery } = await import("../lib/history/export");

  let started = performance.now();
  await db.execute(sql`insert into platform_accounts (platform, name, app_id, secret_enc) values ('wechat', 'bench', 'wxcomponent0001', 'x')`);
  await db.execute(sql`
    insert into tenants (account_id, appid, nickname, principal_name, status, tags, permission_sets, authorized_at)
    select (select id from platform_accounts limit 1), 'wx' || lpad(to_hex(g), 16, '0'),
           (array['星辰','云海','青木','白鹭','远山','晨光','秋水','南风'])[1 + g % 8] || '小程序' || g,
           '公司' || (g % 997), (array['authorized','authorized','authorized','needs_reauth','unauthorized'])[1 + g % 5]::tenant_status,
           case when g % 10 = 0 then array['vip','beta'] when g % 3 = 0 then array['retail'] else array[]::text[] end,
           array[17, 18], now() - (g || ' minutes')::interval
    from generate_series(1, ${TENANTS}) g`);
  await db.execute(sql`
    insert into operators (email, name, password_hash, role)
    select 'op' || g || '@bench.example', 'Operator ' || g, 'x', 'operator' from generate_series(1, ${OPERATORS}) g`);
  console.log(`seeded ${TENANTS} tenants in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  // The ids as arrays, so each generated operation picks one by subscript (a lookup per row would scan).
  await db.execute(sql`
    insert into operations (at, actor_id, tenant_id, action, request, response, errcode, ok, duration_ms, bulk_job_id)
    select now() - (g * 31.5 || ' seconds')::interval,
           case when g % 7 = 0 then null else o.ids[1 + g % ${OPERATORS}] end,
           case when g % 20 = 0 then null else t.ids[1 + (g::bigint * 7919) % ${TENANTS}] end,
           (array['wxa.commit','wxa.submit_audit','wxa.release','wxa.grayrelease','wxa.revertcoderelease','wxa.get_qrcode','wxa.speedupaudit','wxa.undocodeaudit','component.api_authorizer_token','push.audit'])[1 + g % 10],
           jsonb_build_object('appid', 'wx' || lpad(to_hex(g % ${TENANTS}), 16, '0')),
           jsonb_build_object('errcode', case when g % 11 = 0 then (array[85009, 85082, 87012, 45009])[1 + g % 4] else 0 end),
           case when g % 11 = 0 then (array[85009, 85082, 87012, 45009])[1 + g % 4] end,
           g % 11 <> 0, (g % 900) + 20,
           case when g % 50 = 0 then md5(g::text)::uuid end
    from generate_series(1, ${OPERATIONS}) g,
         (select array_agg(id order by id) ids from tenants) t,
         (select array_agg(id order by id) ids from operators) o`);
  await db.execute(sql`analyze`);
  console.log(`seeded ${OPERATIONS} operations in ${Math.round(performance.now() - started)} ms`);

  const pick = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as T[])[0]!;
  const deepTenant = await pick<{ nickname: string; id: string }>(sql`select nickname, id from tenants order by nickname, id offset 10000 limit 1`);
  const deepOperation = await pick<{ id: number }>(sql`select id from operations order by at desc, id desc offset 500000 limit 1`);
  const oneTenant = await pick<{ id: string }>(sql`select id from tenants order by id offset 4242 limit 1`);
  const oneOperator = await pick<{ id: string }>(sql`select id from operators order by id offset 2 limit 1`);
  const now = Date.now();
  const range = { from: new Date(now - 40 * 86_400_000), to: new Date(now - 33 * 86_400_000) };

  type Measure = { name: string; run: () => Promise<unknown>; explain?: () => { sql: string; params: unknown[] } };
  const history = (name: string, filter: Parameters<typeof listOperations>[0], after?: number): Measure => ({
    name,
    run: () => listOperations(filter, { after }),
    explain: () => historyQuery(filter, after).limit(51).toSQL(),
  });
  const measures: Measure[] = [
    { name: "tenants: first page", run: () => listTenants({}) },
    { name: "tenants: deep page (row 10,000)", run: () => listTenants({}, { after: encodeCursor({ nickname: deepTenant.nickname, id: deepTenant.id }) }) },
    { name: "tenants: search", run: () => listTenants({ q: "云海小程序12" }) },
    { name: "tenants: tag filter", run: () => listTenants({ tag: "vip" }) },
    { name: "tenants: status filter", run: () => listTenants({ status: "needs_reauth" }) },
    history("history: first page", {}),
    history("history: deep page (row 500,000)", {}, Number(deepOperation.id)),
    history("history: one tenant", { tenantId: oneTenant.id }),
    history("history: one operator", { actorId: oneOperator.id }),
    history("history: one failed code", { result: 87012 }),
    history("history: failed", { result: "failed" }),
    history("history: a week's range", range),
    {
      name: "history: CSV, first 10,000 rows",
      run: async () => {
        let rows = 0;
        for await (const chunk of historyCsv({}, { limit: 10_000 })) rows += chunk.split("\n").length - 1;
        if (rows !== 10_001) throw new Error(`CSV had ${rows} lines`);
      },
      explain: () => csvQuery({}).limit(10_000).toSQL(),
    },
  ];

  let ok = true;
  let slowest: { p95: number; measure: Measure } | undefined;
  for (const measure of measures) {
    for (let i = 0; i < WARMUP; i++) await measure.run();
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await measure.run();
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
    const met = p95 < GOAL_MS;
    ok &&= met;
    if (measure.explain && (!slowest || p95 > slowest.p95)) slowest = { p95, measure };
    console.log(`${measure.name.padEnd(36)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ${met ? "ok" : `OVER ${GOAL_MS} ms`}`);
  }
  if (slowest?.measure.explain) {
    const { sql: text, params } = slowest.measure.explain();
    const { sqlClient } = await import("../lib/db/client");
    const plan = await sqlClient().unsafe(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
    console.log(`\nEXPLAIN ANALYZE of the slowest history query (${slowest.measure.name}):`);
    for (const row of plan) console.log(`  ${Object.values(row)[0]}`);
  }
  console.log(ok ? `\nevery p95 under ${GOAL_MS} ms` : `\nsome p95 over ${GOAL_MS} ms`);
  return ok;
}

runOnThrowawayDatabase("bench_scale", bench);
