import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { baiduFail } from "../errors";
import { baiduTime } from "../packages";
import { idParam, pageParams, textParam } from "../params";
import type { BaiduRoute } from "../router";
import { sandboxBaiduDrafts, sandboxBaiduTemplates } from "../schema";

/**
 * Template management (reference §8.3, TP token): the draft box, adding a draft to the template library (`user_desc`
 * at most 30 characters), the library, deleting a template. create_time uses the seed's commit_time format
 * (emulator choice: the documents name the field only).
 */

const USER_DESC_MAX = 30;

async function draftList(clientId: string, params: Record<string, unknown>) {
  const { page, pageSize } = pageParams(params);
  const where = eq(sandboxBaiduDrafts.clientId, clientId);
  const [total] = await db.select({ n: count() }).from(sandboxBaiduDrafts).where(where);
  const rows = await db
    .select()
    .from(sandboxBaiduDrafts)
    .where(where)
    .orderBy(desc(sandboxBaiduDrafts.draftId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    count: total!.n,
    list: rows.map((d) => ({ draft_id: d.draftId, user_version: d.userVersion, user_desc: d.userDesc, create_time: baiduTime(d.createdAt) })),
  };
}

async function addToTemplate(clientId: string, params: Record<string, unknown>) {
  const draftId = idParam(params, "draft_id")!;
  const userDesc = textParam(params, "user_desc", { max: USER_DESC_MAX })!;
  const [draft] = await db
    .select()
    .from(sandboxBaiduDrafts)
    .where(and(eq(sandboxBaiduDrafts.draftId, draftId), eq(sandboxBaiduDrafts.clientId, clientId)));
  if (!draft) baiduFail("draftNotFound", `draft_id ${draftId}`);
  const [row] = await db
    .insert(sandboxBaiduTemplates)
    .values({ clientId, draftId, userVersion: draft!.userVersion, userDesc })
    .returning({ templateId: sandboxBaiduTemplates.templateId });
  return { template_id: row!.templateId };
}

async function templateList(clientId: string, params: Record<string, unknown>) {
  const { page, pageSize } = pageParams(params);
  const where = eq(sandboxBaiduTemplates.clientId, clientId);
  const [total] = await db.select({ n: count() }).from(sandboxBaiduTemplates).where(where);
  const rows = await db
    .select()
    .from(sandboxBaiduTemplates)
    .where(where)
    .orderBy(desc(sandboxBaiduTemplates.templateId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    count: total!.n,
    list: rows.map((t) => ({ template_id: t.templateId, user_version: t.userVersion, user_desc: t.userDesc, create_time: baiduTime(t.createdAt) })),
  };
}

async function deleteTemplate(clientId: string, params: Record<string, unknown>) {
  const templateId = idParam(params, "template_id")!;
  const removed = await db
    .delete(sandboxBaiduTemplates)
    .where(and(eq(sandboxBaiduTemplates.templateId, templateId), eq(sandboxBaiduTemplates.clientId, clientId)))
    .returning({ id: sandboxBaiduTemplates.templateId });
  if (removed.length === 0) baiduFail("templateNotFound", `template_id ${templateId}`);
  return { result: 1 };
}

const T = "/rest/2.0/smartapp/template";
export const templateRoutes: BaiduRoute[] = [
  { method: "GET", path: `${T}/gettemplatedraftlist`, token: "tp", handler: (ctx) => draftList(ctx.platform!.clientId, ctx.params) },
  { method: "POST", path: `${T}/addtotemplate`, token: "tp", handler: (ctx) => addToTemplate(ctx.platform!.clientId, ctx.params) },
  { method: "GET", path: `${T}/gettemplatelist`, token: "tp", handler: (ctx) => templateList(ctx.platform!.clientId, ctx.params) },
  { method: "POST", path: `${T}/deltemplate`, token: "tp", handler: (ctx) => deleteTemplate(ctx.platform!.clientId, ctx.params) },
];

/** A draft in the platform's draft box, as the developer tools would leave it (control surface and tests). */
export async function createBaiduDraft(clientId: string, input: { userVersion: string; userDesc?: string }) {
  const [row] = await db.insert(sandboxBaiduDrafts).values({ clientId, userVersion: input.userVersion, userDesc: input.userDesc ?? "" }).returning();
  return row!;
}
