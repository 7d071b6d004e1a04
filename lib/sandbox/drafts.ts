import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { keyedXactLock, sandboxLockKeys } from "@/lib/db/locks";
import { setDraftPrivacyApis } from "./code-privacy";
import { sandboxDrafts, sandboxPlatforms } from "./schema";

/**
 * The draft box (草稿箱, reference §3). On WeChat a draft appears when someone presses "upload" in the devtools
 * on a 开发小程序 bound to the platform; the sandbox has no devtools, so the control surface and the demo data
 * call createDraft instead.
 */

export type NewDraft = {
  userVersion: string;
  userDesc: string;
  /** The code package's pages, e.g. ["pages/index/index"]; a template made from the draft copies them. */
  pages: string[];
  sourceMiniprogramAppid?: string;
  sourceMiniprogram?: string;
  developer?: string;
  /** Location APIs the package's code calls (the privacy scan finds them; seed 002's 61040), e.g. ["getLocation"]. */
  privacyApis?: string[];
};

export type DraftRow = typeof sandboxDrafts.$inferSelect;

/**
 * (assump.) Without a source appid the upload comes from the platform's one default 开发小程序, whose appid is
 * derived from the platform's so that repeated uploads replace each other like real ones from one project.
 */
export const defaultDevAppid = (componentAppid: string) =>
  `wx${createHash("sha256").update(`sandbox-dev-miniprogram:${componentAppid}`).digest("hex").slice(0, 16)}`;

/**
 * Uploads a draft. The platform keeps ONE draft per 开发小程序: a newer upload from the same source appid
 * replaces the previous draft, which disappears from gettemplatedraftlist, and the new one gets a new draft_id.
 * Templates already made from the old draft are unaffected (templates are never overwritten).
 */
export async function createDraft(componentAppid: string, input: NewDraft): Promise<DraftRow> {
  const userVersion = input.userVersion.trim();
  if (!userVersion) throw new Error("createDraft: userVersion is required");
  if (!input.pages.every((p) => typeof p === "string" && p.length > 0)) throw new Error("createDraft: pages must be non-empty strings");
  const sourceAppid = input.sourceMiniprogramAppid ?? defaultDevAppid(componentAppid);

  return db.transaction(async (tx) => {
    const [platform] = await tx.select({ appid: sandboxPlatforms.componentAppid }).from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
    if (!platform) throw new Error(`sandbox platform ${componentAppid} not found`);
    // Two uploads from one project at the same moment must still leave exactly one draft: serialise per source.
    await tx.execute(keyedXactLock(sandboxLockKeys.draft(componentAppid, sourceAppid)));
    await tx
      .delete(sandboxDrafts)
      .where(and(eq(sandboxDrafts.componentAppid, componentAppid), eq(sandboxDrafts.sourceMiniprogramAppid, sourceAppid)));
    const [row] = await tx
      .insert(sandboxDrafts)
      .values({
        componentAppid,
        userVersion,
        userDesc: input.userDesc,
        sourceMiniprogramAppid: sourceAppid,
        sourceMiniprogram: input.sourceMiniprogram ?? "沙盒开发小程序",
        developer: input.developer ?? "sandbox-developer",
        pages: [...new Set(input.pages)],
      })
      .returning();
    await setDraftPrivacyApis(row!.draftId, input.privacyApis ?? [], tx);
    return row!;
  });
}

/** The platform's drafts, oldest first. */
export async function listDrafts(componentAppid: string): Promise<DraftRow[]> {
  return db.select().from(sandboxDrafts).where(eq(sandboxDrafts.componentAppid, componentAppid)).orderBy(sandboxDrafts.draftId);
}
