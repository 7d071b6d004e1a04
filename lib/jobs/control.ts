import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { bulkItems, bulkJobs } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { sendItems, type ItemSend } from "./boss";
import { forgetJobState } from "./gate";

/**
 * An operator's hold on a running job: pause (items stop before their next platform call and wait at their step),
 * resume, cancel (no new platform call once it returns: it waits for the calls in flight), retry the failures.
 */

const sendRow = z.object({ job_id: z.string(), tenant_id: z.string(), account_id: z.string() });
const toSends = (rows: Iterable<unknown>): ItemSend[] =>
  [...rows].map((r) => sendRow.parse(r)).map((r) => ({ jobId: r.job_id, tenantId: r.tenant_id, accountId: r.account_id }));

async function requireJob(jobId: string) {
  forgetJobState(jobId);
  const [job] = await db.select({ id: bulkJobs.id, state: bulkJobs.state }).from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (!job) throw new ExpectedError("jobs.errors.notFound");
  return job;
}

export async function pause(jobId: string): Promise<void> {
  const job = await requireJob(jobId);
  if (job.state !== "running") throw new ExpectedError("jobs.errors.notRunning");
  await db
    .update(bulkJobs)
    .set({ state: "paused", pausedReason: "operator", pausedCode: null, updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.state, "running")));
  forgetJobState(jobId);
}

/**
 * Items that can run get their pg-boss job again: pending ones now, ones parked for a time at that time. A parked
 * item's own pg-boss job may have fired during the pause (its claim refused, the job consumed); sending again is a
 * no-op where one still waits (one queued job per item).
 */
async function runnable(jobId: string): Promise<ItemSend[]> {
  const rows = await db.execute(sql`
    select job_id, tenant_id, account_id, case when state = 'parked' and parked_until > now() then parked_until end as start_after
    from bulk_items
    where job_id = ${jobId} and (state = 'pending' or (state = 'parked' and parked_for is null))`);
  return [...rows].map((row) => {
    const r = row as { start_after: Date | string | null };
    return { ...toSends([row])[0]!, startAfter: r.start_after ? new Date(r.start_after) : null };
  });
}

export async function resume(jobId: string): Promise<void> {
  const job = await requireJob(jobId);
  if (job.state !== "paused") throw new ExpectedError("jobs.errors.notPaused");
  await db
    .update(bulkJobs)
    .set({ state: "running", pausedReason: null, pausedCode: null, updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.state, "paused")));
  forgetJobState(jobId);
  await sendItems(await runnable(jobId));
}

/**
 * Cancels: the job stops (every worker checks it before each call), waiting and pending items become cancelled, and
 * this returns once no item of the job is in a worker's hands (a call in flight finishes first), at most `waitMs`.
 */
export async function cancel(jobId: string, waitMs = 30_000): Promise<void> {
  const job = await requireJob(jobId);
  if (job.state === "finished" || job.state === "cancelled") throw new ExpectedError("jobs.errors.alreadyEnded");
  await db.transaction(async (tx) => {
    await tx.update(bulkJobs).set({ state: "cancelled", finishedAt: new Date(), updatedAt: new Date() }).where(eq(bulkJobs.id, jobId));
    await tx
      .update(bulkItems)
      .set({ state: "cancelled", parkedUntil: null, parkedFor: null, leaseOwner: null, leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(bulkItems.jobId, jobId), inArray(bulkItems.state, ["pending", "parked"])));
  });
  forgetJobState(jobId);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(bulkItems)
      .where(and(eq(bulkItems.jobId, jobId), eq(bulkItems.state, "running"), sql`${bulkItems.leaseUntil} > now()`));
    if ((row?.n ?? 0) === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  // A worker that died holding an item leaves it running: it will not run again.
  await db
    .update(bulkItems)
    .set({ state: "cancelled", leaseOwner: null, leaseUntil: null, updatedAt: new Date() })
    .where(and(eq(bulkItems.jobId, jobId), inArray(bulkItems.state, ["pending", "parked", "running"]), sql`(${bulkItems.leaseUntil} is null or ${bulkItems.leaseUntil} <= now())`));
}

/** Failed items go back to pending at the step they failed on (a tenant another job holds meanwhile stays failed). */
export async function retry(jobId: string): Promise<{ retried: number }> {
  const job = await requireJob(jobId);
  if (job.state === "cancelled") throw new ExpectedError("jobs.errors.alreadyEnded");
  let rows: unknown[];
  try {
    rows = [
      ...(await db.execute(sql`
        update bulk_items i set state = 'pending', attempts = 0, last_code = null, last_message = null, reason = null, updated_at = now()
        where i.job_id = ${jobId} and i.state = 'failed'
          and not exists (select 1 from bulk_items o where o.tenant_id = i.tenant_id and o.state in ('pending', 'running', 'parked'))
        returning i.job_id, i.tenant_id, i.account_id`)),
    ];
  } catch (error) {
    if (isUniqueViolation(error)) throw new ExpectedError("jobs.errors.busyRetry");
    throw error;
  }
  if (rows.length === 0) return { retried: 0 };
  await db
    .update(bulkJobs)
    .set({ state: sql`case when ${bulkJobs.state} = 'finished' then 'running'::job_state else ${bulkJobs.state} end`, finishedAt: null, notifiedAt: null, updatedAt: new Date() })
    .where(eq(bulkJobs.id, jobId));
  if (job.state !== "paused") await sendItems(toSends(rows));
  return { retried: rows.length };
}
