import { prepareExtJson } from "@/lib/ext-json/prepare";
import type { ExtJsonIssue } from "@/lib/ext-json/rules";
import type { Platform } from "@/lib/vocab";

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/**
 * The wizard's ext_json checked by the rules of each platform the selection holds (lib/ext-json: WeChat's keys, or
 * Baidu's, which require `extEnable`), before any preflight. Every `{{variable}}` stands in as "1" (digits: a valid
 * extAppid on Baidu) because the tenants' values are not known here: a variable a tenant lacks is the preflight's
 * per-tenant finding (variableMissing). Pure.
 */
export function extJsonIssues(text: string, platforms: readonly Platform[]): { platform: Platform; issues: ExtJsonIssue[] }[] {
  const sample = Object.fromEntries([...text.matchAll(PLACEHOLDER)].map((m) => [m[1]!, "1"]));
  return [...new Set(platforms)]
    .map((platform) => {
      const prepared = prepareExtJson(text, sample, { platform });
      return { platform, issues: prepared.ok ? [] : prepared.issues };
    })
    .filter((p) => p.issues.length > 0);
}
