"use client";

import { useMemo } from "react";
import CodeMirror from "@uiw/react-codemirror";
import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import { json } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import { BAIDU_KEYS } from "@/lib/ext-json/baidu";
import { ALLOWED_KEYS, LOCATION_APIS } from "@/lib/ext-json/rules";

export type EditorIssue = { from: number; to: number; message: string };

/**
 * The ext_json editor: CodeMirror 6 with JSON highlighting, the console's own checks as lint (the same issues the
 * form lists and the server enforces) and completion of the keys, variables and location API names. Heavy, so the
 * Code page loads it with next/dynamic and no other page pays for it.
 */
export default function ExtJsonEditor({
  id,
  value,
  onChange,
  check,
  variables,
  readOnly,
  label,
  describedBy,
  platform = "wechat",
}: {
  /** Whose keys to complete: WeChat's (with the location API names) or a Baidu smart program's. */
  platform?: "wechat" | "baidu";
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The same checks the form lists, run by the linter on the editor's own text. Keep it stable (useCallback). */
  check: (text: string) => EditorIssue[];
  variables: string[];
  readOnly?: boolean;
  /** The editable area is a contenteditable, which a <label> cannot name: it gets the label's text instead. */
  label: string;
  describedBy?: string;
}) {
  const extensions = useMemo(() => {
    const lint = linter(
      (view) =>
        check(view.state.doc.toString()).map<Diagnostic>((issue) => ({
          from: Math.min(issue.from, view.state.doc.length),
          to: Math.min(Math.max(issue.to, issue.from), view.state.doc.length),
          severity: "error",
          message: issue.message,
        })),
      { delay: 200 },
    );
    const complete = (context: CompletionContext) => {
      const variable = context.matchBefore(/\{\{\s*[\w.-]*/);
      if (variable) {
        return { from: variable.from, options: variables.map((name) => ({ label: `{{${name}}}`, type: "variable" })) };
      }
      const word = context.matchBefore(/"[\w]*/);
      if (!word && !context.explicit) return null;
      return {
        from: word ? word.from + 1 : context.pos,
        options:
          platform === "baidu"
            ? BAIDU_KEYS.map((key) => ({ label: key, type: "property" }))
            : [
                ...ALLOWED_KEYS.map((key) => ({ label: key, type: "property" })),
                ...LOCATION_APIS.map((api) => ({ label: api, type: "constant", detail: "requiredPrivateInfos" })),
              ],
      };
    };
    const aria = EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}) });
    return [json(), lintGutter(), lint, autocompletion({ override: [complete] }), aria];
  }, [check, variables, label, describedBy, platform]);

  return (
    <CodeMirror
      id={id}
      value={value}
      onChange={onChange}
      extensions={extensions}
      readOnly={readOnly}
      editable={!readOnly}
      height="22rem"
      // Completion is ours (keys, variables, location APIs), not the default word list.
      basicSetup={{ foldGutter: true, lineNumbers: true, highlightActiveLine: true, autocompletion: false }}
      className="overflow-hidden rounded-md border border-input text-sm"
    />
  );
}
