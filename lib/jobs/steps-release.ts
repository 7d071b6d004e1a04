import "server-only";
import { cancelGray, grayStep, releaseTenant, rollback, setMinBaseLibrary, setVisit } from "@/lib/console/releases";
import { ExpectedError } from "@/lib/errors";
import type { JobParams } from "./params";
import { refreshSnapshot } from "@/lib/console/fleet";
import type { StepContext, StepOutcome } from "./step-types";

/**
 * The release side of a tenant, one step each, through the same lib/console/releases.ts functions the tenant page's
 * actions call (they record what changed in the fleet snapshot, lib/console/fleet-events.ts).
 */

export async function releaseStep(ctx: StepContext): Promise<StepOutcome> {
  await releaseTenant(ctx.platform);
  return { kind: "next", result: { released: true } };
}

/** A roll-out already at or above the percentage is left alone (skipped): a gray step never goes down. */
export async function grayStepOf(ctx: StepContext, params: JobParams["gray"]): Promise<StepOutcome> {
  try {
    await grayStep(ctx.platform, params.percentage, { membersFirst: params.membersFirst, testersFirst: params.testersFirst });
  } catch (error) {
    if (error instanceof ExpectedError && error.messageKey === "tenant.release.errors.grayTooLow") {
      return { kind: "skip", reason: "jobs.reasons.grayWouldGoDown", values: error.values };
    }
    throw error;
  }
  return { kind: "next", result: { percentage: params.percentage } };
}

export async function cancelGrayStep(ctx: StepContext): Promise<StepOutcome> {
  await cancelGray(ctx.platform);
  return { kind: "next", result: { grayCancelled: true } };
}

export async function rollbackStep(ctx: StepContext): Promise<StepOutcome> {
  await rollback(ctx.platform);
  return { kind: "next", result: { rolledBack: true } };
}

export async function visitStep(ctx: StepContext, params: JobParams["visit_status"]): Promise<StepOutcome> {
  await setVisit(ctx.platform, params.open);
  return { kind: "next", result: { open: params.open } };
}

export async function baseLibraryStep(ctx: StepContext, params: JobParams["base_library"]): Promise<StepOutcome> {
  await setMinBaseLibrary(ctx.platform, params.version);
  return { kind: "next", result: { version: params.version } };
}

/** Reads what the platform holds (versions, latest audit, gray plan, visibility) into the fleet snapshot. */
export async function refreshStep(ctx: StepContext): Promise<StepOutcome> {
  const snapshot = await refreshSnapshot(ctx.tenant, ctx.platform);
  return { kind: "next", result: { trial: snapshot.trialVersion, live: snapshot.liveVersion, audit: snapshot.auditState ?? "none" } };
}
