import { getJob, jobItemsCsv } from "@/lib/jobs";
import { textStream } from "@/lib/utils/text-stream";
import { jobRouteGuard, notFound } from "../guard";

/** The job's items as a CSV download, streamed from the engine's generator as it reads them. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const refused = await jobRouteGuard(jobId);
  if (refused) return refused;
  // A job that does not exist is a 404, not a download that breaks after its headers.
  if (!(await getJob(jobId))) return notFound();
  const body = textStream(jobItemsCsv(jobId));
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="job-${jobId.slice(0, 8)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
