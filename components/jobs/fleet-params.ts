import { z } from "zod";
import { fleetFilterSchema, type FleetFilter, type TenantSelection } from "@/lib/jobs/params";
import { JOB_KINDS, type JobKind } from "@/lib/vocab";
import { hasFleetFilter } from "./fleet-query";

/**
 * Reading the fleet filter, a job's selection and its kind from an address (server pages; zod stays out of the
 * browser's bundle for the tenant list). The names are those of fleet-query.ts.
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

const uuidList = (raw: string | undefined, max: number) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => z.uuid().safeParse(s).success)
    .slice(0, max);

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

export function parseKind(params: SearchParams): JobKind | null {
  const kind = first(params.kind);
  return kind && (JOB_KINDS as readonly string[]).includes(kind) ? (kind as JobKind) : null;
}
