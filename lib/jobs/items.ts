import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { bulkItems, bulkJobs } from "@/lib/db/schema";
import { JOB_KINDS, type ItemState, type JobKind } from "@/lib/vocab";
import { forgetJobState } from "./gate";

/**
 * The item rows as the worker moves them: claim (with a lease), persist `inflight` before a non-idempotent call,
 * settle a step's outcome, end the job when its last item is final. Each is one statement: a step costs few round
 * trips. Every write after the claim is guarded by the lease owner, so a worker whose lease lapsed (and whose item
 * another worker took) cannot overwrite what the other one did.
 */

export type Inflight = NonNullable<typeof bulkItems.$inferSelect.inflight>;

export type ClaimedItem = {
  jobId: string;
  tenantId: string;
  accountId: string;
  position: number;
  step: string;
  attempts: number;
  inflight: Inflight | null;
  result: Record<string, unknown>;
  kind: JobKind;
  params: unknown;
  createdBy: string | null;
};

const claimedRow = z.object({
  job_id: z.string(),
  tenant_id: z.string(),
  account_id: z.string(),
  position: z.coerce.number(),
  step: z.string(),
  attempts: z.coerce.number(),
  inflight: z.any().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  kind: z.enum(JOB_KINDS),
  params: z.unknown(),
  created_by: z.string().nullable(),
});

/**
 * Takes the item if it may run now: pending, parked for a time that has come, or running under a lapsed lease (its
 * worker died), and only while its job runs. Null: someone else has it, it is final, waiting, or the job is paused.
 */
export async function claimItem(jobId: string, tenantId: string, owner: string, leaseMs: number): Promise<ClaimedItem | null> {
  const rows = await db.execute(sql`
    update bulk_items i set state = 'running', lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}),
      parked_until = null, parked_for = null, updated_at = now()
    from bulk_jobs j
    where i.job_id = ${jobId} and i.tenant_id = ${tenantId} and j.id = i.job_id and j.state = 'running'
      and (i.state = 'pending'
        or (i.state = 'parked' and i.parked_for is null and i.parked_until <= now())
        or (i.state = 'running' and (i.lease_until is null or i.lease_until < now())))
    returning i.job_id, i.tenant_id, i.account_id, i.position, i.step, i.attempts, i.inflight, i.result, j.kind, j.params, j.created_by`);
  const row = rows[0];
  if (!row) return null;
  const r = claimedRow.parse(row);
  return {
    jobId: r.job_id,
    tenantId: r.tenant_id,
    accountId: r.account_id,
    position: r.position,
    step: r.step,
    attempts: r.attempts,
    inflight: (r.inflight as Inflight | null) ?? null,
    result: r.result ?? {},
    kind: r.kind,
    params: r.params,
    createdBy: r.created_by,
  };
}

const held = (item: Pick<ClaimedItem, "jobId" | "tenantId">, owner: string) =>
  and(eq(bulkItems.jobId, item.jobId), eq(bulkItems.tenantId, item.tenantId), eq(bulkItems.leaseOwner, owner));

/** Persists (and commits) what is about to be sent; false when the lease was lost meanwhile (send nothing then). */
export async function setInflight(item: ClaimedItem, owner: string, inflight: Inflight, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(bulkItems)
    .set({ inflight, updatedAt: new Date(), leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(held(item, owner))
    .returning({ step: bulkItems.step });
  return rows.length === 1;
}

export type Settle = {
  state: ItemState;
  step?: string;
  attempts?: number;
  inflight?: Inflight | null;
  result?: Record<string, unknown>;
  lastCode?: number | null;
  lastMessage?: string | null;
  reason?: string | null;
  parkedUntil?: Date | null;
  parkedFor?: string | null;
};

const FINAL: readonly ItemState[] = ["done", "failed", "skipped", "cancelled"];

/**
 * Writes a step's outcome. A non-final state written while the job was cancelled becomes `cancelled` (a worker that
 * finished its call after cancelJob must not leave the item waiting). `running` keeps (and extends) the lease.
 */
export async function settleItem(item: ClaimedItem, owner: string, next: Settle, leaseMs: number): Promise<ItemState | null> {
  const keepLease = next.state === "running";
  const state =
    FINAL.includes(next.state) || keepLease
      ? sql`${next.state}::job_item_state`
      : sql`case when (select state from bulk_jobs where id = ${item.jobId}) = 'cancelled' then 'cancelled'::job_item_state else ${next.state}::job_item_state end`;
  const rows = await db
    .update(bulkItems)
    .set({
      state,
      ...(next.step !== undefined ? { step: next.step } : {}),
      ...(next.attempts !== undefined ? { attempts: next.attempts } : {}),
      ...(next.inflight !== undefined ? { inflight: next.inflight } : {}),
      ...(next.result !== undefined ? { result: next.result } : {}),
      ...(next.lastCode !== undefined ? { lastCode: next.lastCode } : {}),
      ...(next.lastMessage !== undefined ? { lastMessage: next.lastMessage?.slice(0, 500) ?? null } : {}),
      ...(next.reason !== undefined ? { reason: next.reason } : {}),
      parkedUntil: next.parkedUntil ?? null,
      parkedFor: next.parkedFor ?? null,
      leaseOwner: keepLease ? owner : null,
      leaseUntil: keepLease ? sql`now() + make_interval(secs => ${leaseMs / 1000})` : null,
      updatedAt: new Date(),
    })
    .where(held(item, owner))
    .returning({ state: bulkItems.state });
  return rows[0]?.state ?? null;
}

/** The job ends (finished) once no item is pending, running or parked. Cheap enough to ask after every final item. */
export async function finishJobIfSettled(jobId: string): Promise<void> {
  await db.execute(sql`
    update bulk_jobs set state = 'finished', finished_at = now(), updated_at = now()
    where id = ${jobId} and state in ('running', 'paused')
      and not exists (select 1 from bulk_items where job_id = ${jobId} and state in ('pending', 'running', 'parked'))`);
}

/** A quota refusal pauses the whole job, with the code and why (the operator resumes when the quota allows). */
export async function pauseForQuota(jobId: string, code: number | null, reason: "quota" | "burst" = "quota"): Promise<void> {
  await db
    .update(bulkJobs)
    .set({ state: "paused", pausedReason: reason, pausedCode: code, updatedAt: new Date() })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.state, "running")));
  forgetJobState(jobId);
}

export const isFinal = (state: ItemState) => FINAL.includes(state);

/**
 * "Too frequent" answers that are transient one by one (9402202: the platform is still processing an earlier commit or
 * submission) but mean the whole job is pushing too hard when they come in a burst: this many items of one job
 * answered it within the window → the job pauses (reason "burst", the code kept) and the sweep resumes it after
 * BURST_COOLDOWN_MS (lib/jobs/wake.ts resumeAfterBurst).
 */
export const BURST_CODES: readonly number[] = [9402202];
export const BURST = { items: 5, windowMs: 10_000, cooldownMs: 30_000 } as const;

/** Whether items of this job answered a burst code at least BURST.items times in the window (this one included) since it last changed state. */
export async function isBurst(jobId: string, code: number): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .where(
      and(
        eq(bulkItems.jobId, jobId),
        eq(bulkItems.lastCode, code),
        // Only answers since the job last changed state: a late one from before a resume does not pause it again.
        sql`${bulkItems.updatedAt} >= greatest(now() - make_interval(secs => ${BURST.windowMs / 1000}), (select updated_at from bulk_jobs where id = ${jobId}))`,
      ),
    );
  return (row?.n ?? 0) >= BURST.items;
}
