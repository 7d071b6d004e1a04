"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { mergeExtJson } from "@/lib/ext-json/merge";
import type { LastCommit } from "./types";

const ExtJsonDiff = dynamic(() => import("./ext-json-diff"), { ssr: false, loading: () => <Skeleton className="h-40 w-full" /> });

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const prettyText = (text: string) => {
  try {
    return pretty(JSON.parse(text));
  } catch {
    return text;
  }
};

/** What is sent, how it differs from the last commit, and what the platform builds from it (seeds 001/002). */
export function CommitPreview({ value, templatePages, last }: { value: Record<string, unknown> | null; templatePages: string[] | null; last: LastCommit | null }) {
  const t = useTranslations("commit.preview");
  const [diffOpen, setDiffOpen] = useState(false);
  if (!value) return <p className="text-sm text-muted-foreground">{t("fixFirst")}</p>;
  // The console knows at most the template's page list, never the rest of its app.json.
  const merged = mergeExtJson(templatePages ? { pages: templatePages } : {}, value);
  const rendered = pretty(value);
  return (
    <div className="grid gap-4">
      <section className="grid gap-1" aria-labelledby="preview-rendered">
        <h3 id="preview-rendered" className="text-sm font-medium">
          {t("rendered")}
        </h3>
        <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs" data-testid="ext-json-rendered">
          {rendered}
        </pre>
      </section>
      <section className="grid gap-1" aria-labelledby="preview-diff">
        <h3 id="preview-diff" className="text-sm font-medium">
          {t("diff")}
        </h3>
        {last ? (
          // The merge view is CodeMirror too: fetched only when the operator opens the comparison.
          <details className="rounded-md border border-border p-2" onToggle={(e) => setDiffOpen((e.target as HTMLDetailsElement).open)}>
            <summary className="cursor-pointer text-sm">{t("showDiff", { version: last.userVersion })}</summary>
            {diffOpen ? (
              <div className="mt-2">
                <ExtJsonDiff before={prettyText(last.extJson)} after={rendered} labels={{ before: `${t("previous")} · ${last.userVersion}`, after: t("current") }} />
              </div>
            ) : null}
          </details>
        ) : (
          <p className="text-sm text-muted-foreground">{t("noPrevious")}</p>
        )}
      </section>
      <section className="grid gap-1" aria-labelledby="preview-merged">
        <h3 id="preview-merged" className="text-sm font-medium">
          {t("merged")}
        </h3>
        <p className="text-xs text-muted-foreground">{templatePages ? t("mergedPagesOnly") : t("mergedUnknownBase")}</p>
        <p className="text-xs text-muted-foreground">{t("mergeRule")}</p>
        <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 text-xs">{pretty(merged.appJson)}</pre>
        {Object.keys(merged.pageJsons).length > 0 ? (
          <>
            <h4 className="text-xs font-medium">{t("pageJsons")}</h4>
            <pre className="max-h-60 overflow-auto rounded-md bg-muted p-3 text-xs">{pretty(merged.pageJsons)}</pre>
          </>
        ) : null}
      </section>
    </div>
  );
}
