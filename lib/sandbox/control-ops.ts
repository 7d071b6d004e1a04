import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decideAudit } from "./audit-decision";
import { clearFaultCache } from "./faults";
import { deliverDuePushes, enqueueAuthChange, enqueueTicketPush } from "./push";
import { createAuthorizers, createPlatform } from "./registry";
import { sandboxAudits, sandboxAuthorizers, sandboxFaults, sandboxPlatforms } from "./schema";
import { resetRequestLog } from "./request-log";
import { clearSettingsCache, getSettings, updateSettings } from "./settings";
import { revokeAuthorizerTokens } from "./tokens";
import { UNDER_REVIEW_STATUSES } from "./types";
import { activeFaults, describePlatform } from "./control-state";
import type { DraftInput, FaultInput, SettingsPatch } from "./control-schemas";
import { draftPrivacyApis } from "./code-privacy";
import { createDraft } from "./drafts";
import { clearBaiduSettingsCache } from "./baidu/settings";

/**
 * The sandbox control operations, one implementation for both callers: the HTTP control surface
 * (lib/sandbox/control.ts) and the console's Sandbox page (app/(console)/sandbox/actions.ts).
 * Inputs are already validated (control-schemas.ts); expected refusals throw ControlError.
 */

export type ControlErrorCode =
  | "platform_not_found"
  | "authorizer_not_found"
  | "no_platform"
  | "no_audit_under_review"
  | "already_unauthorized";

/** An expected refusal: HTTP status for the control surface, a code the console translates (sandbox.errors.*). */
export class ControlError extends Error {
  constructor(
    readonly code: ControlErrorCode,
    readonly status: 404 | 409,
  ) {
    super(code);
    this.name = "ControlError";
  }
}

export async function decide(input: { appid: string; result: "approve" | "reject" | "delay"; reason?: string; screenshot?: string; screenshots?: number }) {
  const [authorizer] = await db.select({ appid: sandboxAuthorizers.appid }).from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, input.appid));
  if (!authorizer) throw new ControlError("authorizer_not_found", 404);
  // Checked here so both callers get a clear 409 instead of whatever the state machine throws for a bad state.
  const [latest] = await db
    .select({ status: sandboxAudits.status })
    .from(sandboxAudits)
    .where(eq(sandboxAudits.appid, input.appid))
    .orderBy(desc(sandboxAudits.auditid))
    .limit(1);
  if (!latest || !UNDER_REVIEW_STATUSES.includes(latest.status)) throw new ControlError("no_audit_under_review", 409);
  return decideAudit(input.appid, { result: input.result, reason: input.reason, screenshot: input.screenshot, screenshots: input.screenshots });
}

/** Partial settings; nested groups merge with the current values, so `{autoDecide:{mode:"approve"}}` keeps afterMs. */
export async function patchSettings(patch: SettingsPatch) {
  const current = await getSettings();
  const { latency, autoDecide, qrJump, latencyByAppid, ...flat } = patch;
  const next = { ...current, ...stripUndefined(flat) };
  if (latency) next.latency = { ...current.latency, ...stripUndefined(latency) };
  if (latencyByAppid) next.latencyByAppid = mergeLatencies(current.latencyByAppid, latencyByAppid);
  if (qrJump) next.qrJump = { ...current.qrJump, ...stripUndefined(qrJump) };
  if (autoDecide) {
    const { reason, ...rest } = autoDecide;
    const merged = { ...current.autoDecide, ...stripUndefined(rest) };
    if (reason === null) delete merged.reason;
    else if (reason !== undefined) merged.reason = reason;
    next.autoDecide = merged;
  }
  return updateSettings(next);
}

type Latency = { ms: number; jitterMs: number };

/** Per-appid latencies merged into the current ones; null (or 0 ms and 0 jitter) removes an appid's. */
function mergeLatencies(current: Record<string, Latency>, patch: Record<string, Latency | null>): Record<string, Latency> {
  const next = { ...current };
  for (const [appid, latency] of Object.entries(patch)) {
    if (latency === null || (latency.ms === 0 && latency.jitterMs === 0)) delete next[appid];
    else next[appid] = latency;
  }
  return next;
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

/** The global latency, or with `appid` that account's (on top of the global one); answers what was set. */
export async function setLatency(input: { ms: number; jitter_ms: number; appid?: string }) {
  const latency = { ms: input.ms, jitterMs: input.jitter_ms };
  if (input.appid === undefined) return (await updateSettings({ latency })).latency;
  const { latencyByAppid } = await updateSettings({ latencyByAppid: mergeLatencies((await getSettings()).latencyByAppid, { [input.appid]: latency }) });
  return { appid: input.appid, ...(latencyByAppid[input.appid] ?? { ms: 0, jitterMs: 0 }) };
}

export async function addFault(input: FaultInput) {
  const [row] = await db
    .insert(sandboxFaults)
    .values({
      pathPattern: input.path,
      errcode: input.errcode ?? null,
      httpStatus: input.http_status ?? null,
      timeoutMs: input.timeout_ms ?? null,
      probability: input.probability,
      remaining: input.count ?? null,
      appid: input.appid ?? null,
      loseAnswer: input.lose_answer ?? false,
    })
    .returning({ id: sandboxFaults.id });
  // This process sees the fault at once; other processes within their cache's half second.
  clearFaultCache();
  return { id: row!.id, faults: await activeFaults() };
}

export async function clearFaults(input: { id?: number }) {
  const removed = await db
    .delete(sandboxFaults)
    .where(input.id === undefined ? sql`true` : eq(sandboxFaults.id, input.id))
    .returning({ id: sandboxFaults.id });
  clearFaultCache();
  return { removed: removed.length };
}

/** Delivers everything due now, in rounds (deliverDuePushes claims at most `limit` per call). */
export async function deliverNow(maxRounds = 10) {
  const limit = 50;
  let attempted = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await deliverDuePushes(limit);
    attempted += n;
    if (n < limit) break;
  }
  return { attempted };
}

export async function pushTickets(input: { component_appid?: string }) {
  const platforms = await db
    .select({ componentAppid: sandboxPlatforms.componentAppid })
    .from(sandboxPlatforms)
    .where(input.component_appid ? eq(sandboxPlatforms.componentAppid, input.component_appid) : sql`true`)
    .orderBy(asc(sandboxPlatforms.createdAt));
  if (platforms.length === 0) throw new ControlError(input.component_appid ? "platform_not_found" : "no_platform", input.component_appid ? 404 : 409);
  for (const p of platforms) await enqueueTicketPush(p.componentAppid);
  const { attempted } = await deliverNow();
  return { pushed: platforms.map((p) => p.componentAppid), delivered: attempted };
}

/** The merchant revokes the authorization (only possible on mp.weixin.qq.com in reality, hence a control action). */
export async function unauthorize(input: { appid: string }) {
  const [row] = await db
    .update(sandboxAuthorizers)
    .set({ authorized: false, refreshToken: null })
    .where(and(eq(sandboxAuthorizers.appid, input.appid), eq(sandboxAuthorizers.authorized, true)))
    .returning({ componentAppid: sandboxAuthorizers.componentAppid });
  if (!row) {
    const [exists] = await db.select({ appid: sandboxAuthorizers.appid }).from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, input.appid));
    throw exists ? new ControlError("already_unauthorized", 409) : new ControlError("authorizer_not_found", 404);
  }
  await revokeAuthorizerTokens(input.appid);
  const pushId = await enqueueAuthChange(row.componentAppid, "unauthorized", input.appid);
  return { appid: input.appid, component_appid: row.componentAppid, push_id: pushId };
}

/** A new platform gets its first verify ticket at once, so api_component_token works right away. */
export async function addPlatform(input: { name?: string; callback_base?: string }) {
  const platform = await createPlatform({ name: input.name, callbackBase: input.callback_base ?? null });
  await enqueueTicketPush(platform.componentAppid);
  await deliverNow();
  const [fresh] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
  return describePlatform(fresh!);
}

/** The given platform (404 when unknown), else the first one, made when there is none. */
export async function seedPlatform(componentAppid: string | undefined): Promise<{ componentAppid: string; created: boolean }> {
  if (componentAppid) {
    const [exists] = await db.select({ id: sandboxPlatforms.componentAppid }).from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
    if (!exists) throw new ControlError("platform_not_found", 404);
    return { componentAppid, created: false };
  }
  const [first] = await db.select({ id: sandboxPlatforms.componentAppid }).from(sandboxPlatforms).orderBy(asc(sandboxPlatforms.createdAt)).limit(1);
  if (first) return { componentAppid: first.id, created: false };
  return { componentAppid: (await addPlatform({ name: "Sandbox platform" })).component_appid, created: true };
}

export async function seed(input: { authorizers: number; component_appid?: string }) {
  const started = performance.now();
  const platform = await seedPlatform(input.component_appid);
  const created = await createAuthorizers(platform.componentAppid, input.authorizers);
  return { component_appid: platform.componentAppid, created, platform_created: platform.created, elapsed_ms: Math.round(performance.now() - started) };
}

/** A draft in the platform's draft box (given, or the first platform), as an upload from the devtools would leave it. */
export async function addDraft(input: DraftInput) {
  const [platform] = await db
    .select({ id: sandboxPlatforms.componentAppid })
    .from(sandboxPlatforms)
    .where(input.component_appid ? eq(sandboxPlatforms.componentAppid, input.component_appid) : sql`true`)
    .orderBy(asc(sandboxPlatforms.createdAt))
    .limit(1);
  if (!platform) throw new ControlError(input.component_appid ? "platform_not_found" : "no_platform", input.component_appid ? 404 : 409);
  const draft = await createDraft(platform.id, {
    userVersion: input.user_version,
    userDesc: input.user_desc ?? "",
    pages: input.pages,
    sourceMiniprogramAppid: input.source_miniprogram_appid,
    privacyApis: input.privacy_apis,
  });
  return { component_appid: platform.id, draft_id: draft.draftId, user_version: draft.userVersion, pages: draft.pages, privacy_apis: await draftPrivacyApis(draft.draftId) };
}

/** The per-path counters, and with them the per-account request log and the applied counts. */
export async function resetCounters() {
  return { removed: await resetRequestLog() };
}

/**
 * Empties every sandbox_ table, including ones other modules add later (found by name, not listed here).
 * One TRUNCATE handles the foreign keys among them; identities continue, so audit and template ids from before a
 * reset never come back and collide with ids the console still remembers.
 */
export async function resetSandbox() {
  const tables = (await db.execute(sql`
    select tablename from pg_tables where schemaname = current_schema() and tablename like 'sandbox\\_%' order by tablename`)) as unknown as {
    tablename: string;
  }[];
  const names = tables.map((t) => t.tablename).filter((name) => /^sandbox_[a-z0-9_]+$/.test(name));
  if (names.length) await db.execute(sql.raw(`truncate table ${names.map((n) => `"${n}"`).join(", ")}`));
  clearFaultCache();
  clearSettingsCache();
  clearBaiduSettingsCache();
  return { tables: names };
}

