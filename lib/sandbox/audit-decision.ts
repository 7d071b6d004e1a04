import "server-only";
import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { makeScreenshots } from "./media";
import { enqueueAuditEvent } from "./push";
import { sandboxAudits, sandboxAuthorizers } from "./schema";
import { DEFAULT_RATIOS, mixOutcome } from "./decide-mix";
import { getSettings, type SandboxSettings } from "./settings";
import { mutateState } from "./state";
import { AUDIT_STATUS, UNDER_REVIEW_STATUSES, type AuthorizerCodeState } from "./types";

/**
 * `screenshot`: `|`-separated media ids to report as given; otherwise a rejection carries `screenshots` new images
 * (default 1) that the material API serves, as the platform's rejection screenshots are.
 */
export type AuditDecision = { result: "approve" | "reject" | "delay"; reason?: string; screenshot?: string; screenshots?: number };

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
type Authorizer = typeof sandboxAuthorizers.$inferSelect;
type Audit = typeof sandboxAudits.$inferSelect;

// Status values of reference §4.4: 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed.
const STATUS = { approve: AUDIT_STATUS.approved, reject: AUDIT_STATUS.rejected, delay: AUDIT_STATUS.delayed } as const;
const EVENT = { approve: "weapp_audit_success", reject: "weapp_audit_fail", delay: "weapp_audit_delay" } as const;
const DEFAULT_REASON = { reject: "1:沙盒审核员拒绝了该版本:<br>(1):sandbox rejection<br>", delay: "沙盒审核员延后了审核 (sandbox delay)" };

/** The screenshot field is `|`-separated media ids (reference §4.4); stray separators and spaces are dropped. */
const mediaIds = (s: string | undefined) =>
  (s ?? "")
    .split("|")
    .map((id) => id.trim())
    .filter(Boolean)
    .join("|");

/** Writes the decision onto a locked audit row and returns the authorizer's next state. */
async function applyDecision(tx: Tx, state: AuthorizerCodeState, audit: Audit, decision: AuditDecision) {
  const result = decision.result;
  const reason = result === "approve" ? null : decision.reason?.trim() || DEFAULT_REASON[result];
  const screenshot =
    result !== "reject"
      ? null
      : decision.screenshot !== undefined
        ? mediaIds(decision.screenshot)
        : (await makeScreenshots(audit.appid, audit.auditid, decision.screenshots ?? 1, tx)).join("|");
  await tx.update(sandboxAudits).set({ status: STATUS[result], reason, screenshot, decidedAt: new Date() }).where(eq(sandboxAudits.auditid, audit.auditid));
  // Only an approval makes something releasable; release (or a 100% gray) consumes it.
  const next = result === "approve" ? { ...state, releasableAuditId: audit.auditid } : state;
  return { next, reason: reason ?? undefined, screenshot: screenshot ?? undefined };
}

/** After commit: a push enqueued inside the transaction would announce a decision that could still roll back. */
function pushDecision(authorizer: Authorizer, result: AuditDecision["result"], detail: { reason?: string; screenshot?: string }) {
  return enqueueAuditEvent(authorizer.componentAppid, { appid: authorizer.appid, userName: authorizer.userName }, EVENT[result], detail);
}

/**
 * Decides the authorizer's audit that is under review (status 2 or 4): approve → 0, reject → 1, delay → 4,
 * and pushes weapp_audit_success / weapp_audit_fail / weapp_audit_delay. Returns the decided audit id.
 */
export async function decideAudit(appid: string, decision: AuditDecision): Promise<{ auditid: number; status: number }> {
  if (!Object.hasOwn(STATUS, decision.result)) throw new Error(`unknown audit decision "${String(decision.result)}" (approve, reject or delay)`);
  const decided = await mutateState(appid, async (state, authorizer, tx) => {
    const [audit] = await tx
      .select()
      .from(sandboxAudits)
      .where(and(eq(sandboxAudits.appid, appid), inArray(sandboxAudits.status, UNDER_REVIEW_STATUSES)))
      .orderBy(desc(sandboxAudits.auditid))
      .limit(1)
      .for("update");
    if (!audit) throw new Error(`sandbox authorizer ${appid} has no audit under review (status 2 or 4) to decide`);
    const { next, reason, screenshot } = await applyDecision(tx, state, audit, decision);
    return { state: next, result: { authorizer, auditid: audit.auditid, reason, screenshot } };
  });
  await pushDecision(decided.authorizer, decision.result, { reason: decided.reason, screenshot: decided.screenshot });
  return { auditid: decided.auditid, status: STATUS[decision.result] };
}

type AutoDecide = SandboxSettings["autoDecide"];
type Due = { auditid: number; appid: string; status: number };

/** The decision auto-decide makes for one due audit (its mode; mix draws it, see decide-mix.ts). */
function autoDecision(autoDecide: AutoDecide, due: Due): AuditDecision {
  if (autoDecide.mode === "mix") {
    const result = mixOutcome(due.appid, due.auditid, autoDecide.ratios ?? DEFAULT_RATIOS, due.status === AUDIT_STATUS.delayed);
    return { result, reason: autoDecide.reason };
  }
  return { result: autoDecide.mode as AuditDecision["result"], reason: autoDecide.reason };
}

/**
 * Auto-decide mode (settings.autoDecide): decides audits in status 2 submitted more than `afterMs` ago, and in mix
 * mode also delayed ones (status 4) delayed more than `afterMs` ago. Several processes may run this together: each
 * audit is decided under its authorizer's row lock taken with SKIP LOCKED (a mini-program busy elsewhere waits for
 * the next round), and re-read in its due status under that lock, so an audit is never decided (nor pushed) twice.
 * Up to `concurrency` audits are decided at once. Returns how many this call decided.
 */
export async function runAutoDecide(limit = 200, concurrency = 4): Promise<number> {
  const { autoDecide } = await getSettings();
  if (autoDecide.mode === "off") return 0;
  const cutoff = new Date(Date.now() - autoDecide.afterMs);
  const auditing = and(eq(sandboxAudits.status, AUDIT_STATUS.auditing), lte(sandboxAudits.submitTime, cutoff));
  const delayed = and(eq(sandboxAudits.status, AUDIT_STATUS.delayed), lte(sandboxAudits.decidedAt, cutoff));
  const due = await db
    .select({ auditid: sandboxAudits.auditid, appid: sandboxAudits.appid, status: sandboxAudits.status })
    .from(sandboxAudits)
    .where(autoDecide.mode === "mix" ? or(auditing, delayed) : auditing)
    .orderBy(asc(sandboxAudits.auditid))
    .limit(limit);

  let decidedCount = 0;
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const item = due[next++]!;
      if (await decideDue(item, autoDecision(autoDecide, item))) decidedCount++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return decidedCount;
}

async function decideDue({ auditid, appid, status }: Due, decision: AuditDecision): Promise<boolean> {
  const decided = await db.transaction(async (tx) => {
    const [authorizer] = await tx.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, appid)).for("update", { skipLocked: true });
    if (!authorizer) return null;
    const [audit] = await tx
      .select()
      .from(sandboxAudits)
      .where(and(eq(sandboxAudits.auditid, auditid), eq(sandboxAudits.status, status)))
      .for("update");
    if (!audit) return null;
    const { next, reason, screenshot } = await applyDecision(tx, structuredClone(authorizer.state ?? {}), audit, decision);
    // Same write as mutateState's, which cannot be used here: it waits for the lock instead of skipping.
    await tx.update(sandboxAuthorizers).set({ state: sql`${JSON.stringify(next)}::jsonb` }).where(eq(sandboxAuthorizers.appid, appid));
    return { authorizer, reason, screenshot };
  });
  if (!decided) return false;
  await pushDecision(decided.authorizer, decision.result, { reason: decided.reason, screenshot: decided.screenshot });
  return true;
}
