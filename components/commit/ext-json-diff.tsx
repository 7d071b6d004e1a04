"use client";

import { useEffect, useRef } from "react";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { json } from "@codemirror/lang-json";
import { MergeView } from "@codemirror/merge";

/** Last committed ext_json (left) against this one (right), read-only; loaded lazily with the editor. */
export default function ExtJsonDiff({ before, after, labels }: { before: string; after: string; labels: { before: string; after: string } }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const readOnly = [json(), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping];
    const view = new MergeView({ a: { doc: before, extensions: readOnly }, b: { doc: after, extensions: readOnly }, parent: host.current, collapseUnchanged: { margin: 2 } });
    return () => view.destroy();
  }, [before, after]);
  return (
    <div className="grid gap-1">
      <div className="grid grid-cols-2 text-xs text-muted-foreground">
        <span>{labels.before}</span>
        <span>{labels.after}</span>
      </div>
      <div ref={host} className="max-h-96 overflow-auto rounded-md border border-input text-sm" />
    </div>
  );
}
