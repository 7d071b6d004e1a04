import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "../errors";
import type { PlatformRow, RouteDef, SandboxContext } from "../router";
import { sandboxAudits, sandboxPlatforms } from "../schema";
import { chinaDay, chinaMonth, mutateState } from "../state";
import { UNDER_REVIEW_STATUSES } from "../types";
import { privacyBlocksSubmit } from "../ext-json";
import { bool, int } from "./params";
import { checkItems, checkOptionalText, readItemList, readPreviewInfo } from "./audit-items";
import { liveMediaOf } from "../media";
import { countApplied } from "../request-log";

/**
 * Audit family (reference §4.1, §4.4–§4.6): submit_audit, get_auditstatus, get_latest_auditstatus,
 * undocodeaudit, speedupaudit, queryquota. Outcomes are decided by the reviewer (lib/sandbox/audit-decision.ts).
 */

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
export type AuditRow = typeof sandboxAudits.$inferSelect;

/**
 * What sandbox_audits.request holds: the body as submitted, and the trial it audited (release needs the
 * commit time for version_list, and the trial may be replaced by a new commit while the audit runs).
 */
export type AuditRequest = {
  body: Record<string, unknown>;
  trial: { templateId: number; userVersion: string; userDesc: string; committedAt: number };
};

const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * The platform's monthly submit/speed-up counters (shared by all its authorizers, reference §10.12), locked for
 * this transaction. Reset lazily: the first writer of a new China month zeroes every monthly counter of the row
 * (clear_quota's too, since the one quota_month column stands for all of them).
 */
export async function lockPlatformQuota(tx: Tx, componentAppid: string): Promise<PlatformRow> {
  const [row] = await tx.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid)).for("update");
  if (!row) throw new Error(`sandbox platform ${componentAppid} not found`);
  const month = chinaMonth();
  if (row.quotaMonth === month) return row;
  const [reset] = await tx
    .update(sandboxPlatforms)
    .set({ quotaMonth: month, auditQuotaUsed: 0, speedupQuotaUsed: 0, clearQuotaUsed: 0 })
    .where(eq(sandboxPlatforms.componentAppid, componentAppid))
    .returning();
  return reset!;
}

/** Read-only view of the same counters (queryquota must not need a write to show a new month's quota). */
async function currentQuota(componentAppid: string) {
  const [row] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
  if (!row) throw new Error(`sandbox platform ${componentAppid} not found`);
  const fresh = row.quotaMonth !== chinaMonth();
  return {
    rest: Math.max(0, row.auditQuotaLimit - (fresh ? 0 : row.auditQuotaUsed)),
    limit: row.auditQuotaLimit,
    speedup_rest: Math.max(0, row.speedupQuotaLimit - (fresh ? 0 : row.speedupQuotaUsed)),
    speedup_limit: row.speedupQuotaLimit,
  };
}

async function ownAudit(ctx: SandboxContext, auditid: number, tx: Tx | typeof db = db, lock = false) {
  const query = tx
    .select()
    .from(sandboxAudits)
    .where(and(eq(sandboxAudits.auditid, auditid), eq(sandboxAudits.appid, ctx.authorizer!.appid)));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/**
 * preview_info must name this mini-program's uploads, still valid (3 days), pictures as pictures and videos as videos:
 * (assump.) anything else is 85092 like a malformed list, the platform documents no other code for it.
 */
async function checkPreviewMedia(tx: Tx, appid: string, preview: { pics: string[]; videos: string[] }) {
  const found = await liveMediaOf(appid, [...preview.pics, ...preview.videos], tx);
  const kindOf = new Map(found.filter((m) => m.purpose === "audit_upload").map((m) => [m.mediaId, m.kind]));
  const ok = preview.pics.every((id) => kindOf.get(id) === "image") && preview.videos.every((id) => kindOf.get(id) === "video");
  if (!ok) fail(85092, "preview_info format error");
}

async function submitAudit(ctx: SandboxContext) {
  // Shape first (47001), then state (86002 → 85086 → 61039 → 61040 → 85009), then the items, then the quota: a refused
  // submission never spends quota.
  const items = readItemList(ctx.body);
  checkOptionalText(ctx.body);
  const privacyApiNotUse = bool(ctx.body, "privacy_api_not_use") === true;
  const preview = readPreviewInfo(ctx.body);
  const authorizer = ctx.authorizer!;
  if (!authorizer.initComplete) fail(86002, "miniprogram have not completed init procedure");
  return mutateState(authorizer.appid, async (state, current, tx) => {
    const trial = state.trial;
    if (!trial) fail(85086, "must commit before submit audit");
    // The scan started by the last commit (reference §10.10); the document's own text, as get_code_privacy_info has it.
    if (Date.now() < trial!.scanReadyAt) fail(61039, "隐私接口检查任务未完成，请稍等一分钟再重试");
    // Seed 002: location APIs used but undeclared in requiredPrivateInfos, or not permitted, are 61040 unless the
    // submission declares them unused. (assump.) Trials stored before the scan knew the code's APIs carry no lists.
    if (!privacyApiNotUse && trial!.privacy && privacyBlocksSubmit(trial!.privacy)) fail(61040, "privacy api not configured or without permission");
    const [busy] = await tx
      .select({ auditid: sandboxAudits.auditid })
      .from(sandboxAudits)
      .where(and(eq(sandboxAudits.appid, current.appid), inArray(sandboxAudits.status, UNDER_REVIEW_STATUSES)))
      .limit(1);
    if (busy) fail(85009, "already submit a version under auditing");
    if (items) checkItems(items, trial!.pages, current.categories);
    if (preview) await checkPreviewMedia(tx, current.appid, preview);

    const platform = await lockPlatformQuota(tx, current.componentAppid);
    if (platform.auditQuotaUsed >= platform.auditQuotaLimit) fail(85085, "submit audit reach limit");
    await tx
      .update(sandboxPlatforms)
      .set({ auditQuotaUsed: sql`${sandboxPlatforms.auditQuotaUsed} + 1` })
      .where(eq(sandboxPlatforms.componentAppid, current.componentAppid));
    const request: AuditRequest = {
      body: ctx.body,
      trial: { templateId: trial!.templateId, userVersion: trial!.userVersion, userDesc: trial!.userDesc, committedAt: trial!.committedAt },
    };
    const [row] = await tx
      .insert(sandboxAudits)
      .values({ appid: current.appid, status: 2, userVersion: trial!.userVersion, userDesc: trial!.userDesc, request })
      .returning({ auditid: sandboxAudits.auditid });
    await countApplied(tx, current.appid, ctx.path);
    return { state: { ...state, latestAuditId: row!.auditid }, result: { auditid: row!.auditid } };
  });
}

/** Withdraw (status 3). The submit quota is not refunded (assump., as SDK guides report: 撤回不返还额度). */
async function undoAudit(ctx: SandboxContext) {
  return mutateState(ctx.authorizer!.appid, async (state, current, tx) => {
    const [latest] = await tx
      .select()
      .from(sandboxAudits)
      .where(eq(sandboxAudits.appid, current.appid))
      .orderBy(desc(sandboxAudits.auditid))
      .limit(1)
      .for("update");
    // Only an audit in status 2 can be withdrawn (reference §4.6). Nothing to withdraw has no documented code;
    // 85012 "invalid audit id" (assump.) rather than -1, which clients would retry forever.
    if (!latest || latest.status !== 2) fail(85012, "invalid audit id");
    // 5/day and 10/month per mini-program by default, in China calendar days (settings; reference §10.9).
    const day = chinaDay();
    const month = chinaMonth();
    const dayCount = state.undo?.day === day ? state.undo.dayCount : 0;
    const monthCount = state.undo?.month === month ? state.undo.monthCount : 0;
    if (dayCount >= ctx.settings.undoDailyLimit || monthCount >= ctx.settings.undoMonthlyLimit) fail(87013, "no quota to undo code");
    await tx.update(sandboxAudits).set({ status: 3, decidedAt: new Date() }).where(eq(sandboxAudits.auditid, latest!.auditid));
    return { state: { ...state, undo: { day, dayCount: dayCount + 1, month, monthCount: monthCount + 1 } }, result: {} };
  });
}

async function speedupAudit(ctx: SandboxContext) {
  const auditid = int(ctx.body, "auditid", { required: true })!;
  return db.transaction(async (tx) => {
    const audit = await ownAudit(ctx, auditid, tx, true);
    // An unknown (or another account's) audit id is not in this account's queue either (assump.: 89402, not 85012).
    if (!audit || audit.status !== 2) fail(89402, "the mini program is not in the audit queue");
    if (audit!.spedUp) fail(89404, "the audit has already been sped up");
    const platform = await lockPlatformQuota(tx, ctx.authorizer!.componentAppid);
    if (platform.speedupQuotaUsed >= platform.speedupQuotaLimit) fail(89405, "speedup quota of this month has been used up");
    await tx
      .update(sandboxPlatforms)
      .set({ speedupQuotaUsed: sql`${sandboxPlatforms.speedupQuotaUsed} + 1` })
      .where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    await tx.update(sandboxAudits).set({ spedUp: true }).where(eq(sandboxAudits.auditid, auditid));
    return {};
  });
}

// Code management: authorizer token, permission set 18 (reference §4).
const code18 = { token: "authorizer", envelope: "wxa", permissions: [18] } satisfies Partial<RouteDef>;

export const auditRoutes: RouteDef[] = [
  // Every POST of this family answers an empty body with 44002 (assump. for submit_audit, whose fields are all
  // optional: `{}` is accepted, an absent body is not — the platform refuses empty POSTs generally, §10.6).
  { ...code18, method: "POST", path: "/wxa/submit_audit", body: "json-required", handler: submitAudit },
  {
    ...code18,
    method: "POST",
    path: "/wxa/get_auditstatus",
    body: "json-required",
    async handler(ctx) {
      const audit = await ownAudit(ctx, int(ctx.body, "auditid", { required: true })!);
      if (!audit) fail(85012, "invalid audit id");
      // reason/screenshot are always present, empty unless rejected (1) or delayed (4) (assump.: stable shape).
      return { status: audit!.status, reason: audit!.reason ?? "", screenshot: audit!.screenshot ?? "" };
    },
  },
  {
    ...code18,
    method: "GET",
    path: "/wxa/get_latest_auditstatus",
    body: "none",
    async handler(ctx) {
      const latest = ctx.authorizer!.state.latestAuditId;
      const audit = latest === undefined ? undefined : await ownAudit(ctx, latest);
      // Never submitted: the old page lists 85012 for this call, the new one does not; 85012 (assump.).
      if (!audit) fail(85012, "invalid audit id");
      const shot = audit!.screenshot ?? "";
      return {
        // A number, per the new page's field table (the old example showed "1234567" as a string).
        auditid: audit!.auditid,
        status: audit!.status,
        reason: audit!.reason ?? "",
        // Both casings are seen (field table vs official example, reference §4.1 / §10.16): emit both.
        ScreenShot: shot,
        screenshot: shot,
        user_version: audit!.userVersion,
        user_desc: audit!.userDesc,
        submit_audit_time: unixSeconds(audit!.submitTime),
      };
    },
  },
  { ...code18, method: "GET", path: "/wxa/undocodeaudit", body: "none", handler: undoAudit },
  { ...code18, method: "POST", path: "/wxa/speedupaudit", body: "json-required", handler: speedupAudit },
  {
    ...code18,
    method: "GET",
    path: "/wxa/queryquota",
    body: "none",
    handler: (ctx) => currentQuota(ctx.authorizer!.componentAppid),
  },
];
