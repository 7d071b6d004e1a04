import type { JobItemRow, JobSummary, Meaning } from "@/lib/jobs/types";

/**
 * A job and its items as the browser gets them (JSON from the status and items routes): dates as ISO text. Pure.
 */
export type JobWire = Omit<JobSummary, "createdAt" | "finishedAt"> & { createdAt: string; finishedAt: string | null };
export type JobItemWire = Omit<JobItemRow, "parkedUntil" | "updatedAt"> & { parkedUntil: string | null; updatedAt: string };
export type ItemsPage = { rows: JobItemWire[]; next: number | null };

const iso = (d: Date | string | null) => (d == null ? null : typeof d === "string" ? d : d.toISOString());

export function jobToWire(job: JobSummary): JobWire {
  return { ...job, createdAt: iso(job.createdAt)!, finishedAt: iso(job.finishedAt) };
}

export function itemToWire(item: JobItemRow): JobItemWire {
  return { ...item, parkedUntil: iso(item.parkedUntil), updatedAt: iso(item.updatedAt)! };
}

export type { Meaning };
