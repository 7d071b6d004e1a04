import { baiduFail } from "../errors";

/**
 * The upload's `ext_json`. The seed calls it a string in the parameter table and "json" in the text; both are
 * accepted (a JSON text, or an object inside a JSON body). `extEnable` (boolean) is required; `extAppid` is typed int
 * with a string example, so a number or a string of digits is accepted, and when extEnable is true it must name the
 * uploading smart program (emulator choice: the platform builds that program's package). Returns the JSON text kept.
 */
const MAX_EXT_JSON = 65_536;

export function parseExtJson(raw: unknown, appId: number): string {
  let value: unknown = raw;
  if (raw === undefined || raw === null || raw === "") return baiduFail("invalidParam", "ext_json is required");
  if (typeof raw === "string") {
    if (raw.length > MAX_EXT_JSON) baiduFail("invalidParam", "ext_json is too long");
    try {
      value = JSON.parse(raw);
    } catch {
      baiduFail("invalidParam", "ext_json is not JSON");
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return baiduFail("invalidParam", "ext_json must be a JSON object");
  const ext = value as Record<string, unknown>;
  const enable = ext.extEnable === "true" ? true : ext.extEnable === "false" ? false : ext.extEnable;
  if (typeof enable !== "boolean") baiduFail("invalidParam", "ext_json.extEnable must be a boolean");
  if (enable) {
    const appid = ext.extAppid;
    const text = typeof appid === "number" ? String(appid) : typeof appid === "string" ? appid.trim() : "";
    if (!/^\d{1,15}$/.test(text)) baiduFail("invalidParam", "ext_json.extAppid is required");
    if (Number(text) !== appId) baiduFail("invalidParam", "ext_json.extAppid is not this smart program");
  }
  const text = JSON.stringify(ext);
  if (text.length > MAX_EXT_JSON) baiduFail("invalidParam", "ext_json is too long");
  return text;
}
