import "server-only";
import { plannedByOthers } from "./preflight";
import type { JobKind } from "@/lib/vocab";
import { cancel, pause, resume, retry } from "./control";
import type { TenantSelection } from "./params";
import { computePreflight } from "./preflight";
import { itemsCsv, itemsPage, jobSummary, jobsPage, takeFinished } from "./progress";
import { startJobNow } from "./start";
import type { JobItemRow, JobSummary, Preflight } from "./types";

/**
 * The bulk engine's public face: what server actions, route handlers and scripts call. The modules behind it:
 * preflight (+ preflight-checks, selection), start, control, progress; the worker side is worker → runner → steps,
 * with items (the rows), gate (job state + rate limit before each call), boss (pg-boss), wake and snapshots.
 */

export type Actor = { id: string } | null;
export type JobInput = { kind: JobKind; params: unknown; selection: TenantSelection };

export { startWorker, stopWorker, type WorkerHandle, type WorkerOptions } from "./worker";
export { registerAuditWake } from "./wake";

/** Checks every selected tenant and forecasts the audit quota; sends nothing that changes the platform. */
export async function preflightJob(input: JobInput, actor: Actor): Promise<Preflight> {
  return (await computePreflight(input, actor?.id ?? null)).preflight;
}

/**
 * Re-runs the preflight, freezes the selection into one item per tenant (ineligible ones `skipped` with their reason),
 * and schedules the eligible items. Beyond the audit quota, `quotaChoice.firstN` is required (else ExpectedError
 * "jobs.errors.quotaOverrun"): only the first N eligible items submit, the rest are skipped ("quotaChoice").
 */
export async function startJob(input: JobInput & { quotaChoice?: { firstN: number } }, actor: Actor): Promise<{ jobId: string }> {
  return startJobNow(input, actor?.id ?? null);
}

/** Items stop before their next platform call and wait at their step until resumed. */
export async function pauseJob(jobId: string, actor: Actor): Promise<void> {
  void actor;
  await pause(jobId);
}
/** A job paused by an operator or by the platform's quota runs again. */
export async function resumeJob(jobId: string, actor: Actor): Promise<void> {
  void actor;
  await resume(jobId);
}
/** No new platform call after this returns; items not final become `cancelled` (one in flight finishes its call). */
export async function cancelJob(jobId: string, actor: Actor): Promise<void> {
  void actor;
  await cancel(jobId);
}
/** Failed items go back to pending at the step they failed on. Answers how many. */
export async function retryFailed(jobId: string, actor: Actor): Promise<{ retried: number }> {
  void actor;
  return retry(jobId);
}

export async function getJob(jobId: string): Promise<JobSummary | null> {
  return jobSummary(jobId);
}
/** Newest first, keyset on (created_at, id). */
export async function listJobs(page: { after?: string; limit?: number } = {}): Promise<{ rows: JobSummary[]; next: string | null }> {
  return jobsPage(page);
}
/** A job's items in selection order; `failedOnly` filters to failures. Keyset on position. */
export async function listJobItems(
  jobId: string,
  page: { afterPosition?: number; limit?: number; failedOnly?: boolean } = {},
): Promise<{ rows: JobItemRow[]; next: number | null }> {
  return itemsPage(jobId, page);
}
/** The items as CSV text chunks (csv-stringify), streamed. */
export async function* jobItemsCsv(jobId: string): AsyncGenerator<string> {
  yield* itemsCsv(jobId);
}
/** Jobs of this operator that ended and were not announced yet (the shell's toast), marked announced. */
export async function takeFinishedJobs(operatorId: string): Promise<JobSummary[]> {
  return takeFinished(operatorId);
}

/** Audit submissions the running and paused bulk jobs still plan on a platform account (the quota page's forecast). */
export const plannedSubmissions = (accountId: string): Promise<number> => plannedByOthers(accountId);
