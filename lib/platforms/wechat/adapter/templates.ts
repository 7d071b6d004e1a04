import "server-only";
import type { AccountTemplateOps, TemplateDraft } from "@/lib/platforms/port";
import type { ComponentClient } from "../client";
import type { DraftListAnswer } from "../schemas/templates";
import { dateOf } from "./shared";

// Reference §3: "max 200 templates", the 201st is refused with 85065.
const WECHAT_TEMPLATE_LIMIT = 200;

// A template repeats the fields of the draft it was made from.
const uploadOf = (d: DraftListAnswer["draft_list"][number]): Omit<TemplateDraft, "draftId"> => ({
  userVersion: d.user_version,
  userDesc: d.user_desc,
  createdAt: dateOf(d.create_time),
  sourceAppid: d.source_miniprogram_appid || null,
  sourceName: d.source_miniprogram || null,
  developer: d.developer || null,
});

export function templateOps(client: ComponentClient): AccountTemplateOps {
  return {
    templateLimit: WECHAT_TEMPLATE_LIMIT,
    listTemplates: async () => {
      const { template_list } = await client.getTemplateList();
      return template_list.map((t) => ({ ...uploadOf(t), templateId: t.template_id, kind: t.template_type === 1 ? ("standard" as const) : ("custom" as const) }));
    },
    drafts: async () => (await client.getTemplateDraftList()).draft_list.map((d) => ({ draftId: d.draft_id, ...uploadOf(d) })),
    addDraftToTemplates: async (draftId, kind = "custom") => {
      await client.addToTemplate({ draft_id: draftId, template_type: kind === "standard" ? 1 : 0 });
    },
    deleteTemplate: async (templateId) => {
      await client.deleteTemplate({ template_id: templateId });
    },
  };
}
