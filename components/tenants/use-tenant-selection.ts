"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { EMPTY, forFilter, type Selection } from "./selection";

const KEY = "tenants:selection";
const listeners = new Set<() => void>();
// Where storage is off (some private modes), the selection lives as long as the page.
let memory: string | null = null;

function snapshot(): string | null {
  try {
    return window.sessionStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

function write(value: Selection) {
  memory = JSON.stringify(value);
  try {
    window.sessionStorage.setItem(KEY, memory);
  } catch {
    // Kept in memory only.
  }
  for (const listener of listeners) listener();
}

function parse(raw: string | null): Selection {
  try {
    const value = raw ? (JSON.parse(raw) as Selection) : EMPTY;
    if (value.mode === "ids" && Array.isArray(value.ids)) return value;
    if (value.mode === "filter" && Array.isArray(value.except) && typeof value.filterKey === "string") return value;
  } catch {
    // Damaged: start empty.
  }
  return EMPTY;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/**
 * The tenant list's selection, kept in the tab's session storage so it survives paging and searching (the list is
 * server-rendered, one page per address). Empty during the server render and hydration, then read from storage.
 */
export function useTenantSelection(filterKey: string) {
  const raw = useSyncExternalStore(subscribe, snapshot, () => null);
  const selection = useMemo(() => forFilter(parse(raw), filterKey), [raw, filterKey]);
  const update = useCallback(
    (next: Selection | ((current: Selection) => Selection)) => {
      write(typeof next === "function" ? next(forFilter(parse(snapshot()), filterKey)) : next);
    },
    [filterKey],
  );
  return [selection, update] as const;
}
