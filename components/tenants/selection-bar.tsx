"use client";

import { useTranslations } from "next-intl";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { FleetFilter } from "@/lib/jobs/params";
import { ActionsMenu } from "./actions-menu";
import { EMPTY, selectAllMatching, selectedCount, toJobSelection, type Selection } from "./selection";

/**
 * "N selected" under the list, sticky while scrolling: select all M matching (M counted on the server with the
 * filter), back to this page only, clear, and the Actions menu. Announced politely as the count changes.
 */
export function SelectionBar({
  selection,
  onSelection,
  filter,
  total,
  pageIds,
  canOperate,
}: {
  selection: Selection;
  onSelection: (next: Selection) => void;
  filter: FleetFilter;
  total: number;
  pageIds: string[];
  canOperate: boolean;
}) {
  const t = useTranslations("jobs.selection");
  const count = selectedCount(selection, total);
  const job = toJobSelection(selection, total);
  const pageAllPicked = selection.mode === "ids" && pageIds.length > 0 && pageIds.every((id) => selection.ids.includes(id));
  return (
    <div
      role="region"
      aria-label={t("bar")}
      data-testid="selection-bar"
      className="sticky bottom-4 z-30 mt-3 flex flex-wrap items-center gap-3 rounded-lg border border-border bg-card px-4 py-3 shadow-md"
    >
      <p className="text-sm font-medium" aria-live="polite" data-testid="selection-count">
        {selection.mode === "filter" && selection.except.length === 0 ? t("selectedAll", { count }) : t("selected", { count })}
      </p>
      {pageAllPicked && total > selection.ids.length ? (
        <Button type="button" variant="link" className="h-auto px-0" data-testid="select-all-matching" onClick={() => onSelection(selectAllMatching(filter))}>
          {t("selectAllMatching", { count: total })}
        </Button>
      ) : null}
      {selection.mode === "filter" ? (
        <Button type="button" variant="link" className="h-auto px-0" onClick={() => onSelection({ mode: "ids", ids: pageIds })}>
          {t("onlyPage")}
        </Button>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => onSelection(EMPTY)}>
          <X aria-hidden />
          {t("clear")}
        </Button>
        {job ? <ActionsMenu selection={job} canOperate={canOperate} /> : null}
      </div>
    </div>
  );
}
