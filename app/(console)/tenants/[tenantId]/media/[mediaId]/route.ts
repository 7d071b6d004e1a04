import { tenantMediaResponse } from "@/lib/console/media";

/** A tenant's platform image (rejection screenshots) for signed-in operators; see lib/console/media.ts. */
export async function GET(_req: Request, { params }: { params: Promise<{ tenantId: string; mediaId: string }> }) {
  const { tenantId, mediaId } = await params;
  return tenantMediaResponse(tenantId, mediaId);
}
