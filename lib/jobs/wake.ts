import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { onAuditDecided } from "@/lib/console/audit-listeners";
import { reconcileAudits } from "@/lib/console/audit-reconcile";
import { db } from "@/lib/db/client";
import { sendItems, type ItemSend } from "./boss";
import { resume } from "./control";
import { BURST } from "./items";

/**
 * Waking items: those parked for an audit once it is decided (the push, through lib/console's listener registry, or
 * the sweep, which also asks the platform about audits parked long without news), and the sweep's recovery of items
 * whose pg-boss job is gone (a worker killed mid-item: its lease lapses; a crash between the start and the send).
 */

const sendRow = z.object({ job_id: z.string(), tenant_id: z.string(), account_id: z.string() });
const toSends = (rows: Iterable<unknown>): ItemSend[] =>
  [...rows].map((r) => sendRow.parse(r)).map((r) => ({ jobId: r.job_id, tenantId: r.tenant_id, accountId: r.account_id }));

/** Items parked for an audit that is now decided become pending and are sent (only while their job runs). */
export async function wakeAuditWaiters(tenantIds?: string[]): Promise<number> {
  const only = tenantIds ? sql`and i.tenant_id in (${sql.join(tenantIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  if (tenantIds && tenantIds.length === 0) return 0;
  const rows = await db.execute(sql`
    update bulk_items i set state = 'pending', parked_for = null, updated_at = now()
    from tenant_audits a, bulk_jobs j
    where i.state = 'parked' and i.parked_for = 'audit' ${only}
      and a.tenant_id = i.tenant_id and a.auditid = (i.result->>'auditid')::bigint and a.state not in ('auditing', 'delayed')
      and j.id = i.job_id and j.state = 'running'
    returning i.job_id, i.tenant_id, i.account_id`);
  const sends = toSends(rows);
  await sendItems(sends);
  return sends.length;
}

/** Subscribes the engine to decided audits (idempotent: one listener per process). */
export function registerAuditWake(): void {
  onAuditDecided("jobs", async ({ tenantId }) => {
    await wakeAuditWaiters([tenantId]);
  });
}

/**
 * Audits items have waited on for longer than `olderThanMs` without news: asked on the platform (reconcileAudits
 * claims each row once per period across processes), then their items woken.
 */
export async function pollParkedAudits(olderThanMs: number, limit = 200): Promise<void> {
  const rows = await db.execute(sql`
    select distinct i.tenant_id from bulk_items i join bulk_jobs j on j.id = i.job_id
    where i.state = 'parked' and i.parked_for = 'audit' and j.state = 'running'
      and i.updated_at <= now() - make_interval(secs => ${olderThanMs / 1000})
    limit ${limit}`);
  const tenantIds = [...rows].map((r) => String((r as { tenant_id: string }).tenant_id));
  if (tenantIds.length === 0) return;
  await reconcileAudits({ tenantIds, olderThanMs, limit });
  await wakeAuditWaiters(tenantIds);
}

/**
 * Items of running jobs that should have a pg-boss job but may not: running under a lapsed lease, pending for a
 * while, parked past their time. Sending again is harmless (the queue keeps one queued job per item, and the claim
 * takes an item once).
 */
export async function resendStranded(staleMs: number, limit = 1000): Promise<number> {
  const rows = await db.execute(sql`
    select i.job_id, i.tenant_id, i.account_id from bulk_items i join bulk_jobs j on j.id = i.job_id
    where j.state = 'running' and (
      (i.state = 'running' and i.lease_until < now())
      or (i.state = 'pending' and i.updated_at <= now() - make_interval(secs => ${staleMs / 1000}))
      or (i.state = 'parked' and i.parked_for is null and i.parked_until <= now() - make_interval(secs => ${staleMs / 1000})))
    limit ${limit}`);
  const sends = toSends(rows);
  await sendItems(sends);
  return sends.length;
}

/** Jobs paused by a burst of "too frequent" answers resume once the cool-down has passed (the sweep calls this). */
export async function resumeAfterBurst(cooldownMs: number = BURST.cooldownMs): Promise<number> {
  const rows = await db.execute(sql`
    select id from bulk_jobs
    where state = 'paused' and paused_reason = 'burst' and updated_at <= now() - make_interval(secs => ${cooldownMs / 1000})
    limit 100`);
  const ids = [...rows].map((r) => String((r as { id: string }).id));
  for (const id of ids) await resume(id).catch(() => undefined);
  return ids.length;
}
