import "server-only";
import { fail } from "./errors";

/**
 * commit's `ext_json` (reference §4.3; seed 002 "ext_json补充说明" and its error table). Pure: no database, no clock.
 * `ext_json` arrives as a JSON *string* inside the JSON body (gotcha 7); this module parses and validates it against
 * the template being committed and throws the platform's errcode through fail().
 */

/** The eight location APIs of the commit document's 表1, the only names requiredPrivateInfos accepts (85310). */
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
export type LocationApi = (typeof LOCATION_APIS)[number];

/**
 * 85311 pairs. The reference gives "getFuzzyLocation vs getLocation" as its example; the developer tools spell out the
 * whole rule ("'getFuzzyLocation' 与 'getLocation'、'onLocationChange'、'startLocationUpdate'、
 * 'startLocationUpdateBackground' 互斥"): approximate location excludes every precise-location API. The choose* APIs
 * are user-driven pickers and combine with either.
 */
export const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [LocationApi, LocationApi]> = [
  ["getFuzzyLocation", "getLocation"],
  ["getFuzzyLocation", "onLocationChange"],
  ["getFuzzyLocation", "startLocationUpdate"],
  ["getFuzzyLocation", "startLocationUpdateBackground"],
];

/** A standard template (template_type 1) takes only these keys: `{"extAppid","ext","window"}`, else 9402203. */
export const STANDARD_TEMPLATE_KEYS: ReadonlySet<string> = new Set(["extAppid", "ext", "window"]);

// Keys whose value app.json defines as an object; another type cannot be merged ("同级覆盖") → 85013.
const OBJECT_KEYS = ["ext", "extPages", "window", "networkTimeout", "tabBar", "plugins", "sitemap"] as const;

export type TemplateShape = { templateType: number; pages: readonly string[] };
export type ParsedExtJson = {
  /** The parsed ext_json object, as given. */
  config: Record<string, unknown>;
  /** The trial's pages: the ext_json `pages` subset (plus declared sub-package pages) when given, else the template's. */
  pages: string[];
  requiredPrivateInfos: LocationApi[];
};

const ERR = {
  invalid: [85013, "invalid ext_json, parse fail or containing invalid path"],
  pathMissing: [85045, "some path in ext_json not exist"],
  tabBarPath: [85046, "pagepath missing in tabbar list"],
  pagesEmpty: [85047, "pages are empty"],
  parse: [85048, "parse ext_json fail"],
  // The document's 错误码取值 for 9402203 is Chinese; the platform answers it as written.
  standard: [9402203, "标准模板extjson错误"],
} as const satisfies Record<string, readonly [number, string]>;
const reject = ([code, msg]: readonly [number, string]): never => fail(code, msg);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

function parseObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return reject(ERR.parse);
  }
  // Valid JSON that is not an object (`[]`, `"x"`, `1`) cannot be merged into app.json (assump.: 85013, not 85048).
  if (!isObject(parsed)) return reject(ERR.invalid);
  return parsed;
}

/** `pages`: a subset of the template's pages only ("ext_json 中不可新增页面"); `[]` is 85047. */
function mainPages(config: Record<string, unknown>, template: TemplateShape): string[] | undefined {
  if (!("pages" in config)) return undefined;
  const pages = config.pages;
  if (!isStringArray(pages)) return reject(ERR.invalid);
  if (pages.length === 0) return reject(ERR.pagesEmpty);
  if (pages.some((p) => !template.pages.includes(p))) return reject(ERR.pathMissing);
  return [...new Set(pages)];
}

/**
 * `subPackages` (or the older `subpackages`): sub-packages and pages of the template only ("不可新增分包页面").
 * Sandbox templates list every page by its full path, so a sub-package page `root/page` must be one of them.
 */
function subPackagePages(config: Record<string, unknown>, template: TemplateShape): string[] {
  const value = config.subPackages ?? config.subpackages;
  if (value === undefined) return [];
  if (!Array.isArray(value)) return reject(ERR.invalid);
  const out: string[] = [];
  for (const pkg of value) {
    if (!isObject(pkg) || typeof pkg.root !== "string" || !isStringArray(pkg.pages)) return reject(ERR.invalid);
    const root = pkg.root.replace(/^\/+|\/+$/g, "");
    for (const page of pkg.pages) {
      const full = `${root}/${page.replace(/^\/+/, "")}`;
      if (!template.pages.includes(full)) return reject(ERR.pathMissing);
      out.push(full);
    }
  }
  return out;
}

/** tabBar is merged level by level; a `list` given here must name pages of the app (85046 without pagePath). */
function checkTabBar(tabBar: Record<string, unknown> | undefined, pages: readonly string[]) {
  if (!tabBar || tabBar.list === undefined) return;
  if (!Array.isArray(tabBar.list)) return reject(ERR.invalid);
  for (const item of tabBar.list) {
    if (!isObject(item) || typeof item.pagePath !== "string" || item.pagePath === "") return reject(ERR.tabBarPath);
    if (!pages.includes(item.pagePath)) return reject(ERR.pathMissing);
  }
}

/** 85310 for a non-array, a non-string or a name outside 表1; 85311 for an exclusive pair. */
export function checkRequiredPrivateInfos(value: unknown): LocationApi[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(85310, "requiredPrivateInfos is wrong API name");
  for (const name of value) {
    if (typeof name !== "string" || !(LOCATION_APIS as readonly string[]).includes(name)) {
      // The live text is the offending name followed by the document's 错误码取值 (assump. on the exact prefix).
      fail(85310, `${typeof name === "string" ? name : JSON.stringify(name)} is wrong API name`);
    }
  }
  const apis = [...new Set(value as LocationApi[])];
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    if (apis.includes(a) && apis.includes(b)) fail(85311, `${a} and ${b} is mutually exclusive`);
  }
  return apis;
}

/** Parses and validates `raw` for a commit of `template`. Throws the platform's errcode; returns the parsed result. */
export function parseExtJson(raw: string, template: TemplateShape): ParsedExtJson {
  const config = parseObject(raw);

  // Standard templates (deprecated, still documented) are checked first: any other key is 9402203.
  if (template.templateType === 1 && Object.keys(config).some((k) => !STANDARD_TEMPLATE_KEYS.has(k))) reject(ERR.standard);

  for (const key of OBJECT_KEYS) if (key in config && !isObject(config[key])) reject(ERR.invalid);
  if ("extAppid" in config && typeof config.extAppid !== "string") reject(ERR.invalid);
  // Unknown keys pass: "ext_json 中的参数可选,参数详见小程序配置" (any app.json key), and the document's own example
  // carries a `"plugin":{}` that the platform accepts.

  const main = mainPages(config, template);
  const sub = subPackagePages(config, template);
  // `pages` is replaced as a whole; the template's sub-package pages are then those ext_json declares (assump.).
  const pages = main ? [...new Set([...main, ...sub])] : [...template.pages];
  if (pages.length === 0) reject(ERR.pagesEmpty);

  // extPages: per-page overrides of pages that exist in the template's code ("ext_json 有不存在的路径" → 85045).
  const extPages = config.extPages as Record<string, unknown> | undefined;
  for (const [page, value] of Object.entries(extPages ?? {})) {
    if (!template.pages.includes(page)) reject(ERR.pathMissing);
    if (!isObject(value)) reject(ERR.invalid);
  }
  checkTabBar(config.tabBar as Record<string, unknown> | undefined, pages);

  return { config, pages, requiredPrivateInfos: checkRequiredPrivateInfos(config.requiredPrivateInfos) };
}

/**
 * The privacy scan that runs after a commit (get_code_privacy_info; submit_audit's 61040, seed 002). `used` is what the
 * code package calls (lib/sandbox/code-privacy.ts), `declared` the ext_json's requiredPrivateInfos:
 * - without_conf_list = used APIs not declared ("代码里使用了地理位置相关接口,但是又尚未在ext_json参数中配置");
 * - without_auth_list = used APIs the mini-program holds no permission for. (assump.) Every sandbox mini-program holds
 *   the location APIs except `startLocationUpdateBackground`, the one that needs a separate qualification (后台定位).
 * Names carry the `wx.` prefix, as in the document's example answer.
 */
export const PRIVACY_NOT_GRANTED: ReadonlySet<LocationApi> = new Set(["startLocationUpdateBackground"]);

export type PrivacyScan = { withoutAuth: string[]; withoutConf: string[] };

export function privacyScan(used: readonly LocationApi[], declared: readonly LocationApi[]): PrivacyScan {
  const ordered = LOCATION_APIS.filter((api) => used.includes(api));
  return {
    withoutAuth: ordered.filter((api) => PRIVACY_NOT_GRANTED.has(api)).map((api) => `wx.${api}`),
    withoutConf: ordered.filter((api) => !declared.includes(api)).map((api) => `wx.${api}`),
  };
}

/** 61040 applies when the scan found anything, unless the submission declares the APIs unused (privacy_api_not_use). */
export const privacyBlocksSubmit = (scan: PrivacyScan) => scan.withoutAuth.length > 0 || scan.withoutConf.length > 0;
