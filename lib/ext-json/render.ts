import { lineColumn } from "./parse";
import type { ExtJsonIssue } from "./rules";

/**
 * `{{variable}}` rendering of an ext_json text for one tenant. Pure: the editor previews with it, the server renders
 * again before committing. Inside a JSON string a value is written as string content (quotes, backslashes and line
 * breaks escaped), elsewhere as a whole JSON string, so a rendered text stays valid JSON whatever the value holds.
 * Escaped values never contain a line break, so an issue found in the rendered text keeps its line; `toSource` maps
 * an offset of the rendered text back to the text the operator typed.
 */

export const BUILTIN_VARIABLES = ["appid", "nickname", "principal_name", "original_id"] as const;
export type BuiltinVariable = (typeof BUILTIN_VARIABLES)[number];

/** What the built-in variables are read from: the tenant as onboarding stored it. */
export type TenantFacts = { appid: string; nickname: string; principalName: string; originalId: string | null; variables?: Record<string, string> };

/** Variable names: letters, digits, `_`, `-` and `.`, starting with a letter or `_`. Custom variables follow it too. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Built-ins first (a custom variable cannot change what {{appid}} means), then the tenant's own. */
export function variablesOf(tenant: TenantFacts): Record<string, string> {
  const builtin: Record<BuiltinVariable, string> = {
    appid: tenant.appid,
    nickname: tenant.nickname,
    principal_name: tenant.principalName,
    original_id: tenant.originalId ?? "",
  };
  return { ...(tenant.variables ?? {}), ...builtin };
}

type Replacement = { srcFrom: number; srcTo: number; outFrom: number; outTo: number };
export type RenderResult = { text: string; issues: ExtJsonIssue[]; toSource: (offset: number) => number; used: string[] };

/** Which placeholders sit inside a JSON string: a lexer pass that only follows quotes and escapes. */
function stringRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (start >= 0) {
      if (c === "\\") i++;
      else if (c === '"') {
        out.push([start, i]);
        start = -1;
      }
    } else if (c === '"') start = i;
  }
  if (start >= 0) out.push([start, text.length]);
  return out;
}

export function renderExtJson(source: string, variables: Record<string, string>): RenderResult {
  const strings = stringRanges(source);
  const inString = (at: number) => strings.some(([a, b]) => at > a && at < b);
  const issues: ExtJsonIssue[] = [];
  const replacements: Replacement[] = [];
  const used = new Set<string>();
  let text = "";
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    const from = m.index;
    const to = from + m[0].length;
    const name = m[1]!;
    text += source.slice(last, from);
    last = to;
    if (!Object.hasOwn(variables, name)) {
      issues.push({ key: "unknownVariable", values: { name }, from, to, ...lineColumn(source, from) });
      text += m[0];
      continue;
    }
    used.add(name);
    const quoted = JSON.stringify(variables[name]);
    const value = inString(from) ? quoted.slice(1, -1) : quoted;
    replacements.push({ srcFrom: from, srcTo: to, outFrom: text.length, outTo: text.length + value.length });
    text += value;
  }
  text += source.slice(last);

  const toSource = (offset: number) => {
    let shift = 0;
    for (const r of replacements) {
      if (offset < r.outFrom) break;
      if (offset < r.outTo) return r.srcFrom;
      shift = r.srcTo - r.outTo;
    }
    return offset + shift;
  };
  return { text, issues, toSource, used: [...used] };
}
