/**
 * Fixed data the simulated authorization page shows. Pure (no server imports): the page's client components use it
 * too. Display names live in the message catalogs (`sandboxAuthorize.permission.p<id>`, `…category.c<secondId>`).
 */
import type { SandboxCategory } from "./types";

/**
 * Permission sets (权限集) with a name in the catalogs. Others are shown by number: the platform adds sets over
 * time and a category_id_list may name any of them.
 */
export const NAMED_PERMISSION_SETS = [3, 17, 18, 19, 25, 30, 31, 37, 40, 49, 52] as const;
export type NamedPermissionSet = (typeof NAMED_PERMISSION_SETS)[number];
export const isNamedPermissionSet = (id: number): id is NamedPermissionSet =>
  (NAMED_PERMISSION_SETS as readonly number[]).includes(id);

/**
 * Categories a new sandbox mini-program can be registered with (get_category answers them later). Ids as seen in
 * public platform samples where known; the sandbox never checks them against the real category tree.
 */
export const SANDBOX_CATEGORY_OPTIONS: readonly SandboxCategory[] = [
  { first_class: "工具", second_class: "效率", first_id: 287, second_id: 616 },
  { first_class: "工具", second_class: "信息查询", first_id: 287, second_id: 612 },
  { first_class: "商业服务", second_class: "会展服务", first_id: 150, second_id: 652 },
  { first_class: "餐饮", second_class: "点评与推荐", first_id: 220, second_id: 221 },
  { first_class: "旅游", second_class: "旅游攻略", first_id: 231, second_id: 640 },
  { first_class: "教育", second_class: "在线教育", first_id: 8, second_id: 38 },
  { first_class: "商家自营", second_class: "百货", first_id: 304, second_id: 305 },
];

export const categoryBySecondId = (secondId: number) => SANDBOX_CATEGORY_OPTIONS.find((c) => c.second_id === secondId);

/** A mini-program may hold at most five categories. */
export const MAX_CATEGORIES = 5;
/** The platform's limits on a mini-program name (4–30 characters; the sandbox accepts 1–30). */
export const MAX_NICKNAME = 30;
export const MAX_PRINCIPAL = 60;
/** How many mini-programs the page lists at once; a search narrows a platform with thousands. */
export const SEARCH_LIMIT = 50;
