import "server-only";
import { fail } from "../errors";
import type { SandboxCategory } from "../types";

/**
 * submit_audit body rules (reference §4.2). Pure checks: the route runs them after the state checks, because
 * 85007 needs the trial's pages and 85008 the authorizer's categories.
 */

// Limits are counted in characters, not bytes: tags and titles are mostly Chinese.
const chars = (s: string) => [...s].length;
const isBlank = (v: unknown) => v === undefined || v === null || v === "";

/** `item_list` is optional (community: may be omitted); when present it must be a real JSON array. */
export function readItemList(body: Record<string, unknown>): unknown[] | undefined {
  const list = body.item_list;
  if (list === undefined || list === null) return undefined;
  // Sending the list JSON-encoded as a string is a common client mistake; the platform answers 47001 (community).
  if (!Array.isArray(list)) fail(47001, "data format error");
  return list as unknown[];
}

/** Optional string fields of the body: a wrong type is 47001; too long → 85051 "data too large" (assump.). */
export function checkOptionalText(body: Record<string, unknown>) {
  for (const key of ["feedback_info", "feedback_stuff", "version_desc", "order_path"]) {
    if (!isBlank(body[key]) && typeof body[key] !== "string") fail(47001, "data format error");
  }
  // feedback_info ≤ 200 characters (reference §4.2); the documents name no code for it (assump.: 85051).
  if (typeof body.feedback_info === "string" && chars(body.feedback_info) > 200) fail(85051, "data too large");
  // feedback_stuff: at most 5 `|`-separated media ids (reference §4.2; code assump.: 47001).
  if (typeof body.feedback_stuff === "string" && body.feedback_stuff.split("|").filter(Boolean).length > 5) fail(47001, "data format error");
}

/** Ids arrive as numbers, or as digit strings from clients that stringify everything (like the commit example). */
function id(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function matchesCategory(item: Record<string, unknown>, c: SandboxCategory): boolean {
  if (id(item.first_id) !== c.first_id || id(item.second_id) !== c.second_id) return false;
  if (item.first_class !== c.first_class || item.second_class !== c.second_class) return false;
  // The third level is optional in the item; when given it must be the category's own.
  if (!isBlank(item.third_id) && id(item.third_id) !== c.third_id) return false;
  if (!isBlank(item.third_class) && item.third_class !== c.third_class) return false;
  return true;
}

function checkItem(raw: unknown, pages: string[], categories: SandboxCategory[]) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || Object.values(raw).every(isBlank)) {
    fail(85010, "item list has empty item");
  }
  const item = raw as Record<string, unknown>;
  if (!isBlank(item.tag)) {
    if (typeof item.tag !== "string") fail(85006, "tag format error");
    const tags = (item.tag as string).split(/\s+/).filter(Boolean);
    if (tags.length > 10 || tags.some((t) => chars(t) > 20)) fail(85006, "tag format error");
  }
  if (!isBlank(item.title) && (typeof item.title !== "string" || chars(item.title) > 32)) fail(85011, "title format error");
  // The address must be a page of the committed code, exactly as get_page lists it (assump.: no normalisation).
  if (!isBlank(item.address) && (typeof item.address !== "string" || !pages.includes(item.address))) {
    fail(85007, "page path error");
  }
  if (!categories.some((c) => matchesCategory(item, c))) fail(85008, "category is in invalid format");
}

export function checkItems(list: unknown[], pages: string[], categories: SandboxCategory[]) {
  if (list.length < 1 || list.length > 5) fail(85023, "item size is not in 1-5");
  for (const item of list) checkItem(item, pages, categories);
}

/**
 * `preview_info` `{video_id_list[], pic_id_list[]}` (reference §4.2): media ids from /wxa/uploadmedia. Anything but
 * that shape is 85092; more than 5 pictures or 1 video is 85093 (assump.: the documents name the code, not the limits).
 * Returns the ids per list, for the route to check they are this mini-program's live media of the right kind.
 */
export const PREVIEW_LIMITS = { pic: 5, video: 1 } as const;

export function readPreviewInfo(body: Record<string, unknown>): { pics: string[]; videos: string[] } | undefined {
  const info = body.preview_info;
  if (info === undefined || info === null) return undefined;
  if (typeof info !== "object" || Array.isArray(info)) fail(85092, "preview_info format error");
  const list = (key: string): string[] => {
    const value = (info as Record<string, unknown>)[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((id) => typeof id !== "string" || id === "")) fail(85092, "preview_info format error");
    return value as string[];
  };
  const pics = list("pic_id_list");
  const videos = list("video_id_list");
  if (pics.length > PREVIEW_LIMITS.pic || videos.length > PREVIEW_LIMITS.video) fail(85093, "preview_info video or pic count exceeds limit");
  return { pics, videos };
}
