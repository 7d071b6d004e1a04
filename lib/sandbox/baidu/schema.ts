import { bigint, bigserial, boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The Baidu smart-program platform emulator's own state (tables prefixed sandbox_baidu_), beside the WeChat
 * emulator's. Re-exported by lib/sandbox/schema.ts so migrations and the sandbox reset see them. Nothing in the console
 * reads these tables: the console talks to /sandbox/baidu over HTTP like it would to openapi.baidu.com.
 */

const created = { createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow() };

/**
 * A third-party platform (TP). `client_id` is its key (the TP token is asked with it and the ticket, and it is the
 * receiver id inside every encrypted push); `tp_app_id` is the numeric id pushes call `tpAppId`.
 */
export const sandboxBaiduPlatforms = pgTable("sandbox_baidu_platforms", {
  clientId: text("client_id").primaryKey(),
  tpAppId: bigint("tp_app_id", { mode: "number" }).notNull().unique(),
  name: text("name").notNull().default("Sandbox Baidu platform"),
  // Push signing token and the 43-character EncodingAESKey (plain: this is the platform's side).
  token: text("token").notNull(),
  encodingAesKey: text("encoding_aes_key").notNull(),
  ticket: text("ticket"),
  ticketAt: timestamp("ticket_at", { withTimezone: true }),
  // Where pushes go; null → the console's own APP_URL (only that origin is ever allowed).
  callbackBase: text("callback_base"),
  ...created,
});

/**
 * A smart program authorized (or once authorized) to a platform. `refresh_token` is the one live refresh token: a
 * refresh replaces it in one conditional UPDATE, so an old one never works again. The flags stand for what the
 * emulator cannot know: whether the program's basic information passed Baidu's review (submitaudit needs it), whether
 * its principal passed the authenticity check (release needs it), and whether its uploads should fail.
 */
export const sandboxBaiduApps = pgTable(
  "sandbox_baidu_apps",
  {
    appId: bigint("app_id", { mode: "number" }).primaryKey(),
    clientId: text("client_id")
      .notNull()
      .references(() => sandboxBaiduPlatforms.clientId, { onDelete: "cascade" }),
    appName: text("app_name").notNull(),
    appKey: text("app_key").notNull(),
    appDesc: text("app_desc").notNull().default(""),
    photoAddr: text("photo_addr").notNull().default(""),
    // app/info `status`: -1 banned, 1 normal, 2 auditing, 4 paused, 5 forced offline.
    status: integer("status").notNull().default(1),
    authorized: boolean("authorized").notNull().default(true),
    refreshToken: text("refresh_token"),
    authTime: timestamp("auth_time", { withTimezone: true }).notNull().defaultNow(),
    basicInfoApproved: boolean("basic_info_approved").notNull().default(true),
    principalVerified: boolean("principal_verified").notNull().default(true),
    failUploads: boolean("fail_uploads").notNull().default(false),
    // Audit submissions a calendar month (China time) allows, and those spent in `quota_month`.
    auditQuotaLimit: integer("audit_quota_limit").notNull().default(10),
    auditQuotaUsed: integer("audit_quota_used").notNull().default(0),
    quotaMonth: text("quota_month").notNull().default(""),
    ...created,
  },
  (t) => [index("sandbox_baidu_apps_client_idx").on(t.clientId, t.authTime), uniqueIndex("sandbox_baidu_apps_refresh_idx").on(t.refreshToken)],
);

/** TP tokens (kind tp, 30 days) and smart-program tokens (kind app, 1 hour). */
export const sandboxBaiduTokens = pgTable(
  "sandbox_baidu_tokens",
  {
    token: text("token").primaryKey(),
    kind: text("kind", { enum: ["tp", "app"] }).notNull(),
    clientId: text("client_id").notNull(),
    appId: bigint("app_id", { mode: "number" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...created,
  },
  (t) => [index("sandbox_baidu_tokens_owner_idx").on(t.clientId, t.appId)],
);

/** One-time codes: pre_auth_code and authorization_code. */
export const sandboxBaiduCodes = pgTable("sandbox_baidu_codes", {
  code: text("code").primaryKey(),
  kind: text("kind", { enum: ["pre_auth", "auth"] }).notNull(),
  clientId: text("client_id").notNull(),
  appId: bigint("app_id", { mode: "number" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  ...created,
});

/** The platform's template drafts (uploaded from the developer tools; the control surface adds them here). */
export const sandboxBaiduDrafts = pgTable("sandbox_baidu_drafts", {
  draftId: serial("draft_id").primaryKey(),
  clientId: text("client_id").notNull(),
  userVersion: text("user_version").notNull(),
  userDesc: text("user_desc").notNull().default(""),
  ...created,
});

export const sandboxBaiduTemplates = pgTable("sandbox_baidu_templates", {
  templateId: serial("template_id").primaryKey(),
  clientId: text("client_id").notNull(),
  draftId: integer("draft_id").notNull(),
  userVersion: text("user_version").notNull(),
  userDesc: text("user_desc").notNull().default(""),
  ...created,
});

/**
 * Code packages of a smart program. `status`: 3 development, 4 auditing, 5 rejected, 6 approved, 1 online,
 * 8 rolling back, and 0 retired (emulator choice: replaced or superseded, never listed). An upload is ready at
 * `ready_at` (failed then when `upload_fails`); a rollback ends at `rollback_until`, when `previous_package_id` (the
 * online package this one replaced) is online again.
 */
export const sandboxBaiduPackages = pgTable(
  "sandbox_baidu_packages",
  {
    packageId: bigserial("package_id", { mode: "number" }).primaryKey(),
    appId: bigint("app_id", { mode: "number" }).notNull(),
    templateId: integer("template_id").notNull(),
    version: text("version").notNull(),
    versionDesc: text("version_desc").notNull().default(""),
    extJson: text("ext_json").notNull().default("{}"),
    status: integer("status").notNull().default(3),
    readyAt: timestamp("ready_at", { withTimezone: true }).notNull().defaultNow(),
    uploadFails: boolean("upload_fails").notNull().default(false),
    content: text("content").notNull().default(""),
    remark: text("remark").notNull().default(""),
    // The reviewer's message (the rejection reason).
    msg: text("msg").notNull().default(""),
    committer: text("committer").notNull().default("--"),
    previousPackageId: bigint("previous_package_id", { mode: "number" }),
    rollbackUntil: timestamp("rollback_until", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    ...created,
  },
  (t) => [index("sandbox_baidu_packages_app_idx").on(t.appId, t.status)],
);
