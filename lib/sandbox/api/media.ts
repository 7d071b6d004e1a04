import "server-only";
import { fail } from "../errors";
import { permanentMedia, storeMedia, UPLOAD_TTL_MS, type MediaKind } from "../media";
import type { RouteDef, SandboxContext } from "../router";

/**
 * Media endpoints (reference §4.1 uploadMediaToCodeAudit, §4.4 screenshots):
 * - POST multipart /wxa/uploadmedia, form field `media`: image ≤ 2 MB png/jpeg/jpg/gif, video ≤ 10 MB mp4 →
 *   `{type, mediaid}`, valid 3 days, for submit_audit's preview_info. Errors 41005 no media, 40005 format, 40006 size
 *   (43002 for GET comes from the router).
 * - POST /cgi-bin/material/get_material `{media_id}` → the bytes of a permanent image (rejection screenshots), or
 *   40007 for an id this mini-program does not have.
 */

const MB = 1024 * 1024;
const LIMITS: Record<MediaKind, number> = { image: 2 * MB, video: 10 * MB };
const FORMATS: Record<string, { kind: MediaKind; contentType: string }> = {
  png: { kind: "image", contentType: "image/png" },
  jpg: { kind: "image", contentType: "image/jpeg" },
  jpeg: { kind: "image", contentType: "image/jpeg" },
  gif: { kind: "image", contentType: "image/gif" },
  mp4: { kind: "video", contentType: "video/mp4" },
};

/** (assump.) The platform checks the content too, not only the name: the bytes must start like the format named. */
function looksLike(contentType: string, bytes: Buffer): boolean {
  if (contentType === "image/png") return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (contentType === "image/jpeg") return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (contentType === "image/gif") return bytes.subarray(0, 4).toString("latin1") === "GIF8";
  return bytes.subarray(4, 8).toString("latin1") === "ftyp"; // mp4
}

async function uploadMedia(ctx: SandboxContext) {
  // The largest allowed file plus the multipart framing; anything bigger is refused before it is read.
  const declared = Number(ctx.req.headers.get("content-length") ?? "0");
  if (declared > LIMITS.video + 64 * 1024) fail(40006, "invalid media size");
  let form: FormData;
  try {
    form = await ctx.req.formData();
  } catch {
    // Not multipart (or a broken one): no media data reached the platform (assump.: 41005).
    return fail(41005, "media data missing");
  }
  const media = form.get("media");
  if (!media || typeof media === "string" || media.size === 0) fail(41005, "media data missing");
  const file = media as File;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const format = FORMATS[extension];
  const bytes = Buffer.from(await file.arrayBuffer());
  if (!format || !looksLike(format.contentType, bytes)) fail(40005, "invalid file type");
  if (bytes.length > LIMITS[format!.kind]) fail(40006, "invalid media size");
  const mediaid = await storeMedia({
    appid: ctx.authorizer!.appid,
    kind: format!.kind,
    contentType: format!.contentType,
    bytes,
    purpose: "audit_upload",
    expiresAt: new Date(Date.now() + UPLOAD_TTL_MS),
  });
  return { type: format!.kind, mediaid };
}

async function getMaterial(ctx: SandboxContext) {
  const id = ctx.body.media_id;
  const row = typeof id === "string" && id ? await permanentMedia(ctx.authorizer!.appid, id) : null;
  if (!row) fail(40007, "invalid media_id");
  return new Response(new Uint8Array(row!.bytes), {
    status: 200,
    headers: { "content-type": row!.contentType, "content-disposition": `attachment; filename="${row!.mediaId}.${row!.contentType.split("/")[1]}"` },
  });
}

export const mediaRoutes: RouteDef[] = [
  // The body is multipart: the route reads it itself ("none" keeps the router from parsing it as JSON).
  { method: "POST", path: "/wxa/uploadmedia", token: "authorizer", body: "none", envelope: "wxa", permissions: [18], handler: uploadMedia },
  // A general API of the account (no permission set named): any authorizer token may read its own materials.
  { method: "POST", path: "/cgi-bin/material/get_material", token: "authorizer", body: "json-required", envelope: "wxa", handler: getMaterial },
];
