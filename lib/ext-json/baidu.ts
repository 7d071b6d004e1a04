import type { JsonNode, JsonProp } from "./parse";

/**
 * The checks of a Baidu smart program's ext_json (package/upload). Baidu's document gives a shorter list than
 * WeChat's: `extEnable` (required: true merges the ext_json with the template, false ignores it), `extAppid` (the
 * smart program's id; the table says int, the example writes a string of digits: both are accepted), `directCommit`
 * (the table says string, the example writes a boolean: both accepted), and the app.json parts a template may carry:
 * `ext`, `extPages`, `window`, `tabBar`, `networkTimeout`. Anything else is refused as a likely typo. Baidu's
 * document names no error numbers for these mistakes, so the issues carry no platform code. Pure, like rules.ts.
 */

export const BAIDU_KEYS = ["extEnable", "extAppid", "directCommit", "ext", "extPages", "window", "tabBar", "networkTimeout"] as const;

const OBJECT_KEYS = new Set(["ext", "extPages", "window", "tabBar", "networkTimeout"]);

type Add = (key: string, at: { from: number; to: number }, values?: Record<string, string>) => void;

/** Checks the root object of a Baidu ext_json; `add` records an issue where it sits. */
export function checkBaiduRoot(root: Extract<JsonNode, { type: "object" }>, add: Add): void {
  const seen = new Map<string, JsonProp>();
  for (const prop of root.props) {
    const at = { from: prop.keyFrom, to: prop.keyTo };
    if (seen.has(prop.key)) add("duplicateKey", at, { key: prop.key });
    seen.set(prop.key, prop);
    if (!(BAIDU_KEYS as readonly string[]).includes(prop.key)) add("baiduUnknownKey", at, { key: prop.key, allowed: BAIDU_KEYS.join(", ") });
    const v = prop.value;
    if (OBJECT_KEYS.has(prop.key) && v.type !== "object") add("mustBeObject", v, { key: prop.key });
    if (prop.key === "extEnable" && v.type !== "boolean") add("mustBeBoolean", v, { key: prop.key });
    if (prop.key === "directCommit" && v.type !== "boolean" && !(v.type === "string" && (v.value === "true" || v.value === "false"))) {
      add("mustBeBoolean", v, { key: prop.key });
    }
    if (prop.key === "extAppid" && !isAppid(v)) add("baiduAppid", v, { key: prop.key });
  }
  // The brace that opens the object is where a missing key is shown.
  if (!seen.has("extEnable")) add("baiduExtEnableMissing", { from: root.from, to: root.from + 1 });

  const extPages = seen.get("extPages")?.value;
  if (extPages?.type === "object") {
    for (const p of extPages.props) if (p.value.type !== "object") add("extPageNotObject", p.value, { page: p.key });
  }
  const timeouts = seen.get("networkTimeout")?.value;
  if (timeouts?.type === "object") {
    for (const p of timeouts.props) if (p.value.type !== "number" || p.value.value < 0) add("baiduTimeoutNotNumber", p.value, { key: `networkTimeout.${p.key}` });
  }
  const tabBar = seen.get("tabBar")?.value;
  const list = tabBar?.type === "object" ? tabBar.props.findLast((p) => p.key === "list")?.value : undefined;
  if (list && list.type !== "array") add("mustBeArray", list, { key: "tabBar.list" });
  if (list?.type === "array") {
    for (const item of list.items) {
      const path = item.type === "object" ? item.props.findLast((p) => p.key === "pagePath")?.value : undefined;
      if (!path || path.type !== "string" || path.value === "") add("tabBarPathMissing", path ?? item);
    }
  }
}

/** A smart program's id: a positive integer, as a number or a string of digits (both forms appear in the document). */
function isAppid(v: JsonNode): boolean {
  if (v.type === "number") return Number.isInteger(v.value) && v.value > 0;
  return v.type === "string" && /^[1-9]\d*$/.test(v.value);
}
