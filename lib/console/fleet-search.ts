import { z } from "zod";
import { fleetFilterSchema, type FleetFilter } from "@/lib/jobs/params";

/**
 * The fleet filter in an address: the /fleet page's search parameters, and the ones its links hand to the job wizard
 * (`/jobs/new?kind=…&<these>`). One spelling for both, the FleetFilter's own keys (`q`, `status`, `tag`, `accountId`,
 * `auditState`, `trialTemplateId`, `liveTemplateId`, `gray=true`, `driftFrom`). Pure: pages and the browser use it.
 */

export const FLEET_FILTER_KEYS = ["q", "status", "tag", "accountId", "auditState", "trialTemplateId", "liveTemplateId", "gray", "driftFrom"] as const satisfies readonly (keyof FleetFilter)[];

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (search: Search, key: string): string | undefined => {
  const value = search instanceof URLSearchParams ? (search.get(key) ?? undefined) : search[key];
  return Array.isArray(value) ? value[0] : value;
};

const shape = fleetFilterSchema.shape;

/**
 * The filter an address names. Anything malformed reads as "not given" (never an error page), an empty value too;
 * `gray` is on for "true" or "1".
 */
export function fleetFilterFromSearch(search: Search): FleetFilter {
  const out: FleetFilter = {};
  for (const key of FLEET_FILTER_KEYS) {
    const raw = first(search, key)?.trim();
    if (!raw) continue;
    if (key === "gray") {
      if (raw === "true" || raw === "1") out.gray = true;
      continue;
    }
    const parsed = (shape[key] as z.ZodType).safeParse(raw);
    if (parsed.success && parsed.data !== undefined) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

/** The address parameters of a filter (only what is set), in a stable order. */
export function fleetSearchOf(filter: FleetFilter, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") search.set(key, String(value));
  for (const key of FLEET_FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === "" || value === false) continue;
    search.set(key, value === true ? "true" : String(value));
  }
  return search;
}

/** The filter without one of its keys (the summary describes the fleet the other filters select). */
export function withoutKey<K extends keyof FleetFilter>(filter: FleetFilter, key: K): FleetFilter {
  const { [key]: _dropped, ...rest } = filter;
  void _dropped;
  return rest;
}
