/**
 * A tenant's custom variables (key → value), rendered into its ext_json beside the built-in ones. Pure: the editor
 * checks as the operator types, the server checks again before saving. Problems are named, translated where shown
 * (tenant.variables.errors.<problem>).
 */

/** Filled in from the tenant itself at render time; a custom variable may not take their names. */
export const BUILTIN_VARIABLES = ["appid", "nickname", "principal_name", "original_id"] as const;
export const VARIABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
export const MAX_VARIABLES = 50;
export const MAX_VARIABLE_VALUE = 1000;

export type VariableRow = { key: string; value: string };
export type VariableProblem =
  | { problem: "tooMany"; index: null; max: number }
  | { problem: "keyFormat" | "builtin" | "duplicate"; index: number; key: string }
  | { problem: "valueTooLong"; index: number; key: string; max: number };

/** Every problem of the list, in row order (the list as a whole first). */
export function checkVariables(rows: readonly VariableRow[]): VariableProblem[] {
  const out: VariableProblem[] = [];
  if (rows.length > MAX_VARIABLES) out.push({ problem: "tooMany", index: null, max: MAX_VARIABLES });
  const seen = new Set<string>();
  rows.forEach(({ key, value }, index) => {
    if (!VARIABLE_KEY.test(key)) out.push({ problem: "keyFormat", index, key });
    else if ((BUILTIN_VARIABLES as readonly string[]).includes(key)) out.push({ problem: "builtin", index, key });
    else if (seen.has(key)) out.push({ problem: "duplicate", index, key });
    seen.add(key);
    if (value.length > MAX_VARIABLE_VALUE) out.push({ problem: "valueTooLong", index, key, max: MAX_VARIABLE_VALUE });
  });
  return out;
}
