import "server-only";
import { and, count, desc, eq, gte, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { forgetBoard } from "./versions";
import { noteSubmitted } from "./fleet-events";
import { operations, tenantAudits, tenants, type Tenant, type TenantAudit } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import type { AuditSubmission, CallContext, PrivacyScan, TenantPlatform } from "@/lib/platforms/port";
import { draftIssues, submissionOf, type AuditDraft, type DraftIssue } from "@/lib/validation/audit-submission";
import { UNDER_REVIEW_STATES } from "@/lib/vocab";
import { reconcileAudits } from "./audit-reconcile";
import { uploadGate } from "./audits-upload";
import { textDraftIssues } from "@/lib/validation/audit-text";

/**
 * Submitting a tenant's trial version for review, and what the audit card shows and does afterwards. Called by the
 * audit page's actions and by the bulk jobs alike: the checks are here, not in a form.
 */

/** Server field errors are the generic validation keys; the form shows the precise limit itself. */
const VALIDATION_KEY: Record<DraftIssue["rule"], string> = {
  required: "validation.required",
  tooLong: "validation.tooLong",
  tooMany: "validation.tooLong",
  tooFew: "validation.required",
};

/** What submit_audit's options were, as stored beside the item_list (tenant_audits.options). */
type StoredOptions = Omit<AuditSubmission, "items">;

/**
 * Checks the draft (every documented limit), then the privacy scan, then submits and records the audit as
 * auditing. Nothing reaches submit_audit while the draft breaks a limit or the scan runs: a refused submission may
 * still spend the monthly quota, and a submission during the scan only answers 61039. APIs the scan lists as not
 * configured are left to the platform (61040 unless `privacyApiNotUse`), whose answer the operator sees as is.
 */
export async function submitForTenant(
  tenant: Tenant,
  platform: TenantPlatform,
  draft: AuditDraft,
  actor: { id: string } | null,
  options: { profileId?: string | null } = {},
): Promise<{ auditid: number }> {
  // A platform whose submission is a text (Baidu: content + remark) has no items to check, and no privacy scan:
  // its gate is the upload itself (still processing or failed: nothing is submitted).
  const itemsApply = platform.capabilities.auditItems;
  const issues = itemsApply ? draftIssues(draft) : textDraftIssues(draft);
  if (Object.keys(issues).length > 0) {
    const fieldErrors = Object.fromEntries(Object.entries(issues).map(([path, issue]) => [path, VALIDATION_KEY[issue.rule]]));
    throw new ExpectedError("audit.errors.invalidDraft", fieldErrors);
  }
  if (platform.capabilities.privacyCheck) {
    const scan = await platform.privacyInfo();
    if (scan.scanning) throw new ExpectedError("audit.errors.scanRunning");
  } else {
    await uploadGate(platform);
  }

  const submission = submissionOf(itemsApply ? draft : { ...draft, items: [] });
  const { auditid } = await platform.submitAudit(submission);
  const { items, ...rest } = submission;
  const stored: StoredOptions = rest;
  await db
    .insert(tenantAudits)
    .values({ tenantId: tenant.id, auditid, state: "auditing", itemList: items, options: stored, actorId: actor?.id ?? null })
    // The push may have come first (applyAuditEvent then created the row from the platform): keep its decision.
    .onConflictDoUpdate({ target: [tenantAudits.tenantId, tenantAudits.auditid], set: { itemList: items, options: stored, actorId: actor?.id ?? null } });
  if (options.profileId) await db.update(tenants).set({ lastAuditProfileId: options.profileId }).where(eq(tenants.id, tenant.id));
  await noteSubmitted(tenant.id, auditid);
  forgetBoard(tenant.id);
  return { auditid };
}

/** The privacy gate's read: the scan's state and lists. */
export const privacyGate = (platform: TenantPlatform): Promise<PrivacyScan> => platform.privacyInfo();

/** The newest audit the console recorded for the tenant. */
export async function latestTenantAudit(tenantId: string): Promise<TenantAudit | null> {
  const [row] = await db
    .select()
    .from(tenantAudits)
    .where(eq(tenantAudits.tenantId, tenantId))
    .orderBy(desc(tenantAudits.submittedAt), desc(tenantAudits.auditid))
    .limit(1);
  return row ?? null;
}

/**
 * Ask the platform about an audit under review at most this often while a page polls: pushes decide it at once, this
 * only bounds the wait when a push is lost (the half-hourly sweep would otherwise be the next to ask).
 */
export const ON_DEMAND_RECONCILE_MS = 30_000;

/** The audit card's read while a page polls: reconciles an audit under review not confirmed for 30 s, then reads. */
export async function pollTenantAudit(tenantId: string, context: CallContext = {}): Promise<TenantAudit | null> {
  const row = await latestTenantAudit(tenantId);
  if (row && (UNDER_REVIEW_STATES as readonly string[]).includes(row.state) && Date.now() - row.updatedAt.getTime() >= ON_DEMAND_RECONCILE_MS) {
    // A refusal here (token, network) must not break the card: the next poll or the sweep tries again.
    await reconcileAudits({ tenantIds: [tenantId], olderThanMs: ON_DEMAND_RECONCILE_MS, context }).catch(() => undefined);
    return latestTenantAudit(tenantId);
  }
  return row;
}

/** The platform's documented withdrawal limits per mini-program (87013 beyond them). */
export const UNDO_LIMITS = { day: 5, month: 10 } as const;

// The platform counts in China's calendar (UTC+8, no daylight saving).
const CHINA_OFFSET_MS = 8 * 3600_000;
export function chinaPeriodStarts(now: Date) {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CHINA_OFFSET_MS;
  const month = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - CHINA_OFFSET_MS;
  return { day: new Date(day), month: new Date(month) };
}

/**
 * Withdrawals left today and this month, from the console's own successful undocodeaudit calls for this tenant in the
 * history (the platform does not report them; a withdrawal made outside the console is not counted).
 */
export async function undoCountsLeft(tenantId: string, now = new Date()) {
  const starts = chinaPeriodStarts(now);
  const used = async (since: Date) => {
    const [row] = await db
      .select({ n: count() })
      .from(operations)
      .where(and(eq(operations.tenantId, tenantId), eq(operations.action, "wxa.undocodeaudit"), eq(operations.ok, true), gte(operations.at, since)));
    return row?.n ?? 0;
  };
  const [day, month] = [await used(starts.day), await used(starts.month)];
  return {
    dayLeft: Math.max(0, UNDO_LIMITS.day - day),
    dayLimit: UNDO_LIMITS.day,
    monthLeft: Math.max(0, UNDO_LIMITS.month - month),
    monthLimit: UNDO_LIMITS.month,
  };
}

async function underReview(tenantId: string) {
  const [row] = await db
    .select()
    .from(tenantAudits)
    .where(and(eq(tenantAudits.tenantId, tenantId), inArray(tenantAudits.state, UNDER_REVIEW_STATES)))
    .orderBy(desc(tenantAudits.submittedAt), desc(tenantAudits.auditid))
    .limit(1);
  return row ?? null;
}

/** Withdraws the audit under review (the platform decides whether it may: 87013 past its limits) and records it. */
export async function withdrawForTenant(tenant: Tenant, platform: TenantPlatform) {
  await platform.withdrawAudit();
  forgetBoard(tenant.id);
  const open = await underReview(tenant.id);
  if (open) {
    await db
      .update(tenantAudits)
      .set({ state: "withdrawn", reason: null, screenshots: [], updatedAt: new Date() })
      .where(and(eq(tenantAudits.tenantId, tenant.id), eq(tenantAudits.auditid, open.auditid)));
  }
  return { auditid: open?.auditid ?? null, ...(await undoCountsLeft(tenant.id)) };
}

/** Asks for a faster review of the audit under review; answers the speed-up quota left afterwards. */
export async function speedupForTenant(tenant: Tenant, platform: TenantPlatform) {
  const open = await underReview(tenant.id);
  if (!open) throw new ExpectedError("audit.errors.nothingUnderReview");
  await platform.speedupAudit(open.auditid);
  const quota = await platform.auditQuota();
  return { auditid: open.auditid, speedupsLeft: quota.speedupsLeft, speedupLimit: quota.speedupLimit };
}
