import { checkBaiduRoot } from "./baidu";
import { lineColumn, parseJson, toValue, type JsonNode, type JsonProp } from "./parse";

/**
 * The checks of a commit's ext_json, before anything is sent (WeChat reference §4.3; the commit documents: "ext_json
 * 补充说明" and the error table of seed 002, the merge rule of seed 001). Pure: the editor lints with it as you type
 * and the server runs it again before committing. Each issue is a catalog key (namespace `extJson.check`) with its
 * values, where it sits in the text, and the platform's errcode the same mistake would cost when there is one.
 */

/** The eight location APIs of the commit document's 表1: the only names requiredPrivateInfos accepts (85310). */
export const LOCATION_APIS = [
  "getFuzzyLocation",
  "getLocation",
  "onLocationChange",
  "startLocationUpdate",
  "startLocationUpdateBackground",
  "chooseLocation",
  "choosePoi",
  "chooseAddress",
] as const;

/**
 * 85311: approximate location excludes every precise-location API (the developer tools' wording: "'getFuzzyLocation'
 * 与 'getLocation'、'onLocationChange'、'startLocationUpdate'、'startLocationUpdateBackground' 互斥"). The choose*
 * pickers combine with either.
 */
export const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["getFuzzyLocation", "getLocation"],
  ["getFuzzyLocation", "onLocationChange"],
  ["getFuzzyLocation", "startLocationUpdate"],
  ["getFuzzyLocation", "startLocationUpdateBackground"],
];

/**
 * The top-level keys the documents name for ext_json: the special ones (extAppid, ext, extPages, sitemap), the app.json
 * keys it may carry (pages, window, networkTimeout, tabBar, subPackages, plugins, functionPages, customOpen,
 * navigateToMiniProgramAppIdList, requiredPrivateInfos) and the two used in practice (extEnable, directCommit).
 * Anything else is most often a typo (the document's own example writes `plugin`), so it is refused here.
 */
export const ALLOWED_KEYS = [
  "extEnable",
  "extAppid",
  "directCommit",
  "ext",
  "extPages",
  "pages",
  "window",
  "networkTimeout",
  "tabBar",
  "subPackages",
  "plugins",
  "functionPages",
  "customOpen",
  "navigateToMiniProgramAppIdList",
  "requiredPrivateInfos",
  "sitemap",
] as const;

/** A standard template (template_type 1) takes only these keys, else 9402203. */
export const STANDARD_KEYS: readonly string[] = ["extAppid", "ext", "window"];

// Keys app.json defines as objects: anything else cannot be merged "at the same level" (85013).
const OBJECT_KEYS = new Set(["ext", "extPages", "window", "networkTimeout", "tabBar", "plugins", "sitemap"]);
const BOOLEAN_KEYS = new Set(["extEnable", "directCommit"]);
const ARRAY_KEYS = new Set(["pages", "subPackages", "requiredPrivateInfos", "navigateToMiniProgramAppIdList"]);

export type ExtJsonIssue = {
  /** Catalog key under `extJson.check` (e.g. "unknownKey"). */
  key: string;
  values?: Record<string, string>;
  /** Platform errcode this mistake would be refused with, when the documents name one. */
  code?: number;
  from: number;
  to: number;
  line: number;
  column: number;
};

export type CheckContext = {
  /** Whose rules: WeChat's (default) or a Baidu smart program's (lib/ext-json/baidu.ts: its own keys, no platform codes). */
  platform?: "wechat" | "baidu";
  /** The template's kind; standard templates accept only extAppid/ext/window. */
  kind?: "standard" | "custom";
  /** The template's pages when the console knows them (templates.pages), else null: then `pages` is not compared. */
  templatePages?: readonly string[] | null;
};

export type CheckResult = { issues: ExtJsonIssue[]; value: Record<string, unknown> | null };

export function checkExtJson(text: string, context: CheckContext = {}): CheckResult {
  const issues: ExtJsonIssue[] = [];
  const add = (key: string, node: { from: number; to: number }, values?: Record<string, string>, code?: number) =>
    issues.push({ key, values, code, from: node.from, to: node.to, ...lineColumn(text, node.from) });

  // WeChat's errcodes for the mistakes both platforms share; Baidu's document names none.
  const wx = (code: number) => (context.platform === "baidu" ? undefined : code);
  if (text.trim() === "") {
    add("empty", { from: 0, to: 0 }, undefined, wx(85048));
    return { issues, value: null };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    add("parse", { from: parsed.offset, to: Math.min(parsed.offset + 1, text.length) }, undefined, wx(85048));
    return { issues, value: null };
  }
  const root = parsed.node;
  if (root.type !== "object") {
    add("notObject", root, undefined, wx(85013));
    return { issues, value: null };
  }

  if (context.platform === "baidu") {
    checkBaiduRoot(root, (key, at, values) => add(key, at, values));
    return { issues, value: toValue(root) as Record<string, unknown> };
  }

  const seen = new Map<string, JsonProp>();
  for (const prop of root.props) {
    const at = { from: prop.keyFrom, to: prop.keyTo };
    if (seen.has(prop.key)) add("duplicateKey", at, { key: prop.key });
    seen.set(prop.key, prop);
    if (context.kind === "standard" && !STANDARD_KEYS.includes(prop.key)) {
      add("standardKey", at, { key: prop.key, allowed: STANDARD_KEYS.join(", ") }, 9402203);
    } else if (!(ALLOWED_KEYS as readonly string[]).includes(prop.key)) {
      add("unknownKey", at, { key: prop.key }, 85013);
    }
    const v = prop.value;
    if (OBJECT_KEYS.has(prop.key) && v.type !== "object") add("mustBeObject", v, { key: prop.key }, 85013);
    if (ARRAY_KEYS.has(prop.key) && v.type !== "array") add("mustBeArray", v, { key: prop.key }, prop.key === "requiredPrivateInfos" ? 85310 : 85013);
    if (BOOLEAN_KEYS.has(prop.key) && v.type !== "boolean") add("mustBeBoolean", v, { key: prop.key });
    if (prop.key === "extAppid" && v.type !== "string") add("mustBeString", v, { key: prop.key }, 85013);
  }

  const known = context.templatePages ?? null;
  const pagesNode = seen.get("pages")?.value;
  let pages: string[] | null = known ? [...known] : null;
  if (pagesNode?.type === "array") {
    pages = [];
    if (pagesNode.items.length === 0) add("pagesEmpty", pagesNode, undefined, 85047);
    for (const item of pagesNode.items) {
      if (item.type !== "string") add("pageNotString", item, undefined, 85013);
      else if (known && !known.includes(item.value)) add("pageNotInTemplate", item, { page: item.value }, 85045);
      else pages.push(item.value);
    }
  }

  const extPages = seen.get("extPages")?.value;
  if (extPages?.type === "object") {
    for (const p of extPages.props) {
      if (p.value.type !== "object") add("extPageNotObject", p.value, { page: p.key }, 85013);
      if (known && !known.includes(p.key)) add("extPageNotInTemplate", { from: p.keyFrom, to: p.keyTo }, { page: p.key }, 85045);
    }
  }

  const tabBar = seen.get("tabBar")?.value;
  const list = tabBar?.type === "object" ? tabBar.props.findLast((p) => p.key === "list")?.value : undefined;
  if (list && list.type !== "array") add("mustBeArray", list, { key: "tabBar.list" }, 85013);
  if (list?.type === "array") {
    for (const item of list.items) {
      const path = item.type === "object" ? item.props.findLast((p) => p.key === "pagePath")?.value : undefined;
      if (!path || path.type !== "string" || path.value === "") add("tabBarPathMissing", path ?? item, undefined, 85046);
      else if (pages && !pages.includes(path.value)) add("tabBarPathNotInPages", path, { page: path.value }, 85045);
    }
  }

  const privacy = seen.get("requiredPrivateInfos")?.value;
  if (privacy?.type === "array") checkPrivateInfos(privacy, add);

  return { issues, value: toValue(root) as Record<string, unknown> };
}

function checkPrivateInfos(node: Extract<JsonNode, { type: "array" }>, add: (key: string, at: JsonNode, values?: Record<string, string>, code?: number) => void) {
  const names = new Map<string, JsonNode>();
  for (const item of node.items) {
    if (item.type !== "string" || !(LOCATION_APIS as readonly string[]).includes(item.value)) {
      add("privateInfoUnknown", item, { name: item.type === "string" ? item.value : JSON.stringify(toValue(item)), allowed: LOCATION_APIS.join(", ") }, 85310);
    } else if (!names.has(item.value)) names.set(item.value, item);
  }
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    const second = names.get(b);
    if (names.has(a) && second) add("privateInfoExclusive", second, { a, b }, 85311);
  }
}
