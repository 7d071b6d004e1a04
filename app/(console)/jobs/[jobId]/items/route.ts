import { z } from "zod";
import { itemToWire, type ItemsPage } from "@/components/jobs/types";
import { listJobItems } from "@/lib/jobs";
import { json, jobRouteGuard } from "../guard";

const query = z.object({
  after: z.coerce.number().int().min(0).optional().catch(undefined),
  failed: z.enum(["1"]).optional().catch(undefined),
});

/** One keyset page of a job's items as JSON (`after`: the last position seen; `failed=1`: failures only). */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const refused = await jobRouteGuard(jobId);
  if (refused) return refused;
  const input = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listJobItems(jobId, { afterPosition: input.after, limit: 100, failedOnly: input.failed === "1" });
  return json({ rows: page.rows.map(itemToWire), next: page.next } satisfies ItemsPage);
}
