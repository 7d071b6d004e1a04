import { jobToWire } from "@/components/jobs/types";
import { getJob } from "@/lib/jobs";
import { json, jobRouteGuard, notFound } from "../guard";

/** A job's summary as JSON: what the job page polls every second or two while the job is not settled. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const refused = await jobRouteGuard(jobId);
  if (refused) return refused;
  const job = await getJob(jobId);
  return job ? json(jobToWire(job)) : notFound();
}
