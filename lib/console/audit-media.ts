import "server-only";
import { ExpectedError } from "@/lib/errors";
import type { TenantPlatform } from "@/lib/platforms/port";
import { formatBytes, mediaExtensions, mediaIssue, type MediaKind } from "@/lib/validation/media";

/**
 * Files for a submission: preview pictures and videos (preview_info), and pictures answering a rejection
 * (feedback_stuff). Called by the audit tab's upload route and usable by the bulk jobs: no request, no form here.
 */

export type AuditMediaPurpose = "preview" | "feedback";

/** feedback_stuff takes pictures only (reference §4.2); preview_info both pictures and videos. */
export const PURPOSE_KINDS: Record<AuditMediaPurpose, readonly MediaKind[]> = { preview: ["image", "video"], feedback: ["image"] };

/**
 * Checks the file against the platform's documented limits for that purpose (nothing is sent otherwise: a refused
 * upload is a wasted call in the history), then uploads it. The platform still checks the content (40005).
 */
export async function uploadAuditMedia(
  platform: TenantPlatform,
  file: { name: string; type: string; bytes: Uint8Array },
  purpose: AuditMediaPurpose,
): Promise<{ mediaId: string; kind: MediaKind; name: string }> {
  const kinds = PURPOSE_KINDS[purpose];
  const issue = mediaIssue({ name: file.name, size: file.bytes.length }, kinds);
  if (issue?.rule === "format") throw new ExpectedError("audit.media.format", undefined, { name: file.name, formats: kinds.flatMap(mediaExtensions).join(", ") });
  if (issue?.rule === "empty") throw new ExpectedError("audit.media.empty", undefined, { name: file.name });
  if (issue?.rule === "tooLarge") throw new ExpectedError("audit.media.tooLarge", undefined, { name: file.name, limit: formatBytes(issue.maxBytes) });
  const { mediaId, kind } = await platform.uploadMedia(file);
  return { mediaId, kind, name: file.name };
}
