/**
 * Test helpers for the bulk engine (vitest only; never imported by the app): a fleet of sandbox mini-programs under
 * one platform account, mirrored as console tenants; an operator; an audit profile on the sandbox's default
 * categories; waiting for a job's items.
 */
import { eq, sql } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { bulkItems, operators, type PlatformAccount, type Tenant } from "../../lib/db/schema";
import { saveAuditProfile } from "../../lib/console/audit-profiles";
import { createAuthorizer, type NewAuthorizer } from "../../lib/sandbox/registry";
import type { AuthorizerRow, PlatformRow } from "../../lib/sandbox/router";
import { emptyDraft } from "../../lib/validation/audit-submission";
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
