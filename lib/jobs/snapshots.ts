import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, tenantSnapshots, type TenantSnapshot } from "@/lib/db/schema";
import type { Audit, Category, CodeVersion, GrayPlan } from "@/lib/platforms/port";

/**
 * What the engine learns of a tenant goes into its fleet snapshot (tenant_snapshots), so the fleet board and the
 * selection filters see it without asking the platform: a commit (trial), a submit (audit), a release (live), a
 * gray step (percentage), a "refresh versions" read (everything), and the categories preflight reads.
 */

type SnapshotPatch = Partial<Omit<TenantSnapshot, "tenantId" | "readAt">>;

/** Upserts the given columns only; the others keep what was known. */
export async function patchSnapshot(tenantId: string, patch: SnapshotPatch): Promise<void> {
  const set = { ...patch, readAt: new Date() };
  await db.insert(tenantSnapshots).values({ tenantId, ...set }).onConflictDoUpdate({ target: tenantSnapshots.tenantId, set });
}

export const snapshotCommitted = (tenantId: string, userVersion: string, templateId: number) =>
  patchSnapshot(tenantId, { trialVersion: userVersion, trialTemplateId: templateId, trialAt: new Date() });

export const snapshotSubmitted = (tenantId: string, auditid: number, state: Audit["state"], userVersion: string | null) =>
  patchSnapshot(tenantId, { auditid, auditState: state, ...(userVersion ? { auditVersion: userVersion } : {}) });

/** Released: what was approved (the audited version, of the trial's template) is live; no roll-out runs any more. */
export async function snapshotReleased(tenantId: string): Promise<void> {
  await db.execute(sql`
    insert into tenant_snapshots (tenant_id, read_at) values (${tenantId}, now())
    on conflict (tenant_id) do update set
      live_version = coalesce(tenant_snapshots.audit_version, tenant_snapshots.trial_version, tenant_snapshots.live_version),
      live_template_id = case when tenant_snapshots.audit_version is null or tenant_snapshots.audit_version = tenant_snapshots.trial_version
        then coalesce(tenant_snapshots.trial_template_id, tenant_snapshots.live_template_id) else tenant_snapshots.live_template_id end,
      gray_percentage = null, gray_version = null, read_at = now()`);
}

export async function snapshotGray(tenantId: string, percentage: number | null): Promise<void> {
  if (percentage === 100) return snapshotReleased(tenantId);
  await db.execute(sql`
    insert into tenant_snapshots (tenant_id, gray_percentage, read_at) values (${tenantId}, ${percentage}, now())
    on conflict (tenant_id) do update set gray_percentage = ${percentage},
      gray_version = case when ${percentage}::int is null then null else coalesce(tenant_snapshots.audit_version, tenant_snapshots.gray_version) end,
      read_at = now()`);
}

/**
 * The template a version came from when the platform does not say (WeChat's version info names none): what the
 * snapshot already knew for that same version (the trial that became live keeps its template), else the tenant's
 * last successful commit of that version. Without this a refresh turned every known template into "unknown".
 */
async function templateOf(tenantId: string, version: CodeVersion | null, known: Pick<TenantSnapshot, "trialVersion" | "trialTemplateId" | "liveVersion" | "liveTemplateId"> | undefined): Promise<number | null> {
  if (!version) return null;
  if (version.templateId != null) return version.templateId;
  if (known?.trialVersion === version.userVersion && known.trialTemplateId != null) return known.trialTemplateId;
  if (known?.liveVersion === version.userVersion && known.liveTemplateId != null) return known.liveTemplateId;
  const [commit] = await db
    .select({ templateId: commits.templateId })
    .from(commits)
    .where(and(eq(commits.tenantId, tenantId), eq(commits.userVersion, version.userVersion), eq(commits.ok, true)))
    .orderBy(desc(commits.at))
    .limit(1);
  return commit?.templateId ?? null;
}

/** Everything a "refresh versions" item read. */
export async function snapshotRead(tenantId: string, read: { versions: CodeVersion[]; audit: Audit | null; gray: GrayPlan; visible: boolean }): Promise<void> {
  const of = (kind: CodeVersion["kind"]) => read.versions.find((v) => v.kind === kind) ?? null;
  const [trial, live, grayV, auditing] = [of("trial"), of("live"), of("gray"), of("auditing")];
  const rolling = read.gray.state === "running" || read.gray.state === "paused";
  const [known] = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenantId));
  await patchSnapshot(tenantId, {
    trialVersion: trial?.userVersion ?? null,
    trialTemplateId: await templateOf(tenantId, trial, known),
    trialAt: trial?.committedAt ?? null,
    auditVersion: read.audit?.userVersion ?? auditing?.userVersion ?? null,
    auditState: read.audit?.state ?? null,
    auditid: read.audit?.auditid ?? null,
    liveVersion: live?.userVersion ?? null,
    liveTemplateId: await templateOf(tenantId, live, known),
    grayPercentage: rolling ? read.gray.percentage : null,
    grayVersion: rolling ? (grayV?.userVersion ?? read.audit?.userVersion ?? null) : null,
    visible: read.visible,
  });
}

/** The tenant's categories as cached (fresh enough), or null. */
export async function cachedCategories(tenantId: string, maxAgeMs: number): Promise<Category[] | null> {
  const [row] = await db.select({ categories: tenantSnapshots.categories, at: tenantSnapshots.categoriesAt }).from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenantId));
  if (!row?.categories || !row.at || Date.now() - row.at.getTime() > maxAgeMs) return null;
  return row.categories as Category[];
}

export const cacheCategories = (tenantId: string, categories: Category[]) => patchSnapshot(tenantId, { categories, categoriesAt: new Date() });
