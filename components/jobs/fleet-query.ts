import type { FleetFilter, TenantSelection } from "@/lib/jobs/params";
import type { JobKind } from "@/lib/vocab";

/**
 * The fleet filter and a job's selection in an address (pure: the pages parse, the selection bar writes). The tenant
 * list, the fleet board's "bring up to date" link and `/jobs/new` share these names, so a filter survives every hop:
 * q, status, tag, account (or accountId), auditState, trialTemplateId, liveTemplateId, gray=1, driftFrom; a
 * selection adds `ids=a,b` (picked) or `all=1` + `except=a,b` (everything the filter matches, minus some).
 */

/** The filter as address parameters (the list's own names: `account` for the account). */
export function fleetQuery(filter: FleetFilter): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "" || value === false) continue;
    out.set(key === "accountId" ? "account" : key, value === true ? "1" : String(value));
  }
  return out;
}

export const hasFleetFilter = (filter: FleetFilter) => Object.keys(filter).length > 0;

/** At most this many picked ids travel in an address; a bigger pick goes through the tab's session storage. */
export const MAX_IDS_IN_URL = 200;
export const STASH_KEY = "jobs:selection";

/** The address of the wizard for this kind and selection; a selection too long for an address is stashed. */
export function wizardHref(kind: JobKind, selection: TenantSelection, stash: (value: string) => void): string {
  const query = new URLSearchParams({ kind });
  if ("tenantIds" in selection) {
    if (selection.tenantIds.length <= MAX_IDS_IN_URL) query.set("ids", selection.tenantIds.join(","));
    else {
      stash(JSON.stringify(selection));
      query.set("sel", "stash");
    }
    return `/jobs/new?${query}`;
  }
  if (selection.except.length > MAX_IDS_IN_URL) {
    stash(JSON.stringify(selection));
    query.set("sel", "stash");
    return `/jobs/new?${query}`;
  }
  for (const [k, v] of fleetQuery(selection.filter)) query.set(k, v);
  query.set("all", "1");
  if (selection.except.length) query.set("except", selection.except.join(","));
  return `/jobs/new?${query}`;
}

