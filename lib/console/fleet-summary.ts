import "server-only";
import { count, desc, eq, and, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { templates, tenantSnapshots, tenants } from "@/lib/db/schema";
import type { FleetFilter } from "@/lib/jobs/params";
import { fleetWhere, snapshotJoin } from "./fleet-filter";
import type { TemplateInfo } from "./fleet-queries";
import { withoutKey } from "./fleet-search";

/**
 * The fleet board's summary bar: what the filtered tenants run live, per template ("412 on template 31 (1.2.0), 88 on
 * 29, 20 nothing live"), and, against a target template, how many are up to date and how many drifted. Counted over
 * the filter without its drift target (the bar describes the fleet the other filters select; the list below shows
 * the drifted ones).
 */

export type FleetSummary = {
  total: number;
  /** Live template groups, largest first. */
  live: (TemplateInfo & { n: number })[];
  /** Live, but from code the console did not commit (its template is unknown). */
  unknownTemplate: number;
  /** Read, and nothing is live. */
  nothingLive: number;
  /** Never read: the console knows nothing of their versions yet ("Refresh version info" fills them). */
  unread: number;
  /** Against the target template (the filter's `driftFrom`); null without one. */
  drift: { target: TemplateInfo; upToDate: number; drifted: number } | null;
};

const liveKind = sql<"unread" | "none" | "unknown" | "template">`case
  when ${tenantSnapshots.tenantId} is null then 'unread'
  when ${tenantSnapshots.liveVersion} is null then 'none'
  when ${tenantSnapshots.liveTemplateId} is null then 'unknown'
  else 'template' end`;

/** Counts what the filtered fleet runs live, and its drift from `filter.driftFrom` when set. */
export async function fleetSummary(filter: FleetFilter): Promise<FleetSummary> {
  const scope = fleetWhere(withoutKey(filter, "driftFrom"));
  const groups = await db
    .select({ kind: liveKind, templateId: tenantSnapshots.liveTemplateId, n: count() })
    .from(tenants)
    .leftJoin(tenantSnapshots, snapshotJoin)
    .where(scope)
    .groupBy(liveKind, tenantSnapshots.liveTemplateId);
  const sum = (kind: string) => groups.filter((g) => g.kind === kind).reduce((n, g) => n + g.n, 0);
  const withTemplate = groups.filter((g): g is typeof g & { templateId: number } => g.kind === "template" && g.templateId !== null);
  const target = filter.driftFrom;
  const names = await templateNames([...withTemplate.map((g) => g.templateId), ...(target ? [target] : [])]);
  const info = (templateId: number): TemplateInfo => names.get(templateId) ?? { templateId, userVersion: null, userDesc: null };
  const total = groups.reduce((n, g) => n + g.n, 0);
  const upToDate = target ? (withTemplate.find((g) => g.templateId === target)?.n ?? 0) : 0;
  return {
    total,
    live: withTemplate.map((g) => ({ ...info(g.templateId), n: g.n })).sort((a, b) => b.n - a.n || b.templateId - a.templateId),
    unknownTemplate: sum("unknown"),
    nothingLive: sum("none"),
    unread: sum("unread"),
    drift: target ? { target: info(target), upToDate, drifted: total - upToDate } : null,
  };
}

/**
 * The library's version and description of template ids, whatever the account (ids are the platform's; the newest
 * sync wins when two accounts share one).
 */
export async function templateNames(ids: number[]): Promise<Map<number, TemplateInfo>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([templates.templateId], { templateId: templates.templateId, userVersion: templates.userVersion, userDesc: templates.userDesc })
    .from(templates)
    .where(inArray(templates.templateId, unique))
    .orderBy(templates.templateId, desc(templates.syncedAt));
  return new Map(rows.map((r) => [r.templateId, r]));
}

/**
 * The templates the board's pickers offer (live template, drift target): the library's, newest first, plus any
 * template a tenant runs live that the library no longer lists. `accountId` narrows to one account's library.
 */
export async function fleetTemplateOptions(accountId?: string, limit = 300): Promise<TemplateInfo[]> {
  const library = await db
    .selectDistinctOn([templates.templateId], { templateId: templates.templateId, userVersion: templates.userVersion, userDesc: templates.userDesc })
    .from(templates)
    .where(accountId ? eq(templates.accountId, accountId) : undefined)
    .orderBy(desc(templates.templateId), desc(templates.syncedAt))
    .limit(limit);
  const live = await db
    .selectDistinct({ templateId: tenantSnapshots.liveTemplateId })
    .from(tenantSnapshots)
    .innerJoin(tenants, snapshotJoin)
    .where(and(sql`${tenantSnapshots.liveTemplateId} is not null`, accountId ? eq(tenants.accountId, accountId) : undefined))
    .limit(limit);
  const seen = new Set(library.map((t) => t.templateId));
  const extra = live.map((r) => r.templateId!).filter((id) => !seen.has(id));
  return [...library, ...extra.map((templateId) => ({ templateId, userVersion: null, userDesc: null }))].sort((a, b) => b.templateId - a.templateId);
}
