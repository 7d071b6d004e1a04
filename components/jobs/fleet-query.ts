import { z } from "zod";
import { fleetFilterSchema, type FleetFilter, type TenantSelection } from "@/lib/jobs/params";
import { JOB_KINDS, type JobKind } from "@/lib/vocab";

/**
 * The fleet filter and a job's selection in an address (pure: the pages parse, the selection bar writes). The tenant
 * list, the fleet board's "bring up to date" link and `/jobs/new` share these names, so a filter survives every hop:
 * q, status, tag, account (or accountId), auditState, trialTemplateId, liveTemplateId, gray=1, driftFrom; a
 * selection adds `ids=a,b` (picked) or `all=1` + `except=a,b` (everything the filter matches, minus some).
 */

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Each field on its own: anything malformed in the address reads as "not given", never as an error page. */
export function parseFleetFilter(params: SearchParams): FleetFilter {
  const shape = fleetFilterSchema.shape;
  const pick = <K extends keyof FleetFilter>(key: K, raw: unknown): FleetFilter[K] | undefined => {
    const parsed = (shape[key] as z.ZodType<FleetFilter[K]>).safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const gray = first(params.gray);
  const filter: FleetFilter = {
    q: pick("q", first(params.q)),
    status: pick("status", first(params.status)),
    tag: pick("tag", first(params.tag)),
    accountId: pick("accountId", first(params.accountId) ?? first(params.account)),
    auditState: pick("auditState", first(params.auditState)),
    trialTemplateId: pick("trialTemplateId", first(params.trialTemplateId)),
    liveTemplateId: pick("liveTemplateId", first(params.liveTemplateId)),
    gray: gray === "1" || gray === "true" ? true : undefined,
    driftFrom: pick("driftFrom", first(params.driftFrom)),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== "")) as FleetFilter;
}

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

const uuidList = (raw: string | undefined, max: number) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => z.uuid().safeParse(s).success)
    .slice(0, max);

/** At most this many picked ids travel in an address; a bigger pick goes through the tab's session storage. */
export const MAX_IDS_IN_URL = 200;
export const STASH_KEY = "jobs:selection";

/**
 * The selection an address names: `ids` (picked), `sel=stash` (in session storage: the wizard reads it), or the
 * filter (`all=1`, or any fleet filter: the fleet board links with its filter only) minus `except`. Null: nothing.
 */
export function parseSelection(params: SearchParams): TenantSelection | "stash" | null {
  if (first(params.sel) === "stash") return "stash";
  const ids = uuidList(first(params.ids), 50_000);
  if (ids.length) return { tenantIds: ids };
  const filter = parseFleetFilter(params);
  if (first(params.all) === "1" || hasFleetFilter(filter)) return { filter, except: uuidList(first(params.except), 50_000) };
  return null;
}

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

export function parseKind(params: SearchParams): JobKind | null {
  const kind = first(params.kind);
  return kind && (JOB_KINDS as readonly string[]).includes(kind) ? (kind as JobKind) : null;
}
