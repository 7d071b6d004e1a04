import "server-only";
import { and, desc, eq, lte } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, tenantSnapshots, type Tenant, type TenantSnapshot } from "@/lib/db/schema";
import type { Audit, CodeVersion, GrayPlan, TenantPlatform } from "@/lib/platforms/port";

/**
 * Fleet snapshots: what each tenant holds on its platform, as last learnt, in `tenant_snapshots`. The console
 * learns a fact where it acts (a commit, a submit, an audit result, a release, a gray step, a rollback: see
 * fleet-events.ts) or reads (the version board, the "refresh version info" job's `refreshSnapshot`), and records
 * just that fact here, so the fleet board and the job selection filter read one table instead of asking the
 * platform about thousands of tenants.
 *
 * Conventions: a column is null when unknown or absent (no trial, nothing live); `grayPercentage` 0 means no
 * roll-out runs; `auditState` "none" means the platform knows no audit of the tenant.
 */

export type { TenantSnapshot };
/** The facts of one snapshot a caller may record: any subset (read_at is always now). */
export type SnapshotPatch = Partial<Omit<TenantSnapshot, "tenantId" | "readAt">>;

/**
 * Upserts the tenant's snapshot with only the given fields (undefined ones are left as stored) and read_at now:
 * one fact learnt never erases another. `readSince`: the platform was read from this time on; if anything was
 * recorded meanwhile (a commit while the board was being read), that newer fact wins and the read is dropped.
 */
export async function recordSnapshot(tenantId: string, patch: SnapshotPatch, options: { readSince?: Date } = {}): Promise<void> {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as SnapshotPatch;
  const readAt = new Date();
  await db
    .insert(tenantSnapshots)
    .values({ ...given, tenantId, readAt })
    .onConflictDoUpdate({
      target: tenantSnapshots.tenantId,
      set: { ...given, readAt },
      where: options.readSince ? lte(tenantSnapshots.readAt, options.readSince) : undefined,
    });
}

/** The tenant's snapshot as stored, or null when nothing was ever learnt. */
export async function getSnapshot(tenantId: string): Promise<TenantSnapshot | null> {
  const [row] = await db.select().from(tenantSnapshots).where(eq(tenantSnapshots.tenantId, tenantId));
  return row ?? null;
}

/**
 * The template a version of this tenant was made from: the newest successful commit of that user_version (WeChat's
 * getversioninfo does not say). Null when the version was not committed by the console.
 */
export async function templateOfVersion(tenantId: string, userVersion: string | null | undefined): Promise<number | null> {
  if (!userVersion) return null;
  const [row] = await db
    .select({ templateId: commits.templateId })
    .from(commits)
    .where(and(eq(commits.tenantId, tenantId), eq(commits.userVersion, userVersion), eq(commits.ok, true)))
    .orderBy(desc(commits.at), desc(commits.id))
    .limit(1);
  return row?.templateId ?? null;
}

/** A version's template: the adapter's when it knows it, else the console's commits. */
const templateOf = async (tenantId: string, version: CodeVersion | undefined) =>
  version ? (version.templateId ?? (await templateOfVersion(tenantId, version.userVersion))) : null;

/** The reads a snapshot is made of; each one absent when it was not read (or the platform refused it). */
export type PlatformReads = { versions?: CodeVersion[]; audit?: Audit | null; gray?: GrayPlan; visible?: boolean };

/** A running or paused plan rolls a version out to some users; any other state: nobody has a gray version. */
export const grayPercentageOf = (plan: GrayPlan) => (plan.state === "running" || plan.state === "paused" ? plan.percentage : 0);

/** What the given platform reads say, as a snapshot patch (only the parts that were read). */
export async function patchOfReads(tenantId: string, reads: PlatformReads): Promise<SnapshotPatch> {
  const patch: SnapshotPatch = {};
  if (reads.versions) {
    const of = (kind: CodeVersion["kind"]) => reads.versions!.find((v) => v.kind === kind);
    const [trial, live, gray] = [of("trial"), of("live"), of("gray")];
    Object.assign(patch, {
      trialVersion: trial?.userVersion ?? null,
      trialTemplateId: await templateOf(tenantId, trial),
      trialAt: trial?.committedAt ?? null,
      liveVersion: live?.userVersion ?? null,
      liveTemplateId: await templateOf(tenantId, live),
      grayVersion: gray?.userVersion ?? null,
    });
  }
  if (reads.audit !== undefined) {
    const audit = reads.audit;
    Object.assign(patch, { auditState: audit?.state ?? "none", auditid: audit?.auditid ?? null, auditVersion: audit?.userVersion ?? null });
  }
  if (reads.gray) {
    patch.grayPercentage = grayPercentageOf(reads.gray);
    if (patch.grayPercentage === 0) patch.grayVersion = null;
  }
  if (reads.visible !== undefined) patch.visible = reads.visible;
  return patch;
}

/**
 * Records what the platform reads say (the version board's read calls it with the parts it got). `startedAt`: when
 * the reads were sent; a fact recorded after that (the console acted meanwhile) is newer and kept.
 */
export async function recordReads(tenantId: string, reads: PlatformReads, startedAt?: Date): Promise<void> {
  const patch = await patchOfReads(tenantId, reads);
  if (Object.keys(patch).length > 0) await recordSnapshot(tenantId, patch, { readSince: startedAt });
}

/**
 * Reads the tenant's versions, latest audit, gray plan and visit status from the platform and records them: the
 * bulk "refresh version info" job's step. A refusal (PlatformError) goes through to the caller before anything is
 * written, like any action's; the caller runs it inside withTenantHealth as it does every platform call.
 */
export async function refreshSnapshot(tenant: Pick<Tenant, "id">, platform: TenantPlatform): Promise<TenantSnapshot> {
  const startedAt = new Date();
  // What the platform lacks (Baidu: gray plan, visit status) is not asked: the snapshot keeps its defaults there.
  const can = platform.capabilities;
  const [versions, audit, gray, visible] = await Promise.all([
    platform.versions(),
    platform.latestAudit(),
    can.grayRelease ? platform.grayPlan() : undefined,
    can.visitStatus ? platform.visible() : undefined,
  ]);
  await recordReads(tenant.id, { versions, audit, gray, visible }, startedAt);
  return (await getSnapshot(tenant.id))!;
}
