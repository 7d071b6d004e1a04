import "server-only";
import type { AccountTemplateOps, TemplateDraft } from "@/lib/platforms/port";
import { BaiduLocalRefusal } from "../baidu-error";
import type { TpClient } from "../client";
import { baiduTimeOf } from "../states";

/**
 * Not documented for Baidu (reference §8.3 gives no limit): WeChat's 200, an assumption; the platform's own refusal
 * still decides.
 */
const BAIDU_TEMPLATE_LIMIT = 200;
const PAGE_SIZE = 100;
/** addtotemplate's user_desc: at most 30 characters (reference §8.3). */
const TEMPLATE_DESC_MAX = 30;

type Upload = { user_version: string; user_desc: string; create_time?: string | number };
const uploadOf = (u: Upload): Omit<TemplateDraft, "draftId"> => ({
  userVersion: u.user_version,
  userDesc: u.user_desc,
  createdAt: baiduTimeOf(u.create_time),
  sourceAppid: null,
  sourceName: null,
  developer: null,
});

/** Every page of a paged list (page, page_size → count, list). */
async function allPages<T>(read: (page: number) => Promise<{ count: number; list: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { count, list } = await read(page);
    out.push(...list);
    if (list.length < PAGE_SIZE || out.length >= count) return out;
  }
}

export function templateOps(client: TpClient): AccountTemplateOps {
  const drafts = () => allPages((page) => client.getTemplateDraftList({ page, page_size: PAGE_SIZE }));
  return {
    templateLimit: BAIDU_TEMPLATE_LIMIT,
    listTemplates: async () =>
      (await allPages((page) => client.getTemplateList({ page, page_size: PAGE_SIZE }))).map((t) => ({ ...uploadOf(t), templateId: t.template_id, kind: "custom" as const })),
    drafts: async () => (await drafts()).map((d) => ({ draftId: d.draft_id, ...uploadOf(d) })),
    /** Baidu wants a description (≤ 30 characters): the draft's own, cut to fit. Baidu has no standard templates. */
    addDraftToTemplates: async (draftId, kind = "custom", userDesc) => {
      if (kind === "standard") {
        throw new BaiduLocalRefusal("addDraftToTemplates", "input", { "zh-CN": "百度智能小程序没有标准模板。", en: "Baidu smart programs have no standard templates." });
      }
      // The operator's description is sent as typed (the client's schema refuses one over 30 characters).
      const typed = userDesc?.trim();
      const draft = typed ? null : (await drafts()).find((d) => d.draft_id === draftId);
      const desc = typed || [...(draft?.user_desc || draft?.user_version || `draft ${draftId}`)].slice(0, TEMPLATE_DESC_MAX).join("");
      await client.addToTemplate({ draft_id: draftId, user_desc: desc });
    },
    deleteTemplate: async (templateId) => {
      await client.deleteTemplate({ template_id: templateId });
    },
  };
}
