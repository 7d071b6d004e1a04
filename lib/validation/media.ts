/**
 * The platform's limits for files uploaded with an audit (reference §4.1 uploadMediaToCodeAudit: "image ≤2 MB
 * png/jpeg/jpg/gif, video ≤10 MB mp4", 40005 format, 40006 size; the kind follows the file name). Pure and neutral:
 * the upload fields check a chosen file with them before it leaves the browser, the console's upload route checks
 * again before any call, and the WeChat client's schema (lib/platforms/wechat/schemas/media.ts) imports them.
 */

const MB = 1024 * 1024;
export const MEDIA_FORMATS = {
  png: { kind: "image", maxBytes: 2 * MB },
  jpg: { kind: "image", maxBytes: 2 * MB },
  jpeg: { kind: "image", maxBytes: 2 * MB },
  gif: { kind: "image", maxBytes: 2 * MB },
  mp4: { kind: "video", maxBytes: 10 * MB },
} as const;
export type MediaKind = "image" | "video";
export type MediaFormat = { kind: MediaKind; maxBytes: number };

export const mediaExtension = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
export const mediaFormatOf = (name: string): MediaFormat | undefined => (MEDIA_FORMATS as Record<string, MediaFormat>)[mediaExtension(name)];

/** The extensions of one kind, for an `accept` attribute and for saying which files a field takes. */
export const mediaExtensions = (kind: MediaKind) =>
  Object.entries(MEDIA_FORMATS)
    .filter(([, format]) => format.kind === kind)
    .map(([ext]) => ext);
export const mediaMaxBytes = (kind: MediaKind) => Math.max(...Object.values(MEDIA_FORMATS as Record<string, MediaFormat>).filter((f) => f.kind === kind).map((f) => f.maxBytes));
export const acceptOf = (kinds: readonly MediaKind[]) => kinds.flatMap(mediaExtensions).map((ext) => `.${ext}`).join(",");

/** What is wrong with a chosen file for a field taking `kinds`: a format it does not take, nothing in it, or too big. */
export type MediaIssue = { rule: "format" } | { rule: "empty" } | { rule: "tooLarge"; maxBytes: number };

export function mediaIssue(file: { name: string; size: number }, kinds: readonly MediaKind[]): MediaIssue | null {
  const format = mediaFormatOf(file.name);
  if (!format || !kinds.includes(format.kind)) return { rule: "format" };
  if (file.size === 0) return { rule: "empty" };
  if (file.size > format.maxBytes) return { rule: "tooLarge", maxBytes: format.maxBytes };
  return null;
}

/** Sizes as people read them in both languages (`2 MB`, `340 KB`). */
export const formatBytes = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
