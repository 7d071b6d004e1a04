import { z } from "zod";
import { int, okAnswer } from "./common";

/** Template library (reference §3), called by the platform for itself with the component_access_token. */

export const TEMPLATE_TYPES = [0, 1] as const;
const templateType = z.literal(TEMPLATE_TYPES, "validation.invalid");

export const addToTemplateInput = z.object({ draft_id: int(0), template_type: templateType.optional() });
export const templateListInput = z.object({ template_type: templateType.optional() });
export const deleteTemplateInput = z.object({ template_id: int(0) });

const draftFields = {
  create_time: z.number(),
  user_version: z.string(),
  user_desc: z.string().default(""),
  draft_id: z.number(),
  source_miniprogram_appid: z.string().optional(),
  source_miniprogram: z.string().optional(),
  developer: z.string().optional(),
};

export const draftListAnswer = okAnswer.extend({ draft_list: z.array(z.looseObject(draftFields)).default([]) });

export const templateItem = z.looseObject({
  ...draftFields,
  template_id: z.number(),
  // 0 ordinary, 1 standard (retired); absent on old answers means ordinary.
  template_type: z.number().default(0),
  category_list: z.array(z.looseObject({})).default([]),
  // Standard templates only.
  audit_scene: z.number().optional(),
  audit_status: z.number().optional(),
  reason: z.string().optional(),
});
export const templateListAnswer = okAnswer.extend({ template_list: z.array(templateItem).default([]) });

export type TemplateItem = z.output<typeof templateItem>;
export type DraftListAnswer = z.output<typeof draftListAnswer>;
export type TemplateListAnswer = z.output<typeof templateListAnswer>;
