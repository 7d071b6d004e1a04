import "server-only";
import type { JobKind } from "@/lib/vocab";
import type { TenantSelection } from "./params";
import type { JobItemRow, JobSummary, Preflight } from "./types";

/**
 * The bulk engine's public face: what server actions, route handlers and scripts call. (Contract: the engine's
 * modules behind it fill these in; the signatures are what the pages build on.)
 */

export type Actor = { id: string } | null;
export type JobInput = { kind: JobKind; params: unknown; selection: TenantSelection };

const notYet = (): never => {
  throw new Error("lib/jobs: not built yet");
};

/** Checks every selected tenant and forecasts the audit quota; sends nothing that changes the platform. */
export async function preflightJob(input: JobInput, actor: Actor): Promise<Preflight> {
  void input, actor;
  return notYet();
}

/**
 * Re-runs the preflight, freezes the selection into one item per tenant (ineligible ones `skipped` with their reason),
 * and schedules the eligible items. Beyond the audit quota, `quotaChoice.firstN` is required (else ExpectedError
 * "jobs.errors.quotaOverrun"): only the first N eligible items submit, the rest are skipped ("quotaChoice").
 */
export async function startJob(input: JobInput & { quotaChoice?: { firstN: number } }, actor: Actor): Promise<{ jobId: string }> {
  void input, actor;
  return notYet();
}

export async function pauseJob(jobId: string, actor: Actor): Promise<void> {
  void jobId, actor;
  return notYet();
}
export async function resumeJob(jobId: string, actor: Actor): Promise<void> {
  void jobId, actor;
  return notYet();
}
/** No new platform call after this returns; items not final become `cancelled` (one in flight finishes its call). */
export async function cancelJob(jobId: string, actor: Actor): Promise<void> {
  void jobId, actor;
  return notYet();
}
/** Failed items go back to pending at the step they failed on. Answers how many. */
export async function retryFailed(jobId: string, actor: Actor): Promise<{ retried: number }> {
  void jobId, actor;
  return notYet();
}

export async function getJob(jobId: string): Promise<JobSummary | null> {
  void jobId;
  return notYet();
}
/** Newest first, keyset on (created_at, id). */
export async function listJobs(page: { after?: string; limit?: number } = {}): Promise<{ rows: JobSummary[]; next: string | null }> {
  void page;
  return notYet();
}
/** A job's items in selection order; `failedOnly` filters to failures. Keyset on position. */
export async function listJobItems(
  jobId: string,
  page: { afterPosition?: number; limit?: number; failedOnly?: boolean } = {},
): Promise<{ rows: JobItemRow[]; next: number | null }> {
  void jobId, page;
  return notYet();
}
/** The items as CSV text chunks (csv-stringify), streamed. */
export async function* jobItemsCsv(jobId: string): AsyncGenerator<string> {
  void jobId;
  yield notYet();
}
/** Jobs of this operator that ended and were not announced yet (the shell's toast), marked announced. */
export async function takeFinishedJobs(operatorId: string): Promise<JobSummary[]> {
  void operatorId;
  return notYet();
}
