/**
 * Test helpers for the bulk engine (vitest only; never imported by the app): a fleet of sandbox mini-programs under
 * one platform account, mirrored as console tenants; an operator; an audit profile on the sandbox's default
 * categories; waiting for a job's items; and, for the engine's path tests, what the platform holds and counted
 * (its code state, sandbox_applied, sandbox_requests), the fleet snapshot, and platform states made over HTTP.
 */
import { eq, sql } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { bulkItems, operators, tenantSnapshots, type PlatformAccount, type Tenant, type TenantSnapshot } from "../../lib/db/schema";
import { saveAuditProfile } from "../../lib/console/audit-profiles";
import { listJobItems } from "../../lib/jobs";
import type { JobItemRow } from "../../lib/jobs/types";
import { getAuthorizerToken } from "../../lib/platforms/wechat/tokens";
import { createAuthorizer, getAuthorizer, type NewAuthorizer } from "../../lib/sandbox/registry";
import { readRequests } from "../../lib/sandbox/request-log";
import type { AuthorizerRow, PlatformRow } from "../../lib/sandbox/router";
import type { AuthorizerCodeState } from "../../lib/sandbox/types";
import { emptyDraft } from "../../lib/validation/audit-submission";
import { approvedAudit } from "./audit-fixtures";
import type { SandboxHarness } from "./sandbox";
import { consoleAccountFor, consoleTenantFor } from "./wechat";

export type Fleet = { platform: PlatformRow; account: PlatformAccount; tenants: Tenant[]; authorizers: AuthorizerRow[] };

/** `n` mini-programs of one new sandbox platform, each a console tenant (per-tenant overrides by index). */
export async function createFleet(sandbox: SandboxHarness, n: number, each: (i: number) => Omit<NewAuthorizer, "componentAppid"> = () => ({})): Promise<Fleet> {
  const platform = await sandbox.platformWithTicket();
  const account = await consoleAccountFor(platform, sandbox.wechatBase);
  const tenants: Tenant[] = [];
  const authorizers: AuthorizerRow[] = [];
  for (let i = 0; i < n; i++) {
    const authorizer = await createAuthorizer({ nickname: `批量店 ${String(i).padStart(2, "0")}`, ...each(i), componentAppid: platform.componentAppid });
    authorizers.push(authorizer);
    tenants.push(await consoleTenantFor(account, authorizer));
  }
  return { platform, account, tenants, authorizers };
}

export async function createOperator(): Promise<{ id: string }> {
  const [row] = await db
    .insert(operators)
    .values({ email: `jobs-${crypto.randomUUID().slice(0, 8)}@example.com`, name: "Jobs tester", passwordHash: "not-a-hash", role: "operator" })
    .returning({ id: operators.id });
  return row!;
}

/** A profile on the sandbox's default categories (工具 / 效率), one page that every sandbox template has. */
export async function createProfile(name = `profile-${crypto.randomUUID().slice(0, 6)}`, category = { first: { id: 287, name: "工具" }, second: { id: 616, name: "效率" }, third: null }) {
  return saveAuditProfile(name, { ...emptyDraft(), items: [{ page: "pages/index/index", category, tags: "工具 效率", title: "首页" }], versionDesc: "bulk" }, null);
}

/** Polls until `check` answers true (or throws after `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waitFor: not true after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Item states of a job, counted. */
export async function itemStates(jobId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ state: bulkItems.state, n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .where(eq(bulkItems.jobId, jobId))
    .groupBy(bulkItems.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Every item of a job is final. */
export async function settled(jobId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .where(sql`${bulkItems.jobId} = ${jobId} and ${bulkItems.state} in ('pending', 'running', 'parked')`);
  return (row?.n ?? 0) === 0;
}

// ── For the engine's path tests (exactly-once, kinds, limits): what the platform holds and counted, read back. ──

/** The authorizer's code state as the emulator holds it (trial, audits, online, gray, visit, base library). */
export async function platformState(appid: string): Promise<AuthorizerCodeState> {
  const row = await getAuthorizer(appid);
  if (!row) throw new Error(`no sandbox authorizer ${appid}`);
  return row.state;
}

/** How many times commit and submit_audit applied on each authorizer (sandbox_applied: provable, whatever answered). */
export async function appliedOf(appids: string[]): Promise<Record<string, { commit: number; submit: number }>> {
  const { applied } = await readRequests({ limit: 20_000 });
  const out = Object.fromEntries(appids.map((a) => [a, { commit: 0, submit: 0 }]));
  for (const row of applied.rows) {
    const counts = out[row.appid];
    if (!counts) continue;
    if (row.path === "/wxa/commit") counts.commit = row.count;
    if (row.path === "/wxa/submit_audit") counts.submit = row.count;
  }
  return out;
}

/** Calls the emulator logged for one account on one path: how many, how many lost their answer, per errcode. */
export async function requestsOf(appid: string, path: string): Promise<{ calls: number; lost: number; byErrcode: Record<string, number> }> {
  const { total } = await readRequests({ appid, path, limit: 100 });
  return { calls: total.calls, lost: total.lost, byErrcode: total.by_errcode };
}

/** A job's items keyed by tenant id (every page). */
export async function itemsByTenant(jobId: string): Promise<Map<string, JobItemRow>> {
  const out = new Map<string, JobItemRow>();
  let after: number | undefined;
  for (;;) {
    const page = await listJobItems(jobId, { afterPosition: after, limit: 500 });
    for (const row of page.rows) out.set(row.tenantId, row);
    if (page.next === null) return out;
    after = page.next;
  }
}

export async function snapshotOf(tenantId: string): Promise<TenantSnapshot | null> {
  const [row] = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenantId));
  return row ?? null;
}

/** The tenant's own authorizer token (the console's cached one), for test-side calls that set up platform states. */
export const tokenOf = (tenant: Tenant) => getAuthorizerToken(tenant);

/**
 * `userVersion` approved and released on the platform, as the merchant's other tools would leave it (trial set in
 * the state, then submit, approve and release over HTTP). The authorizer needs the documents' categories.
 */
export async function published(sandbox: SandboxHarness, tenant: Tenant, userVersion: string): Promise<void> {
  const token = await tokenOf(tenant);
  await approvedAudit(sandbox, token, tenant.appid, { userVersion });
  const answer = await sandbox.call("/wxa/release", { token, body: {} });
  if (answer.body.errcode !== 0) throw new Error(`release failed: ${JSON.stringify(answer.body)}`);
}

/** `userVersion` approved (not released) on the platform. */
export async function approved(sandbox: SandboxHarness, tenant: Tenant, userVersion: string): Promise<number> {
  return approvedAudit(sandbox, await tokenOf(tenant), tenant.appid, { userVersion });
}

/** A gray roll-out of the approved version at `percentage` % (the platform refuses one that goes down). */
export async function grayAt(sandbox: SandboxHarness, tenant: Tenant, percentage: number): Promise<void> {
  const answer = await sandbox.call("/wxa/grayrelease", { token: await tokenOf(tenant), body: { gray_percentage: percentage } });
  if (answer.body.errcode !== 0) throw new Error(`grayrelease failed: ${JSON.stringify(answer.body)}`);
}
