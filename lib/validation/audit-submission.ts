import { z } from "zod";
import type { AuditSubmission, Category } from "@/lib/platforms/port";
import { charCount } from "@/lib/platforms/wechat/schemas/common";
import {
  FEEDBACK_INFO_MAX_CHARS,
  FEEDBACK_STUFF_MAX,
  ITEM_LIST_MAX,
  TAG_MAX_CHARS,
  TAGS_MAX,
  TITLE_MAX_CHARS,
  UGC_TEXT_MAX_CHARS,
} from "@/lib/platforms/wechat/schemas/audit";

export { charCount };

/**
 * The audit builder's draft (what the form holds and the submit action receives) and its checks. Pure: the form
 * checks as the operator types, the server checks again before any call (lib/console/audit-submit.ts), with the same
 * rules. The limits are the platform's documented ones (lib/platforms/wechat/schemas/audit.ts, each naming the
 * errcode it avoids), so a submission never spends a monthly audit quota on a refusal we could have seen.
 */

export const AUDIT_LIMITS = {
  items: ITEM_LIST_MAX,
  tags: TAGS_MAX,
  tagChars: TAG_MAX_CHARS,
  titleChars: TITLE_MAX_CHARS,
  feedbackChars: FEEDBACK_INFO_MAX_CHARS,
  feedbackMedia: FEEDBACK_STUFF_MAX,
  ugcTextChars: UGC_TEXT_MAX_CHARS,
} as const;

/** ugc_declare's documented codes, in the order the form lists them (words: audit.ugc.scenes.<n> / methods.<n>). */
export const UGC_SCENES = [0, 1, 2, 3, 4, 5] as const;
export const UGC_METHODS = [1, 2, 3, 4] as const;

const level = z.object({ id: z.number().int().min(0), name: z.string().min(1) });
export const categorySchema = z.object({ first: level, second: level, third: level.nullable() });

const text = z.string().default("");
export const auditItemDraft = z.object({ page: text, category: categorySchema.nullable(), tags: text, title: text });
export type AuditItemDraft = z.output<typeof auditItemDraft>;

export const auditDraftSchema = z.object({
  items: z.array(auditItemDraft).max(20),
  versionDesc: text,
  orderPath: text,
  feedbackInfo: text,
  feedbackMedia: z.array(z.string().min(1)).default([]),
  previewPictures: z.array(z.string().min(1)).default([]),
  previewVideos: z.array(z.string().min(1)).default([]),
  ugc: z
    .object({
      scenes: z.array(z.literal(UGC_SCENES)),
      otherSceneDesc: text,
      methods: z.array(z.literal(UGC_METHODS)),
      hasAuditTeam: z.boolean().default(false),
      auditDesc: text,
    })
    .nullable()
    .default(null),
  privacyApiNotUse: z.boolean().default(false),
});
export type AuditDraft = z.output<typeof auditDraftSchema>;

export const emptyItem = (): AuditItemDraft => ({ page: "", category: null, tags: "", title: "" });
export const emptyDraft = (): AuditDraft => ({
  items: [emptyItem()],
  versionDesc: "",
  orderPath: "",
  feedbackInfo: "",
  feedbackMedia: [],
  previewPictures: [],
  previewVideos: [],
  ugc: null,
  privacyApiNotUse: false,
});

/** What is wrong with one field: the rule broken and its limit (shown as text by the form, as a validation key by the server). */
export type DraftIssue = { rule: "required" | "tooLong" | "tooMany" | "tooFew"; limit?: number };
export type DraftIssues = Record<string, DraftIssue>;

export const splitTags = (tags: string) => tags.split(/\s+/).filter(Boolean);

export function tagsIssue(tags: string): DraftIssue | null {
  const list = splitTags(tags);
  if (list.length > TAGS_MAX) return { rule: "tooMany", limit: TAGS_MAX };
  if (list.some((tag) => charCount(tag) > TAG_MAX_CHARS)) return { rule: "tooLong", limit: TAG_MAX_CHARS };
  return null;
}

export const titleIssue = (title: string): DraftIssue | null => (charCount(title.trim()) > TITLE_MAX_CHARS ? { rule: "tooLong", limit: TITLE_MAX_CHARS } : null);

const tooLong = (value: string, limit: number): DraftIssue | null => (charCount(value.trim()) > limit ? { rule: "tooLong", limit } : null);

/** Every problem of a draft, keyed by the field's dotted path (`items.0.title`); empty when it may be submitted. */
export function draftIssues(draft: AuditDraft): DraftIssues {
  const issues: DraftIssues = {};
  const add = (path: string, issue: DraftIssue | null) => {
    if (issue) issues[path] = issue;
  };
  if (draft.items.length < 1) add("items", { rule: "tooFew", limit: 1 });
  if (draft.items.length > ITEM_LIST_MAX) add("items", { rule: "tooMany", limit: ITEM_LIST_MAX });
  draft.items.forEach((item, i) => {
    if (!item.category) add(`items.${i}.category`, { rule: "required" });
    add(`items.${i}.tags`, tagsIssue(item.tags));
    add(`items.${i}.title`, titleIssue(item.title));
  });
  add("feedbackInfo", tooLong(draft.feedbackInfo, FEEDBACK_INFO_MAX_CHARS));
  if (draft.feedbackMedia.length > FEEDBACK_STUFF_MAX) add("feedbackMedia", { rule: "tooMany", limit: FEEDBACK_STUFF_MAX });
  if (draft.ugc) {
    add("ugc.otherSceneDesc", tooLong(draft.ugc.otherSceneDesc, UGC_TEXT_MAX_CHARS));
    add("ugc.auditDesc", tooLong(draft.ugc.auditDesc, UGC_TEXT_MAX_CHARS));
  }
  return issues;
}

const orNull = (value: string) => value.trim() || null;

/** The draft as the port's submission (call after draftIssues found nothing). */
export function submissionOf(draft: AuditDraft): AuditSubmission {
  return {
    items: draft.items.map((item) => ({
      page: orNull(item.page),
      category: item.category as Category,
      tags: splitTags(item.tags),
      title: orNull(item.title),
    })),
    versionDesc: orNull(draft.versionDesc),
    orderPath: orNull(draft.orderPath),
    feedbackInfo: orNull(draft.feedbackInfo),
    feedbackMedia: draft.feedbackMedia,
    previewPictures: draft.previewPictures,
    previewVideos: draft.previewVideos,
    ugc: draft.ugc
      ? {
          scenes: draft.ugc.scenes,
          otherSceneDesc: orNull(draft.ugc.otherSceneDesc),
          methods: draft.ugc.methods,
          hasAuditTeam: draft.ugc.hasAuditTeam,
          auditDesc: orNull(draft.ugc.auditDesc),
        }
      : null,
    privacyApiNotUse: draft.privacyApiNotUse,
  };
}

/** The key two categories are told apart by in pickers and profiles (ids, since names may repeat across levels). */
export const categoryKey = (c: Category) => [c.first.id, c.second.id, c.third?.id ?? ""].join("/");
