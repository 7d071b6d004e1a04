import "server-only";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, platformAccounts, templates, tenantSnapshots, tenants } from "@/lib/db/schema";
import type { FleetFilter } from "@/lib/jobs/params";
import type { AuditState, Platform, TenantStatus } from "@/lib/vocab";
import { fleetWhere, snapshotJoin } from "./fleet-filter";
import { keysetPage, type PageRequest } from "./tenants/queries";

/**
 * The fleet board's list: tenants with what their snapshots say (lib/console/fleet.ts), filtered by `fleetWhere`,
 * keyset-paginated on (nickname, id) like the tenant list (lib/console/tenants/queries.ts): page 400 costs what page
 * 1 costs and a cursor names a position, so rows added meanwhile never shift or repeat. Each version is shown with
 * its template (the `templates` table's version and description), found from the console's commits.
 */

export const FLEET_PAGE_SIZE = 50;

/** A template as the board names it: its id, and its version and description when the library knows it. */
export type TemplateInfo = { templateId: number; userVersion: string | null; userDesc: string | null };
/** One version a tenant holds, with the template it was made from when the console knows it. */
export type FleetVersion = { userVersion: string; template: TemplateInfo | null };

export type FleetRow = {
  id: string;
  accountId: string;
  accountName: string;
  platform: Platform;
  appid: string;
  nickname: string;
  principalName: string;
  status: TenantStatus;
  tags: string[];
  trial: (FleetVersion & { at: Date | null }) | null;
  audit: { state: AuditState; auditid: number | null; version: FleetVersion | null } | null;
  live: FleetVersion | null;
  gray: { percentage: number; version: FleetVersion | null } | null;
  visible: boolean | null;
  /** When the snapshot was last written; null: the console never learnt anything of this tenant's versions. */
  readAt: Date | null;
};

export type FleetPage = { rows: FleetRow[]; next: string | null; prev: string | null };

const columns = {
  id: tenants.id,
  accountId: tenants.accountId,
  accountName: platformAccounts.name,
  platform: platformAccounts.platform,
  appid: tenants.appid,
  nickname: tenants.nickname,
  principalName: tenants.principalName,
  status: tenants.status,
  tags: tenants.tags,
  snapshot: tenantSnapshots,
};
type Fetched = { id: string; accountId: string; snapshot: typeof tenantSnapshots.$inferSelect | null };

/**
 * One page of the fleet, in (nickname, id) order. `after` moves forward from a cursor, `before` backward; neither:
 * the first page. Returns opaque cursors for the neighbouring pages (null at either end).
 */
export async function listFleet(filter: FleetFilter, page: PageRequest = {}): Promise<FleetPage> {
  const { rows, next, prev } = await keysetPage(
    page,
    (position, order, limit) =>
      db
        .select(columns)
        .from(tenants)
        .innerJoin(platformAccounts, eq(platformAccounts.id, tenants.accountId))
        .leftJoin(tenantSnapshots, snapshotJoin)
        .where(and(fleetWhere(filter), position))
        .orderBy(...order)
        .limit(limit),
    FLEET_PAGE_SIZE,
  );
  const resolve = await versionResolver(rows);
  return {
    rows: rows.map(({ snapshot: s, ...tenant }) => ({
      ...tenant,
      trial: s?.trialVersion ? { ...resolve(tenant, s.trialVersion, s.trialTemplateId), at: s.trialAt } : null,
      audit: s?.auditState ? { state: s.auditState, auditid: s.auditid, version: s.auditVersion ? resolve(tenant, s.auditVersion, null) : null } : null,
      live: s?.liveVersion ? resolve(tenant, s.liveVersion, s.liveTemplateId) : null,
      // As the "gray only" filter reads it: 1–99 % (100 % is everyone, i.e. live).
      gray: s && (s.grayPercentage ?? 0) > 0 && s.grayPercentage! < 100 ? { percentage: s.grayPercentage!, version: s.grayVersion ? resolve(tenant, s.grayVersion, null) : null } : null,
      visible: s?.visible ?? null,
      readAt: s?.readAt ?? null,
    })),
    next,
    prev,
  };
}

/**
 * Names each version's template for a page of rows in two queries: the snapshot's template id when it has one, else
 * the newest successful commit of that version (audit and gray versions), then the library's version and description.
 */
async function versionResolver(rows: Fetched[]) {
  const ids = rows.map((r) => r.id);
  const versions = [...new Set(rows.flatMap((r) => [r.snapshot?.auditVersion, r.snapshot?.grayVersion]).filter((v): v is string => !!v))];
  const committed =
    ids.length && versions.length
      ? await db
          .selectDistinctOn([commits.tenantId, commits.userVersion], { tenantId: commits.tenantId, userVersion: commits.userVersion, templateId: commits.templateId })
          .from(commits)
          .where(and(inArray(commits.tenantId, ids), inArray(commits.userVersion, versions), eq(commits.ok, true)))
          .orderBy(commits.tenantId, commits.userVersion, desc(commits.at), desc(commits.id))
      : [];
  const templateOfCommit = new Map(committed.map((c) => [`${c.tenantId}\n${c.userVersion}`, c.templateId]));
  const templateIds = new Set<number>(committed.map((c) => c.templateId));
  for (const r of rows) for (const id of [r.snapshot?.trialTemplateId, r.snapshot?.liveTemplateId]) if (id) templateIds.add(id);
  const known = await templateInfos([...new Set(rows.map((r) => r.accountId))], [...templateIds]);

  return (tenant: Pick<Fetched, "id" | "accountId">, userVersion: string, templateId: number | null): FleetVersion => {
    const id = templateId ?? templateOfCommit.get(`${tenant.id}\n${userVersion}`) ?? null;
    return { userVersion, template: id === null ? null : (known.get(`${tenant.accountId}\n${id}`) ?? { templateId: id, userVersion: null, userDesc: null }) };
  };
}

/** The library's version and description of these templates, keyed by "account\ntemplate id". */
async function templateInfos(accountIds: string[], templateIds: number[]): Promise<Map<string, TemplateInfo>> {
  if (accountIds.length === 0 || templateIds.length === 0) return new Map();
  const rows = await db
    .select({ accountId: templates.accountId, templateId: templates.templateId, userVersion: templates.userVersion, userDesc: templates.userDesc })
    .from(templates)
    .where(and(inArray(templates.accountId, accountIds), inArray(templates.templateId, templateIds)));
  return new Map(rows.map((r) => [`${r.accountId}\n${r.templateId}`, { templateId: r.templateId, userVersion: r.userVersion, userDesc: r.userDesc }]));
}

/** How many tenants the filter matches. */
export async function countFleet(filter: FleetFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants).leftJoin(tenantSnapshots, snapshotJoin).where(fleetWhere(filter));
  return row?.n ?? 0;
}

/** At most this many tenants on one QR wall (one screen, one print). */
export const QR_WALL_MAX = 200;

export type QrWallTenant = { id: string; appid: string; nickname: string; status: TenantStatus; trialVersion: string | null; known: boolean };

/**
 * The tenants of a QR wall, in the order asked (unknown ids dropped), with their trial version as last learnt:
 * `known` false when the console never read their versions (the wall then tries the image anyway).
 */
export async function qrWallTenants(ids: string[]): Promise<QrWallTenant[]> {
  const wanted = [...new Set(ids)].slice(0, QR_WALL_MAX);
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ id: tenants.id, appid: tenants.appid, nickname: tenants.nickname, status: tenants.status, trialVersion: tenantSnapshots.trialVersion, readAt: tenantSnapshots.readAt })
    .from(tenants)
    .leftJoin(tenantSnapshots, snapshotJoin)
    .where(inArray(tenants.id, wanted));
  const byId = new Map(rows.map(({ readAt, ...r }) => [r.id, { ...r, known: readAt !== null }]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
