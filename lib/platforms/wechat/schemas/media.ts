import { z } from "zod";
import { mediaFormatOf } from "@/lib/validation/media";
import { INVALID, okAnswer, REQUIRED, requiredText, TOO_LONG } from "./common";

/**
 * Media (reference §4.1 uploadMediaToCodeAudit, §4.4 screenshots): files uploaded for an audit's preview_info, and
 * permanent images read with the material API. Pure. The format and size limits live in lib/validation/media.ts,
 * which the upload form reads too (the browser may not import the platform's schemas).
 */

export { MEDIA_FORMATS, mediaExtension, mediaFormatOf, type MediaKind } from "@/lib/validation/media";

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
