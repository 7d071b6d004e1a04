import type { FleetFilter, TenantSelection } from "@/lib/jobs/params";

/**
 * What the operator has selected on the tenant list (pure, so it is easy to reason about): picked ids, kept across
 * pages and searches; or "everything the filter matches" minus the rows unticked since, which only holds for the
 * filter it was made with (`filterKey`). A job gets it as lib/jobs' TenantSelection.
 */
export type Selection = { mode: "ids"; ids: string[] } | { mode: "filter"; filterKey: string; filter: FleetFilter; except: string[] };

export const EMPTY: Selection = { mode: "ids", ids: [] };

/** A stable key for a filter (its entries sorted): "all matching" is tied to it. */
export const filterKeyOf = (filter: FleetFilter) =>
  JSON.stringify(Object.entries(filter).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));

export function isSelected(selection: Selection, id: string): boolean {
  return selection.mode === "ids" ? selection.ids.includes(id) : !selection.except.includes(id);
}

/** Ticks (value true) or unticks the given rows. */
export function setRows(selection: Selection, ids: string[], value: boolean): Selection {
  if (selection.mode === "ids") {
    const set = new Set(selection.ids);
    for (const id of ids) if (value) set.add(id);
    else set.delete(id);
    return { mode: "ids", ids: [...set] };
  }
  const except = new Set(selection.except);
  for (const id of ids) if (value) except.delete(id);
  else except.add(id);
  return { ...selection, except: [...except] };
}

export const selectAllMatching = (filter: FleetFilter): Selection => ({ mode: "filter", filterKey: filterKeyOf(filter), filter, except: [] });

/** How many are selected: `total` is the server's count of the filter's matches. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === "ids" ? selection.ids.length : Math.max(0, total - selection.except.length);
}

/** The selection a job takes; null when nothing is selected. */
export function toJobSelection(selection: Selection, total: number): TenantSelection | null {
  if (selectedCount(selection, total) === 0) return null;
  return selection.mode === "ids" ? { tenantIds: selection.ids } : { filter: selection.filter, except: selection.except };
}

/** A stored selection made for another filter: "all matching" no longer applies, picked ids do. */
export function forFilter(selection: Selection, filterKey: string): Selection {
  return selection.mode === "filter" && selection.filterKey !== filterKey ? EMPTY : selection;
}
