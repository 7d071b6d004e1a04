/**
 * What the platform builds from a template's app.json and an ext_json (seed 001: "除了 pages 和 tabBar.list 直接覆盖原
 * 配置,其他都为插入或同级覆盖"; seed 002 names each key). Pure: the preview shows it.
 * - replaced as a whole: ext, pages, tabBar.list, and (seed 002) customOpen, functionPages, subPackages,
 *   navigateToMiniProgramAppIdList, plugins, requiredPrivateInfos;
 * - merged at the same level (each member overwritten or inserted): window, networkTimeout, tabBar (but its list);
 * - extPages: merged at the same level into each page's page.json, never into app.json;
 * - anything else (extAppid, extEnable…): inserted or overwritten.
 */

type Json = Record<string, unknown>;

export const REPLACED_KEYS = new Set([
  "ext",
  "pages",
  "customOpen",
  "functionPages",
  "subPackages",
  "navigateToMiniProgramAppIdList",
  "plugins",
  "requiredPrivateInfos",
]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export type MergeResult = { appJson: Json; pageJsons: Record<string, Json> };

export function mergeExtJson(appJson: Json, extJson: Json, pageJsons: Record<string, Json> = {}): MergeResult {
  const app: Json = { ...appJson };
  const pages: Record<string, Json> = { ...pageJsons };
  for (const [key, value] of Object.entries(extJson)) {
    if (key === "extPages") {
      if (!isObject(value)) continue;
      for (const [page, config] of Object.entries(value)) if (isObject(config)) pages[page] = { ...(pages[page] ?? {}), ...config };
    } else if (REPLACED_KEYS.has(key) || !isObject(value)) app[key] = value;
    // One level only: tabBar's `list` is one member, so it is replaced as a whole, as seed 001 says.
    else app[key] = { ...(isObject(app[key]) ? app[key] : {}), ...value };
  }
  return { appJson: app, pageJsons: pages };
}
