import "server-only";
import { and, eq, ilike, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { tenantSnapshots, tenants } from "@/lib/db/schema";
import type { FleetFilter } from "@/lib/jobs/params";

/**
 * The fleet's filter as SQL over `tenants left join tenant_snapshots`: the tenant list's filters (search, status,
 * tag, account) plus what the snapshots know (audit state, trial / live template, gray, drift from a target
 * template). The fleet board, the tenant list's "all N matching" and a job's frozen selection all use this one.
 */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function fleetWhere(filter: FleetFilter): SQL | undefined {
  const q = filter.q?.trim();
  return and(
    q ? or(ilike(tenants.nickname, likePattern(q)), ilike(tenants.principalName, likePattern(q)), ilike(tenants.appid, likePattern(q))) : undefined,
    filter.status ? eq(tenants.status, filter.status) : undefined,
    filter.tag ? sql`${tenants.tags} @> array[${filter.tag}]::text[]` : undefined,
    filter.accountId ? eq(tenants.accountId, filter.accountId) : undefined,
    filter.auditState
      ? filter.auditState === "none"
        ? // Never read, or read while the platform knew no audit.
          or(isNull(tenantSnapshots.auditState), eq(tenantSnapshots.auditState, "none"))
        : eq(tenantSnapshots.auditState, filter.auditState)
      : undefined,
    filter.trialTemplateId ? eq(tenantSnapshots.trialTemplateId, filter.trialTemplateId) : undefined,
    filter.liveTemplateId ? eq(tenantSnapshots.liveTemplateId, filter.liveTemplateId) : undefined,
    filter.gray === true ? sql`coalesce(${tenantSnapshots.grayPercentage}, 0) between 1 and 99` : undefined,
    filter.driftFrom ? or(isNull(tenantSnapshots.liveTemplateId), ne(tenantSnapshots.liveTemplateId, filter.driftFrom)) : undefined,
  );
}

/** `from tenants left join tenant_snapshots`: what fleetWhere filters. */
export const snapshotJoin = eq(tenantSnapshots.tenantId, tenants.id);
