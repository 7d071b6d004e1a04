import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { keyedXactLock, sandboxLockKeys } from "@/lib/db/locks";
import { fail } from "../errors";
import type { RouteDef, SandboxContext } from "../router";
import { sandboxDrafts, sandboxTemplates } from "../schema";
import { draftPrivacyApis, setTemplatePrivacyApis } from "../code-privacy";
import { listDrafts } from "../drafts";
import { int } from "./params";

/**
 * Template library (reference §3). The platform calls these with its own component_access_token, for itself:
 * drafts (uploads from its 开发小程序) are added to the library, and commit takes a template_id from it.
 */

/** Documented cap: "max 200 templates" → 85065 (templates are never overwritten, so old ones must be deleted). */
export const TEMPLATE_LIMIT = 200;

const NOT_FOUND = [85064, "template not found"] as const;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

type TemplateRow = typeof sandboxTemplates.$inferSelect;

function templateItem(t: TemplateRow) {
  const item: Record<string, unknown> = {
    create_time: seconds(t.createdAt),
    user_version: t.userVersion,
    user_desc: t.userDesc,
    template_id: t.templateId,
    draft_id: t.draftId,
    source_miniprogram_appid: t.sourceMiniprogramAppid,
    source_miniprogram: t.sourceMiniprogram,
    developer: t.developer,
    template_type: t.templateType,
    // Categories belong to standard templates only; ordinary ones always answer [].
    category_list: [],
  };
  if (t.templateType === 1) {
    // Standard templates (交易组件) are retired: (assump.) one added now is never sent for review, so it stays
    // "0 未提审" with no scene and no reason.
    Object.assign(item, { audit_scene: 0, audit_status: 0, reason: "" });
  }
  return item;
}

const platformOf = (ctx: SandboxContext) => ctx.platform!.componentAppid;

export const templateRoutes: RouteDef[] = [
  {
    method: "GET",
    path: "/wxa/gettemplatedraftlist",
    token: "component",
    body: "none",
    envelope: "wxa",
    async handler(ctx) {
      const drafts = await listDrafts(platformOf(ctx));
      return {
        draft_list: drafts.map((d) => ({
          create_time: seconds(d.createdAt),
          user_version: d.userVersion,
          user_desc: d.userDesc,
          draft_id: d.draftId,
          source_miniprogram_appid: d.sourceMiniprogramAppid,
          source_miniprogram: d.sourceMiniprogram,
          developer: d.developer,
        })),
      };
    },
  },
  {
    method: "POST",
    path: "/wxa/addtotemplate",
    token: "component",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const componentAppid = platformOf(ctx);
      const draftId = int(ctx.body, "draft_id", { required: true, min: 0 })!;
      const templateType = int(ctx.body, "template_type", { min: 0, max: 1 }) ?? 0;
      await db.transaction(async (tx) => {
        // Serialise adds per platform so two concurrent calls at 199 templates cannot both pass the cap.
        await tx.execute(keyedXactLock(sandboxLockKeys.templates(componentAppid)));
        const [draft] = await tx
          .select()
          .from(sandboxDrafts)
          .where(and(eq(sandboxDrafts.draftId, draftId), eq(sandboxDrafts.componentAppid, componentAppid)));
        if (!draft) fail(...NOT_FOUND);
        const [total] = await tx.select({ n: count() }).from(sandboxTemplates).where(eq(sandboxTemplates.componentAppid, componentAppid));
        if ((total?.n ?? 0) >= TEMPLATE_LIMIT) fail(85065, "template list is full");
        // The draft stays in the draft box: adding copies it, and the same draft may be added more than once.
        const [template] = await tx.insert(sandboxTemplates).values({
          componentAppid,
          draftId: draft!.draftId,
          templateType,
          userVersion: draft!.userVersion,
          userDesc: draft!.userDesc,
          sourceMiniprogramAppid: draft!.sourceMiniprogramAppid,
          sourceMiniprogram: draft!.sourceMiniprogram,
          developer: draft!.developer,
          pages: draft!.pages,
        }).returning({ templateId: sandboxTemplates.templateId });
        // The template is a copy of the draft's code, so it calls the same privacy APIs.
        await setTemplatePrivacyApis(template!.templateId, await draftPrivacyApis(draft!.draftId, tx), tx);
      });
      return {};
    },
  },
  {
    // The document lists template_type under "body", but the method is GET (POST → 43001): read the query.
    method: "GET",
    path: "/wxa/gettemplatelist",
    token: "component",
    body: "none",
    envelope: "wxa",
    async handler(ctx) {
      const templateType = int(Object.fromEntries(ctx.query), "template_type", { min: 0, max: 1 });
      const where =
        templateType === undefined
          ? eq(sandboxTemplates.componentAppid, platformOf(ctx))
          : and(eq(sandboxTemplates.componentAppid, platformOf(ctx)), eq(sandboxTemplates.templateType, templateType));
      const rows = await db.select().from(sandboxTemplates).where(where).orderBy(asc(sandboxTemplates.templateId));
      return { template_list: rows.map(templateItem) };
    },
  },
  {
    method: "POST",
    path: "/wxa/deletetemplate",
    token: "component",
    body: "json-required",
    envelope: "wxa",
    async handler(ctx) {
      const templateId = int(ctx.body, "template_id", { required: true, min: 0 })!;
      const deleted = await db
        .delete(sandboxTemplates)
        .where(and(eq(sandboxTemplates.templateId, templateId), eq(sandboxTemplates.componentAppid, platformOf(ctx))))
        .returning({ id: sandboxTemplates.templateId });
      if (deleted.length === 0) fail(...NOT_FOUND);
      return {};
    },
  },
];
