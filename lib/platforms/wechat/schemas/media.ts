import { z } from "zod";
import { INVALID, okAnswer, REQUIRED, requiredText, TOO_LONG } from "./common";

/**
 * Media (reference §4.1 uploadMediaToCodeAudit, §4.4 screenshots): files uploaded for an audit's preview_info, and
 * permanent images read with the material API. Pure: the upload form reads the same limits.
 */

const MB = 1024 * 1024;
/** "image ≤2 MB png/jpeg/jpg/gif, video ≤10 MB mp4" (40005 format, 40006 size); the kind follows the file name. */
export const MEDIA_FORMATS = {
  png: { kind: "image", maxBytes: 2 * MB },
  jpg: { kind: "image", maxBytes: 2 * MB },
  jpeg: { kind: "image", maxBytes: 2 * MB },
  gif: { kind: "image", maxBytes: 2 * MB },
  mp4: { kind: "video", maxBytes: 10 * MB },
} as const;
export type MediaKind = "image" | "video";

export const mediaExtension = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
export const mediaFormatOf = (name: string) => (MEDIA_FORMATS as Record<string, { kind: MediaKind; maxBytes: number }>)[mediaExtension(name)];

/** The file travels as the multipart field `media`; its bytes never reach the history (name, type and size do). */
export const uploadMediaInput = z.object({
  media: z
    .object({
      name: requiredText(200),
      type: z.string(INVALID).max(100, TOO_LONG),
      bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: INVALID }),
    })
    .superRefine((file, ctx) => {
      const format = mediaFormatOf(file.name);
      if (!format) return void ctx.addIssue({ code: "custom", path: ["name"], message: INVALID });
      if (file.bytes.length === 0) ctx.addIssue({ code: "custom", path: ["bytes"], message: REQUIRED });
      if (file.bytes.length > format.maxBytes) ctx.addIssue({ code: "custom", path: ["bytes"], message: TOO_LONG, params: { maximum: format.maxBytes } });
    }),
});
export type UploadMediaInput = z.input<typeof uploadMediaInput>;

export const uploadMediaAnswer = okAnswer.extend({ type: z.enum(["image", "video"]), mediaid: z.string().min(1) });

/** get_material: a media id of the account's permanent materials (rejection screenshots). */
export const materialInput = z.object({ media_id: requiredText(256) });
