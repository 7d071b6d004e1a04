import { lineColumn } from "./parse";
import { renderExtJson } from "./render";
import { checkExtJson, type CheckContext, type ExtJsonIssue } from "./rules";

export type Prepared =
  | { ok: true; /** The compact JSON string the platform is sent. */ extJson: string; value: Record<string, unknown>; issues: [] }
  | { ok: false; issues: ExtJsonIssue[] };

/**
 * Render the variables, then check the result; every issue points at the text the operator typed. The one path from
 * an editor text to what commit sends, for the editor's lint, the preview and the server alike.
 */
export function prepareExtJson(source: string, variables: Record<string, string>, context: CheckContext = {}): Prepared {
  const rendered = renderExtJson(source, variables);
  const checked = checkExtJson(rendered.text, context);
  const unknown = rendered.issues;
  // A placeholder left unrendered may also break the JSON around it: that is the same mistake, reported once.
  const insideUnknown = (at: number) => unknown.some((u) => at >= u.from && at <= u.to);
  const mapped = checked.issues
    .map((issue) => {
      const from = rendered.toSource(issue.from);
      const to = Math.max(from, rendered.toSource(issue.to));
      return { ...issue, from, to, ...lineColumn(source, from) };
    })
    .filter((issue) => !insideUnknown(issue.from));
  const issues = [...unknown, ...mapped].sort((a, b) => a.from - b.from);
  if (issues.length > 0 || !checked.value) return { ok: false, issues };
  return { ok: true, extJson: JSON.stringify(checked.value), value: checked.value, issues: [] };
}
