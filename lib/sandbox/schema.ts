import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { AuthorizerCodeState, SandboxCategory } from "./types";

// The Baidu emulator's tables (sandbox_baidu_*), here so drizzle-kit and every reader of this module see them.
export * from "./baidu/schema";

/**
 * The WeChat platform emulator's own state. Separate tables (sandbox_ prefix) in the same database, so it
 * survives restarts and every process sees one truth. Nothing in the console reads these tables directly:
 * the console talks to the sandbox over HTTP like it would to WeChat.
 */

const created = { createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow() };

/** A third-party platform (component) registered in the sandbox. Secrets are plain: this is the emulator's side. */
export const sandboxPlatforms = pgTable("sandbox_platforms", {
  componentAppid: text("component_appid").primaryKey(),
  componentAppsecret: text("component_appsecret").notNull(),
  token: text("token").notNull(),
  encodingAesKey: text("encoding_aes_key").notNull(),
  name: text("name").notNull().default("Sandbox platform"),
  verifyTicket: text("verify_ticket"),
  verifyTicketAt: timestamp("verify_ticket_at", { withTimezone: true }),
  // Where pushes go; null → the console's own APP_URL.
  callbackBase: text("callback_base"),
  // Monthly submit-audit and speed-up quotas, shared by every authorizer of the platform (queryquota).
  quotaMonth: text("quota_month").notNull().default(""),
  auditQuotaLimit: integer("audit_quota_limit").notNull().default(20),
  auditQuotaUsed: integer("audit_quota_used").notNull().default(0),
  speedupQuotaLimit: integer("speedup_quota_limit").notNull().default(10),
  speedupQuotaUsed: integer("speedup_quota_used").notNull().default(0),
  clearQuotaUsed: integer("clear_quota_used").notNull().default(0),
  ...created,
});

export const sandboxAuthorizers = pgTable(
  "sandbox_authorizers",
  {
    appid: text("appid").primaryKey(),
    componentAppid: text("component_appid")
      .notNull()
      .references(() => sandboxPlatforms.componentAppid, { onDelete: "cascade" }),
    nickname: text("nickname").notNull(),
    userName: text("user_name").notNull(),
    principalName: text("principal_name").notNull(),
    headImg: text("head_img").notNull().default(""),
    signature: text("signature").notNull().default(""),
    serviceType: integer("service_type").notNull().default(0),
    // Mini-program basics (name, avatar, intro) complete; else submit_audit → 86002.
    initComplete: boolean("init_complete").notNull().default(true),
    categories: jsonb("categories").$type<SandboxCategory[]>().notNull().default(sql`'[]'::jsonb`),
    funcInfo: integer("func_info").array().notNull().default(sql`'{}'::integer[]`),
    authorized: boolean("authorized").notNull().default(true),
    refreshToken: text("refresh_token"),
    authTime: timestamp("auth_time", { withTimezone: true }).notNull().defaultNow(),
    // Trial, audit, release, gray, visit, history, QR-jump rules…: one JSON document changed under a row lock.
    state: jsonb("state").$type<AuthorizerCodeState>().notNull().default(sql`'{}'::jsonb`),
    ...created,
  },
  (t) => [index("sandbox_authorizers_component_idx").on(t.componentAppid, t.authTime)],
);

export const sandboxTokens = pgTable(
  "sandbox_tokens",
  {
    token: text("token").primaryKey(),
    kind: text("kind", { enum: ["component", "authorizer"] }).notNull(),
    componentAppid: text("component_appid").notNull(),
    authorizerAppid: text("authorizer_appid"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...created,
  },
  (t) => [index("sandbox_tokens_owner_idx").on(t.componentAppid, t.authorizerAppid)],
);

/** One-time codes: pre_auth_code and authorization_code. */
export const sandboxCodes = pgTable("sandbox_codes", {
  code: text("code").primaryKey(),
  kind: text("kind", { enum: ["pre_auth", "auth"] }).notNull(),
  componentAppid: text("component_appid").notNull(),
  authorizerAppid: text("authorizer_appid"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  ...created,
});

export const sandboxDrafts = pgTable("sandbox_drafts", {
  draftId: serial("draft_id").primaryKey(),
  componentAppid: text("component_appid").notNull(),
  userVersion: text("user_version").notNull(),
  userDesc: text("user_desc").notNull().default(""),
  sourceMiniprogramAppid: text("source_miniprogram_appid").notNull(),
  sourceMiniprogram: text("source_miniprogram").notNull(),
  developer: text("developer").notNull(),
  // The code package's pages (get_page answers these after a commit of a template made from this draft).
  pages: text("pages").array().notNull().default(sql`'{}'::text[]`),
  ...created,
});

export const sandboxTemplates = pgTable("sandbox_templates", {
  templateId: serial("template_id").primaryKey(),
  componentAppid: text("component_appid").notNull(),
  draftId: integer("draft_id").notNull(),
  templateType: integer("template_type").notNull().default(0),
  userVersion: text("user_version").notNull(),
  userDesc: text("user_desc").notNull().default(""),
  sourceMiniprogramAppid: text("source_miniprogram_appid").notNull(),
  sourceMiniprogram: text("source_miniprogram").notNull(),
  developer: text("developer").notNull(),
  pages: text("pages").array().notNull().default(sql`'{}'::text[]`),
  ...created,
});

export const sandboxAudits = pgTable(
  "sandbox_audits",
  {
    auditid: bigserial("auditid", { mode: "number" }).primaryKey(),
    appid: text("appid").notNull(),
    // 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed
    status: integer("status").notNull().default(2),
    reason: text("reason"),
    screenshot: text("screenshot"),
    userVersion: text("user_version").notNull(),
    userDesc: text("user_desc").notNull().default(""),
    request: jsonb("request").notNull(),
    spedUp: boolean("sped_up").notNull().default(false),
    submitTime: timestamp("submit_time", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("sandbox_audits_appid_idx").on(t.appid, t.auditid)],
);

/** Calls per endpoint, for the control surface and the token-refresh benchmark. */
export const sandboxCounters = pgTable(
  "sandbox_counters",
  {
    path: text("path").notNull(),
    errcode: integer("errcode").notNull().default(0),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.path, t.errcode] })],
);

/**
 * Calls per account (the token's owner: authorizer or platform), path and errcode, for bulk tests and benches.
 * `lost` counts the calls of the row whose answer a lose_answer fault swallowed (they reached the handler).
 */
export const sandboxRequests = pgTable(
  "sandbox_requests",
  {
    appid: text("appid").notNull(),
    path: text("path").notNull(),
    errcode: integer("errcode").notNull().default(0),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    lost: bigint("lost", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appid, t.path, t.errcode] })],
);

/** How many times a state-changing handler (commit, submit_audit) applied its change per authorizer: the duplicates proof. */
export const sandboxApplied = pgTable(
  "sandbox_applied",
  {
    appid: text("appid").notNull(),
    path: text("path").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appid, t.path] })],
);

/** Each call's arrival and answer time while settings.traceCalls is on (how many calls were in hand at once). */
export const sandboxCallTrace = pgTable(
  "sandbox_call_trace",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    appid: text("appid"),
    path: text("path").notNull(),
    arrivedAt: timestamp("arrived_at", { withTimezone: true, precision: 3 }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true, precision: 3 }).notNull(),
  },
);

/** Windows of the frequency limits (45011 per minute per account and API, 9402202 per second per platform and API). */
export const sandboxRateWindows = pgTable("sandbox_rate_windows", {
  key: text("key").primaryKey(),
  // Unix milliseconds of the window's first call; the window lasts the limit's period from there.
  startedMs: bigint("started_ms", { mode: "number" }).notNull(),
  count: integer("count").notNull().default(0),
});

export const sandboxFaults = pgTable("sandbox_faults", {
  id: serial("id").primaryKey(),
  // Exact path (`/wxa/commit`) or a glob with `*` (`/wxa/*`), matched against the path after /sandbox/wechat.
  pathPattern: text("path_pattern").notNull(),
  errcode: integer("errcode"),
  httpStatus: integer("http_status"),
  timeoutMs: integer("timeout_ms"),
  probability: real("probability").notNull().default(1),
  // null = until removed; otherwise the number of calls still to fail.
  remaining: integer("remaining"),
  // Only calls made with this account's token (an authorizer's, or a platform's component token); null = every call.
  appid: text("appid"),
  // The call runs (its state changes) and its answer is lost: HTTP 504 instead of the platform's answer.
  loseAnswer: boolean("lose_answer").notNull().default(false),
  ...created,
});

/** Emulator-wide settings (latency, token lifetime, scan delay, auto-decide…), one JSON value per key. */
export const sandboxSettings = pgTable("sandbox_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

/** Outbox of encrypted pushes to the console; a reply other than `success` is retried (3 attempts in all). */
export const sandboxPushes = pgTable(
  "sandbox_pushes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentAppid: text("component_appid").notNull(),
    kind: text("kind").notNull(),
    url: text("url").notNull(),
    body: text("body").notNull(),
    plaintext: text("plaintext").notNull(),
    attempts: integer("attempts").notNull().default(0),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull().default("pending"),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    ...created,
  },
  (t) => [index("sandbox_pushes_pending_idx").on(t.status, t.nextAttemptAt)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Media the emulated platform keeps: files uploaded with /wxa/uploadmedia for an audit (temporary, 3 days) and the
 * reviewer's rejection screenshots (permanent, served by the material API).
 */
export const sandboxMedia = pgTable(
  "sandbox_media",
  {
    mediaId: text("media_id").primaryKey(),
    appid: text("appid").notNull(),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    purpose: text("purpose", { enum: ["audit_upload", "screenshot"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // null: permanent.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [index("sandbox_media_appid_idx").on(t.appid)],
);
