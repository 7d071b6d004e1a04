import { chinaDay, chinaMonth } from "./state";
import "server-only";
import { asc, desc, gt, isNull, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sandboxCounters, sandboxFaults, sandboxPlatforms, sandboxPushes } from "./schema";
import { getSettings, type SandboxSettings } from "./settings";
import type { SandboxCategory, AuthorizerCodeState } from "./types";
import type { StateQuery } from "./control-schemas";

/**
 * What GET /sandbox/control/state answers and the console's Sandbox page shows: plain JSON (ISO dates, snake_case
 * like the platform). Contains platform secrets and refresh tokens: only admins and the control token see it.
 */

export type SnapshotPlatform = {
  component_appid: string;
  component_appsecret: string;
  token: string;
  encoding_aes_key: string;
  verify_ticket: string | null;
  verify_ticket_at: string | null;
  name: string;
  callback_base: string | null;
  created_at: string;
};

export type SnapshotAudit = {
  auditid: number;
  status: number;
  reason: string | null;
  screenshot: string | null;
  user_version: string;
  submit_time: string;
  decided_at: string | null;
};

export type SnapshotAuthorizer = {
  appid: string;
  nickname: string;
  user_name: string;
  refresh_token: string | null;
  component_appid: string;
  authorized: boolean;
  auth_time: string;
  func_info: number[];
  categories: SandboxCategory[];
  trial: { template_id: number; user_version: string; user_desc: string; committed_at: string; scan_ready: boolean } | null;
  audit: SnapshotAudit | null;
  // The approved audit that `release` would publish (consumed by release).
  releasable_auditid: number | null;
  release: { app_version: number; user_version: string; user_desc: string; released_at: string } | null;
  gray: { status: number; gray_percentage: number } | null;
  visit_status: 0 | 1;
  // Withdrawals spent this China day and month (87013 at the limits). WeChat offers no API for this count: the
  // emulator shows it to whoever plays the platform, the console counts its own undocodeaudit calls instead.
  undo_used: { day: number; month: number };
};

export type SnapshotFault = {
  id: number;
  path: string;
  errcode: number | null;
  http_status: number | null;
  timeout_ms: number | null;
  probability: number;
  remaining: number | null;
  // Only calls with this account's token; null: every call.
  appid: string | null;
  // The call runs and its answer is lost (HTTP 504).
  lose_answer: boolean;
  created_at: string;
};

export type SnapshotPush = {
  id: number;
  component_appid: string;
  kind: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  last_error: string | null;
  created_at: string;
};

export type SandboxSnapshot = {
  platforms: SnapshotPlatform[];
  authorizers: SnapshotAuthorizer[];
  authorizers_total: number;
  counters: Record<string, { total: number; by_errcode: Record<string, number> }>;
  settings: SandboxSettings;
  faults: SnapshotFault[];
  pushes: { pending: number; delivered: number; failed: number; recent: SnapshotPush[] };
  generated_at: string;
};

const iso = (value: Date | string | null | undefined) => (value == null ? null : new Date(value).toISOString());

type AuthorizerRow = {
  appid: string;
  nickname: string;
  user_name: string;
  refresh_token: string | null;
  component_appid: string;
  authorized: boolean;
  auth_time: Date;
  func_info: number[];
  categories: SandboxCategory[];
  state: AuthorizerCodeState | null;
  auditid: number | null;
  audit_status: number | null;
  audit_reason: string | null;
  audit_screenshot: string | null;
  audit_user_version: string | null;
  audit_submit_time: Date | null;
  audit_decided_at: Date | null;
};

export function describeAuthorizer(row: AuthorizerRow, now = Date.now()): SnapshotAuthorizer {
  const s = row.state ?? {};
  return {
    appid: row.appid,
    nickname: row.nickname,
    user_name: row.user_name,
    refresh_token: row.refresh_token,
    component_appid: row.component_appid,
    authorized: row.authorized,
    auth_time: iso(row.auth_time)!,
    func_info: row.func_info,
    categories: row.categories,
    trial: s.trial
      ? {
          template_id: s.trial.templateId,
          user_version: s.trial.userVersion,
          user_desc: s.trial.userDesc,
          committed_at: iso(new Date(s.trial.committedAt))!,
          scan_ready: s.trial.scanReadyAt <= now,
        }
      : null,
    audit:
      row.auditid == null
        ? null
        : {
            auditid: row.auditid,
            status: row.audit_status!,
            reason: row.audit_reason,
            screenshot: row.audit_screenshot,
            user_version: row.audit_user_version ?? "",
            submit_time: iso(row.audit_submit_time)!,
            decided_at: iso(row.audit_decided_at),
          },
    releasable_auditid: s.releasableAuditId ?? null,
    release: s.online
      ? {
          app_version: s.online.appVersion,
          user_version: s.online.userVersion,
          user_desc: s.online.userDesc,
          released_at: iso(new Date(s.online.releasedAt * 1000))!,
        }
      : null,
    gray: s.gray ? { status: s.gray.status, gray_percentage: s.gray.grayPercentage } : null,
    visit_status: s.visitStatus ?? 1,
    undo_used: {
      day: s.undo?.day === chinaDay(new Date(now)) ? s.undo.dayCount : 0,
      month: s.undo?.month === chinaMonth(new Date(now)) ? s.undo.monthCount : 0,
    },
  };
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function authorizers(query: StateQuery) {
  const conditions = [sql`true`];
  if (query.appid) conditions.push(sql`a.appid = ${query.appid}`);
  if (query.component_appid) conditions.push(sql`a.component_appid = ${query.component_appid}`);
  if (query.q) conditions.push(sql`(a.appid ilike ${likePattern(query.q)} or a.nickname ilike ${likePattern(query.q)})`);
  const where = sql.join(conditions, sql` and `);
  const [{ total }] = (await db.execute(sql`select count(*)::int as total from sandbox_authorizers a where ${where}`)) as unknown as [
    { total: number },
  ];
  if (query.limit === 0) return { rows: [], total };
  // The latest audit per authorizer through a lateral join on (appid, auditid desc): one index probe per shown row,
  // so the page stays fast however many authorizers exist.
  // The page's keys are chosen on narrow rows first; only those rows are then read whole (state JSON included).
  const rows = (await db.execute(sql`
    with page as (
      select a.appid, a.auth_time from sandbox_authorizers a
      where ${where}
      order by a.auth_time desc, a.appid
      limit ${query.limit} offset ${query.offset}
    )
    select a.appid, a.nickname, a.user_name, a.refresh_token, a.component_appid, a.authorized, a.auth_time,
           a.func_info, a.categories, a.state,
           la.auditid::int as auditid, la.status as audit_status, la.reason as audit_reason,
           la.screenshot as audit_screenshot, la.user_version as audit_user_version,
           la.submit_time as audit_submit_time, la.decided_at as audit_decided_at
    from page join sandbox_authorizers a on a.appid = page.appid
    left join lateral (
      select auditid, status, reason, screenshot, user_version, submit_time, decided_at
      from sandbox_audits where appid = a.appid order by auditid desc limit 1
    ) la on true
    order by page.auth_time desc, page.appid`)) as unknown as AuthorizerRow[];
  const now = Date.now();
  return { rows: rows.map((row) => describeAuthorizer(row, now)), total };
}

async function counters(): Promise<SandboxSnapshot["counters"]> {
  const rows = await db.select().from(sandboxCounters).orderBy(asc(sandboxCounters.path), asc(sandboxCounters.errcode));
  const out: SandboxSnapshot["counters"] = {};
  for (const row of rows) {
    const entry = (out[row.path] ??= { total: 0, by_errcode: {} });
    entry.total += row.count;
    entry.by_errcode[String(row.errcode)] = row.count;
  }
  return out;
}

async function pushes(): Promise<SandboxSnapshot["pushes"]> {
  const byStatus = await db
    .select({ status: sandboxPushes.status, n: sql<number>`count(*)::int` })
    .from(sandboxPushes)
    .groupBy(sandboxPushes.status);
  const count = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
  const recent = await db
    .select({
      id: sandboxPushes.id,
      component_appid: sandboxPushes.componentAppid,
      kind: sandboxPushes.kind,
      status: sandboxPushes.status,
      attempts: sandboxPushes.attempts,
      last_error: sandboxPushes.lastError,
      created_at: sandboxPushes.createdAt,
    })
    .from(sandboxPushes)
    .orderBy(desc(sandboxPushes.id))
    .limit(20);
  return {
    pending: count("pending"),
    delivered: count("delivered"),
    failed: count("failed"),
    recent: recent.map((r) => ({ ...r, created_at: iso(r.created_at)! })),
  };
}

export async function activeFaults(): Promise<SnapshotFault[]> {
  const rows = await db
    .select()
    .from(sandboxFaults)
    .where(or(isNull(sandboxFaults.remaining), gt(sandboxFaults.remaining, 0)))
    .orderBy(asc(sandboxFaults.id));
  return rows.map((f) => ({
    id: f.id,
    path: f.pathPattern,
    errcode: f.errcode,
    http_status: f.httpStatus,
    timeout_ms: f.timeoutMs,
    probability: f.probability,
    remaining: f.remaining,
    appid: f.appid,
    lose_answer: f.loseAnswer,
    created_at: iso(f.createdAt)!,
  }));
}

export function describePlatform(p: typeof sandboxPlatforms.$inferSelect): SnapshotPlatform {
  return {
    component_appid: p.componentAppid,
    component_appsecret: p.componentAppsecret,
    token: p.token,
    encoding_aes_key: p.encodingAesKey,
    verify_ticket: p.verifyTicket,
    verify_ticket_at: iso(p.verifyTicketAt),
    name: p.name,
    callback_base: p.callbackBase,
    created_at: iso(p.createdAt)!,
  };
}

export async function getSandboxState(query: StateQuery): Promise<SandboxSnapshot> {
  const [platforms, page, counterMap, settings, faults, pushStats] = await Promise.all([
    db.select().from(sandboxPlatforms).orderBy(asc(sandboxPlatforms.createdAt), asc(sandboxPlatforms.componentAppid)),
    authorizers(query),
    counters(),
    getSettings(),
    activeFaults(),
    pushes(),
  ]);
  return {
    platforms: platforms.map(describePlatform),
    authorizers: page.rows,
    authorizers_total: page.total,
    counters: counterMap,
    settings,
    faults,
    pushes: pushStats,
    generated_at: new Date().toISOString(),
  };
}
