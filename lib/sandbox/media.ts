import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { renderQrJpeg } from "./qr-image";
import { sandboxMedia } from "./schema";

/**
 * Media the emulated platform keeps for a mini-program (sandbox_media): files uploaded with /wxa/uploadmedia for an
 * audit's preview_info (temporary: "valid 3 days", reference §4.1) and the reviewer's rejection screenshots
 * (permanent media, read back with the material API under the authorizer's token, reference §4.4).
 */

export type MediaKind = "image" | "video";
type Q = Pick<typeof db, "select" | "insert">;

export const UPLOAD_TTL_MS = 3 * 86_400_000;

// (assump.) Real media ids are opaque ~64-character strings; these only need to be unguessable and URL-safe.
export const newMediaId = () => `sbx_${randomBytes(24).toString("base64url")}`;

export async function storeMedia(
  input: { appid: string; kind: MediaKind; contentType: string; bytes: Buffer; purpose: "audit_upload" | "screenshot"; expiresAt: Date | null },
  q: Q = db,
): Promise<string> {
  const mediaId = newMediaId();
  await q.insert(sandboxMedia).values({ mediaId, ...input });
  return mediaId;
}

const live = () => or(isNull(sandboxMedia.expiresAt), gt(sandboxMedia.expiresAt, new Date()));

/** The appid's live media among `ids` (another mini-program's or an expired id is simply absent). */
export async function liveMediaOf(appid: string, ids: string[], q: Q = db) {
  if (ids.length === 0) return [];
  return q
    .select({ mediaId: sandboxMedia.mediaId, kind: sandboxMedia.kind, purpose: sandboxMedia.purpose })
    .from(sandboxMedia)
    .where(and(eq(sandboxMedia.appid, appid), inArray(sandboxMedia.mediaId, ids), live()));
}

/** A permanent image of the appid (what get_material serves), or null. */
export async function permanentMedia(appid: string, mediaId: string) {
  const [row] = await db
    .select()
    .from(sandboxMedia)
    .where(and(eq(sandboxMedia.appid, appid), eq(sandboxMedia.mediaId, mediaId), isNull(sandboxMedia.expiresAt)));
  return row ?? null;
}

/** The text a screenshot's QR code carries, so a test (or a curious operator) can tell which audit it belongs to. */
export const screenshotText = (appid: string, auditid: number, n: number) => `https://sandbox.invalid/audit-screenshot?appid=${appid}&auditid=${auditid}&n=${n}`;

/**
 * `count` rejection screenshots for an audit, stored as permanent media; returns their ids. Each is a small JPEG (a
 * QR code naming the audit: drawn by the same encoder as the trial code, so no image library is needed).
 */
export async function makeScreenshots(appid: string, auditid: number, count: number, q: Q = db): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const image = renderQrJpeg(screenshotText(appid, auditid, n), { size: 240, minScale: 4, quality: 80 });
    ids.push(await storeMedia({ appid, kind: "image", contentType: "image/jpeg", bytes: image.jpeg, purpose: "screenshot", expiresAt: null }, q));
  }
  return ids;
}
