import "server-only";
import { inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { bulkItems, bulkJobs } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import type { JobKind } from "@/lib/vocab";
import { sendItems, type ItemSend } from "./boss";
import type { TenantSelection } from "./params";
import { computePreflight } from "./preflight";
import { stepsOf } from "./step-types";

/**
 * Starting a job: the preflight again (things changed since the dialog), the quota choice, then the job and one item
 * per tenant in one transaction — ineligible tenants `skipped` with their reason, a tenant another job took
 * meanwhile (the active-tenant unique index) skipped as busy — and only then the pg-boss jobs.
 */

type ItemRow = Omit<typeof bulkItems.$inferInsert, "jobId">;

export async function createJob(
  input: { kind: JobKind; params: unknown; selection: TenantSelection; quotaChoice?: { firstN: number } },
  actorId: string | null,
): Promise<{ jobId: string; sends: ItemSend[] }> {
  const { kind, params, tenants, checks, preflight } = await computePreflight(input, actorId);
  if (preflight.quota?.overrun && input.quotaChoice === undefined) {
    throw new ExpectedError("jobs.errors.quotaOverrun", undefined, {
      needed: preflight.quota.needed,
      remaining: preflight.quota.remaining ?? 0,
      planned: preflight.quota.plannedByOthers,
    });
  }
  const firstN = preflight.quota ? input.quotaChoice?.firstN : undefined;
  const firstStep = stepsOf(kind, params as never)[0]!;
  let eligibleSeen = 0;
  const rows: ItemRow[] = tenants.map((tenant, position) => {
    const check = checks[position]!;
    const base = { tenantId: tenant.id, accountId: tenant.accountId, position, step: firstStep };
    if (check.reason) return { ...base, state: "skipped", reason: check.reason, lastCode: check.code, result: check.detail ? { reasonValues: check.detail } : {} };
    eligibleSeen++;
    if (firstN !== undefined && eligibleSeen > firstN) return { ...base, state: "skipped", reason: "quotaChoice" };
    return { ...base, state: "pending" };
  });

  const { jobId, pending } = await db.transaction(async (tx) => {
    const [job] = await tx
      .insert(bulkJobs)
      .values({ kind, params, selection: input.selection, total: tenants.length, createdBy: actorId })
      .returning({ id: bulkJobs.id });
    const id = job!.id;
    const withJob = rows.map((r) => ({ ...r, jobId: id }));
    const skipped = withJob.filter((r) => r.state !== "pending");
    const wanted = withJob.filter((r) => r.state === "pending");
    for (let i = 0; i < skipped.length; i += 1000) await tx.insert(bulkItems).values(skipped.slice(i, i + 1000));
    const inserted = new Set<string>();
    for (let i = 0; i < wanted.length; i += 1000) {
      // A tenant another job took since the preflight hits the active-tenant index: left out here, skipped below.
      const got = await tx.insert(bulkItems).values(wanted.slice(i, i + 1000)).onConflictDoNothing().returning({ tenantId: bulkItems.tenantId });
      for (const g of got) inserted.add(g.tenantId);
    }
    const lost = wanted.filter((r) => !inserted.has(r.tenantId));
    for (let i = 0; i < lost.length; i += 1000) {
      await tx.insert(bulkItems).values(lost.slice(i, i + 1000).map((r) => ({ ...r, state: "skipped" as const, reason: "busy" })));
    }
    if (inserted.size === 0) await tx.update(bulkJobs).set({ state: "finished", finishedAt: new Date() }).where(inArray(bulkJobs.id, [id]));
    return { jobId: id, pending: wanted.filter((r) => inserted.has(r.tenantId)) };
  });
  return { jobId, sends: pending.map((r) => ({ jobId, tenantId: r.tenantId, accountId: r.accountId })) };
}

/** Creates the job and schedules its items. */
export async function startJobNow(
  input: { kind: JobKind; params: unknown; selection: TenantSelection; quotaChoice?: { firstN: number } },
  actorId: string | null,
): Promise<{ jobId: string }> {
  const { jobId, sends } = await createJob(input, actorId);
  // A crash right here leaves pending items without pg-boss jobs: the workers' sweep sends them.
  await sendItems(sends);
  return { jobId };
}
