import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { commits, tenantAudits } from "@/lib/db/schema";
import { PlatformError, type AuditState, type TenantPlatform } from "@/lib/platforms/port";
import { getSnapshot, recordReads, recordSnapshot, templateOfVersion } from "./fleet";

/**
 * The facts the console's own actions teach it about a tenant's versions, recorded in its fleet snapshot
 * (lib/console/fleet.ts) by the services that act: commits, submits, audit results, releases, gray steps, rollbacks,
 * visit status. Each is called after the platform accepted the change, so it records what now holds.
 */

/** A commit was accepted: the trial is this version of this template. */
export function noteCommitted(tenantId: string, commit: { userVersion: string; templateId: number; at?: Date }) {
  return recordSnapshot(tenantId, { trialVersion: commit.userVersion, trialTemplateId: commit.templateId, trialAt: commit.at ?? new Date() });
}

/** The trial version as last known: the snapshot's, else the newest commit the platform accepted. */
async function trialVersionOf(tenantId: string): Promise<string | null> {
  const snapshot = await getSnapshot(tenantId);
  if (snapshot?.trialVersion) return snapshot.trialVersion;
  const [row] = await db
    .select({ userVersion: commits.userVersion })
    .from(commits)
    .where(and(eq(commits.tenantId, tenantId), eq(commits.ok, true)))
    .orderBy(desc(commits.at), desc(commits.id))
    .limit(1);
  return row?.userVersion ?? null;
}

/** The trial was submitted for review: audit `auditid` is under review, and its version is the trial's. */
export async function noteSubmitted(tenantId: string, auditid: number) {
  await recordSnapshot(tenantId, { auditState: "auditing", auditid, auditVersion: await trialVersionOf(tenantId) });
}

/** An audit was decided (a push, or polling): its state, and its version when the caller knows it. */
export function noteAuditDecided(tenantId: string, audit: { auditid: number; state: AuditState; userVersion?: string | null }) {
  return recordSnapshot(tenantId, { auditid: audit.auditid, auditState: audit.state, auditVersion: audit.userVersion ?? undefined });
}

/** The approved version a release or a gray step publishes: the snapshot's decided audit, else the newest approved row. */
async function approvedVersionOf(tenantId: string): Promise<string | null> {
  const snapshot = await getSnapshot(tenantId);
  if (snapshot?.auditState === "approved" && snapshot.auditVersion) return snapshot.auditVersion;
  const [row] = await db
    .select({ userVersion: tenantAudits.userVersion })
    .from(tenantAudits)
    .where(and(eq(tenantAudits.tenantId, tenantId), eq(tenantAudits.state, "approved"), isNotNull(tenantAudits.userVersion)))
    .orderBy(desc(tenantAudits.submittedAt), desc(tenantAudits.auditid))
    .limit(1);
  return row?.userVersion ?? null;
}

/**
 * Asks the platform which versions it holds now and records them; when it will not say, the live version is
 * recorded as unknown (null) rather than left wrong. Used where the console cannot tell what went live.
 */
async function reReadVersions(platform: TenantPlatform) {
  try {
    await recordReads(platform.tenantId, { versions: await platform.versions() });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    await recordSnapshot(platform.tenantId, { liveVersion: null, liveTemplateId: null });
  }
}

/** The approved version went live for everyone (a release, or a gray step to 100 %): no roll-out runs any more. */
export async function noteReleased(platform: TenantPlatform) {
  const tenantId = platform.tenantId;
  const version = await approvedVersionOf(tenantId);
  if (!version) {
    await recordSnapshot(tenantId, { grayPercentage: 0, grayVersion: null });
    return reReadVersions(platform);
  }
  await recordSnapshot(tenantId, { liveVersion: version, liveTemplateId: await templateOfVersion(tenantId, version), grayPercentage: 0, grayVersion: null });
}

/** A gray step was accepted: `percentage` % of users get the approved version (100: it is released). */
export async function noteGray(platform: TenantPlatform, percentage: number) {
  if (percentage >= 100) return noteReleased(platform);
  const version = await approvedVersionOf(platform.tenantId);
  await recordSnapshot(platform.tenantId, { grayPercentage: percentage, grayVersion: version ?? undefined });
  // An audit approved outside the console: the platform names the version in roll-out.
  if (!version) await reReadVersions(platform);
}

/** The roll-out was cancelled: gray users are back on the live version. */
export const noteGrayCancelled = (tenantId: string) => recordSnapshot(tenantId, { grayPercentage: 0, grayVersion: null });

/** A rollback was accepted: which version is live now is the platform's to say (asked at once). */
export const noteRolledBack = (platform: TenantPlatform) => reReadVersions(platform);

/** The live version was opened to users, or closed. */
export const noteVisible = (tenantId: string, visible: boolean) => recordSnapshot(tenantId, { visible });
