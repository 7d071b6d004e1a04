import "server-only";
import { ExpectedError } from "@/lib/errors";
import type { TenantPlatform } from "@/lib/platforms/port";
import { forgetBoard } from "./versions";
import { noteGray, noteGrayCancelled, noteReleased, noteRolledBack, noteVisible } from "./fleet-events";

/**
 * Release, gray roll-out, rollback, visit status and the minimum base library of one tenant. Called by the tenant
 * page's actions (inside defineTenantAction, which loads the platform and watches the tenant's health) and by the
 * bulk jobs. A refusal of the platform goes through as its PlatformError (85019/85020, 85079–85082, 87011/87012…:
 * the caller shows code + meaning); a rule the console can check first is an ExpectedError before any call.
 * Each forgets the tenant's cached version board: the next read shows what changed; and records what now holds in
 * the tenant's fleet snapshot (lib/console/fleet-events.ts).
 */

async function changing<T>(platform: TenantPlatform, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    forgetBoard(platform.tenantId);
  }
}

/** Publish the approved version to every user. */
export async function releaseTenant(platform: TenantPlatform) {
  await changing(platform, () => platform.release());
  await noteReleased(platform);
}

export type GrayFlags = { membersFirst: boolean; testersFirst: boolean };

/**
 * Roll the approved version out to `percentage` % of users (100: everyone, which is a release). A running or paused
 * plan can only grow: a percentage at or below it is refused here, before the platform is asked to change anything
 * (the platform would answer 85082).
 */
export async function grayStep(platform: TenantPlatform, percentage: number, flags: GrayFlags) {
  if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100) throw new ExpectedError("tenant.release.errors.grayRange", { percentage: "validation.invalid" });
  const plan = await platform.grayPlan();
  const current = plan.state === "running" || plan.state === "paused" ? plan.percentage : 0;
  if (percentage <= current) {
    throw new ExpectedError("tenant.release.errors.grayTooLow", { percentage: "validation.invalid" }, { current, asked: percentage });
  }
  await changing(platform, () => platform.grayRelease({ percentage, ...flags }));
  await noteGray(platform, percentage);
}

/** Stop the running roll-out: gray users go back to the live version; the approved version stays releasable. */
export async function cancelGray(platform: TenantPlatform) {
  await changing(platform, () => platform.cancelGray());
  await noteGrayCancelled(platform.tenantId);
}

/** The versions a rollback may go back to (newest first). */
export const rollbackCandidates = (platform: TenantPlatform) => platform.releasedVersions();

/** Back to the previous released version, or to `appVersion` when named (one of rollbackCandidates). */
export async function rollback(platform: TenantPlatform, appVersion?: number) {
  await changing(platform, () => platform.rollback(appVersion));
  await noteRolledBack(platform);
}

/** Open (users can find and use the live version) or close it. */
export async function setVisit(platform: TenantPlatform, open: boolean) {
  await changing(platform, () => platform.setVisible(open));
  await noteVisible(platform.tenantId, open);
}

/** Set the minimum base library; only a version the platform lists (with its user share) is accepted. */
export async function setMinBaseLibrary(platform: TenantPlatform, version: string) {
  const { shares } = await platform.baseLibrary();
  if (!shares.some((s) => s.version === version)) {
    throw new ExpectedError("tenant.release.errors.unknownBaseLibrary", { version: "validation.invalid" }, { version });
  }
  return changing(platform, () => platform.setMinimumBaseLibrary(version));
}
