import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { onAuditDecided } from "@/lib/console/audit-listeners";
import { reconcileAudits } from "@/lib/console/audit-reconcile";
import { db } from "@/lib/db/client";
import { BOSS_SCHEMA, completeAbandoned, QUEUE, sendItems, type ItemSend } from "./boss";
import { resume } from "./control";
import { BURST } from "./items";

/**
 * Waking items: those parked for an audit once it is decided (the push, through lib/console's listener registry, or
 * the sweep, which also asks the platform about audits parked long without news), and the sweep's recovery of items
 * whose pg-boss job is gone (a worker killed mid-item: its lease lapses; a crash between the start and the send), and
 * the release of pg-boss jobs a killed worker left active.
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

const abandonedRow = sendRow.extend({ id: z.string(), state: z.string(), job_state: z.string(), parked_for: z.string().nullable(), parked_until: z.coerce.date().nullable() });

/**
 * pg-boss jobs active for longer than `graceMs` whose item no worker holds (not running under a live lease): the
 * worker that fetched them died. pg-boss would expire them only after EXPIRE_SECONDS (and its monitor), and until
 * then each counts against the account's groupConcurrency — a killed worker's jobs can take every slot of the
 * account and stop the fleet — so they are completed now, and their items of running jobs sent again (a parked one
 * for its time; one parked for an audit waits for it). Answers how many were released.
 */
export async function releaseAbandoned(graceMs: number, limit = 1000): Promise<number> {
  const rows = await db.execute(sql`
    select b.id::text as id, i.job_id, i.tenant_id, i.account_id, i.state::text as state, j.state::text as job_state, i.parked_for, i.parked_until
    from ${sql.identifier(BOSS_SCHEMA)}.job b
    join bulk_items i on i.job_id = split_part(b.singleton_key, ':', 1)::uuid and i.tenant_id = split_part(b.singleton_key, ':', 2)::uuid
    join bulk_jobs j on j.id = i.job_id
    where b.name = ${QUEUE} and b.state = 'active' and b.started_on <= now() - make_interval(secs => ${graceMs / 1000})
      and not (i.state = 'running' and i.lease_until >= now())
    limit ${limit}`);
  const abandoned = [...rows].map((r) => abandonedRow.parse(r));
  if (abandoned.length === 0) return 0;
  await completeAbandoned(abandoned.map((r) => r.id));
  const sends: ItemSend[] = abandoned
    .filter((r) => r.job_state === "running" && (r.state === "pending" || r.state === "running" || (r.state === "parked" && r.parked_for === null)))
    .map((r) => ({ jobId: r.job_id, tenantId: r.tenant_id, accountId: r.account_id, startAfter: r.state === "parked" ? r.parked_until : null }));
  await sendItems(sends);
  return abandoned.length;
}
