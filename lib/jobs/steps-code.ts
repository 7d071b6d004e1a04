import "server-only";
import { and, eq } from "drizzle-orm";
import { commitForTenant } from "@/lib/console/commits";
import { latestTenantAudit, submitForTenant } from "@/lib/console/audit-submit";
import { getTemplate } from "@/lib/console/templates";
import { db } from "@/lib/db/client";
import { tenantAudits } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { PlatformError, type Audit, type TenantPlatform } from "@/lib/platforms/port";
import { isUnderReview } from "@/lib/vocab";
import { loadProfile, mapDraft, tenantCategories, type Mapped } from "./audit-draft";
import type { AuditDraft } from "@/lib/validation/audit-submission";
import type { Inflight } from "./items";
import { templateIdFor, type JobParams } from "./params";
import { noteAuditDecided, noteCommitted } from "@/lib/console/fleet-events";
import type { StepContext, StepOutcome } from "./step-types";

/**
 * Commit, submit and the audit wait. Commit and submit_audit are sent at most once per item: `inflight` is
 * persisted before the call, and an item found with it set (a crash, a lost answer) first asks the platform whether
 * the call landed — commit: the trial is the version sent, committed after the attempt; submit: the latest audit is
 * a new one — and sends again only when it did not.
 */

/** Clocks differ a little between the platform and the console. */
const CLOCK_SLACK_MS = 60_000;
/** How long to wait before asking again while the privacy scan of the new code runs. */
export const PRIVACY_WAIT_MS = 2_000;

const since = (inflight: Inflight) => new Date(inflight.at).getTime() - CLOCK_SLACK_MS;

async function commitLanded(platform: TenantPlatform, inflight: Inflight, userDesc: string): Promise<boolean> {
  // An upload the platform is still taking in (Baidu) is no trial version yet, but it landed.
  const status = await platform.commitStatus();
  if (status.state === "processing" && status.userVersion === inflight.userVersion) return true;
  const trial = (await platform.versions()).find((v) => v.kind === "trial");
  if (!trial || trial.userVersion !== inflight.userVersion || trial.userDesc !== userDesc) return false;
  return !trial.committedAt || trial.committedAt.getTime() >= since(inflight);
}

export async function commitStep(ctx: StepContext, params: JobParams["commit"]): Promise<StepOutcome> {
  const templateId = templateIdFor(params, ctx.tenant.accountId);
  // The template's own version only when the job names none (one read less per item otherwise).
  const userVersion = params.userVersion || (await getTemplate(ctx.tenant.accountId, templateId))?.userVersion || "";
  const produced = { userVersion, templateId };
  if (ctx.item.inflight?.step === "commit" && (await commitLanded(ctx.platform, ctx.item.inflight, params.userDesc))) {
    // The commit landed without its answer: commitForTenant did not record it, so the fleet snapshot learns it here.
    await noteCommitted(ctx.tenant.id, { userVersion, templateId });
    return { kind: "next", result: { ...produced, recovered: true } };
  }
  if (!userVersion) return { kind: "fail", reason: "commit.errors.userVersionRequired" };
  await ctx.markInflight({ step: "commit", userVersion });
  await commitForTenant(ctx.tenant, ctx.platform, { templateId, userVersion, userDesc: params.userDesc, extJson: params.extJson }, {
    actorId: ctx.actor?.id ?? null,
    bulkJobId: ctx.item.jobId,
  });
  return { kind: "next", result: produced };
}

/** Takes the platform's audit as this item's (a submission that landed without its answer, or 85009). */
async function adopt(ctx: StepContext, audit: Audit): Promise<StepOutcome> {
  await db
    .insert(tenantAudits)
    .values({
      tenantId: ctx.tenant.id,
      auditid: audit.auditid,
      state: audit.state,
      reason: audit.reason,
      screenshots: audit.screenshots,
      userVersion: audit.userVersion,
      submittedAt: audit.submittedAt ?? new Date(),
      actorId: ctx.actor?.id ?? null,
    })
    .onConflictDoNothing();
  await noteAuditDecided(ctx.tenant.id, { auditid: audit.auditid, state: audit.state, userVersion: audit.userVersion });
  return { kind: "next", result: { auditid: audit.auditid, adopted: true } };
}

/**
 * What a submission waits for, asked again shortly: WeChat's privacy scan of the new code, or (platforms without
 * one, Baidu) the upload the platform is still taking in. Nothing was submitted; the commit is never sent again.
 */
const WAIT_KEYS = new Set(["audit.errors.scanRunning", "baiduPages.errors.uploadProcessing"]);

/**
 * The profile as this tenant's submission: mapped onto its categories and pages (WeChat's item_list), or, where the
 * submission is a text (Baidu), the job's content and remark in place of the profile's description and feedback.
 */
async function draftFor(ctx: StepContext, draft: AuditDraft, params: JobParams["submit"]): Promise<Mapped> {
  if (!ctx.platform.capabilities.auditItems) {
    return { ok: true, draft: { ...draft, items: [], versionDesc: params.content || draft.versionDesc, feedbackInfo: params.remark || draft.feedbackInfo } };
  }
  const categories = await tenantCategories(ctx.tenant.id, ctx.platform);
  return mapDraft(draft, categories, await ctx.platform.pages());
}

export async function submitStep(ctx: StepContext, params: JobParams["submit"]): Promise<StepOutcome> {
  const inflight = ctx.item.inflight;
  if (inflight?.step === "submit") {
    const latest = await ctx.platform.latestAudit();
    const isNew = latest && latest.auditid !== (inflight.auditid ?? null) && (!latest.submittedAt || latest.submittedAt.getTime() >= since(inflight));
    if (latest && isNew) return adopt(ctx, latest);
  }
  const profile = await loadProfile(params.profileId);
  if (!profile) return { kind: "fail", reason: "jobs.messages.profileGone" };
  const mapped = await draftFor(ctx, profile.draft, params);
  if (!mapped.ok) return { kind: "fail", reason: `jobs.reasons.${mapped.reason}`, values: mapped.detail ?? undefined };

  const before = (await latestTenantAudit(ctx.tenant.id))?.auditid ?? null;
  await ctx.markInflight({ step: "submit", auditid: before });
  try {
    const draft = { ...mapped.draft, privacyApiNotUse: params.privacyApiNotUse };
    const { auditid } = await submitForTenant(ctx.tenant, ctx.platform, draft, ctx.actor, { profileId: profile.id });
    return { kind: "next", result: { auditid } };
  } catch (error) {
    // The scan of the new code still runs: nothing was submitted (never commit again for it); ask again shortly.
    if (error instanceof ExpectedError && WAIT_KEYS.has(error.messageKey)) return { kind: "park", afterMs: PRIVACY_WAIT_MS };
    // The platform failed the upload (Baidu): nothing to submit; the job page says so in the jobs' words.
    if (error instanceof ExpectedError && error.messageKey === "baiduPages.errors.uploadFailed") return { kind: "fail", reason: "jobs.messages.uploadFailed", values: error.values };
    if (error instanceof PlatformError && error.code === 61039) return { kind: "park", afterMs: PRIVACY_WAIT_MS };
    // "Already auditing" is a state, not a failure: the audit under review is the one to follow.
    if (error instanceof PlatformError && error.code === 85009) {
      const latest = await ctx.platform.latestAudit();
      if (latest) return adopt(ctx, latest);
    }
    throw error;
  }
}

/** Waits (parked, no worker held) until the item's audit is decided; a rejection or withdrawal ends the item. */
export async function auditStep(ctx: StepContext): Promise<StepOutcome> {
  const auditid = Number(ctx.result.auditid);
  if (!Number.isFinite(auditid)) return { kind: "fail", reason: "jobs.messages.noAudit" };
  const [row] = await db.select().from(tenantAudits).where(and(eq(tenantAudits.tenantId, ctx.tenant.id), eq(tenantAudits.auditid, auditid)));
  if (!row || isUnderReview(row.state)) return { kind: "audit" };
  if (row.state === "approved") return { kind: "next", result: { audit: "approved" } };
  return { kind: "fail", reason: row.state === "rejected" ? "jobs.messages.auditRejected" : "jobs.messages.auditWithdrawn", message: row.reason };
}
