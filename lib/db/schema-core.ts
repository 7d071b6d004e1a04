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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

// Enums, shared column sets and the tables that reference no other (sign-in throttling, setup codes): schema-base.ts.
import { auditState, operatorRole, platformKind, tenantStatus, timestamps } from "./schema-base";

export const operators = pgTable(
  "operators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index is on the stored value.
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: operatorRole("role").notNull().default("viewer"),
    disabled: boolean("disabled").notNull().default(false),
    // Carried in the session token; signing out increments it, so that token is dead even if a request that was
    // already in flight sets the session cookie again (Auth.js rolls the cookie on every proxied request).
    sessionVersion: integer("session_version").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("operators_email_key").on(t.email)],
);

export const platformAccounts = pgTable(
  "platform_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platform: platformKind("platform").notNull(),
    name: text("name").notNull(),
    appId: text("app_id").notNull(),
    // AES-256-GCM ciphertexts (lib/crypto); never sent to the browser.
    secretEnc: text("secret_enc").notNull(),
    tokenEnc: text("token_enc"),
    aesKeyEnc: text("aes_key_enc"),
    // The previous EncodingAESKey stays valid for pushes during a key change.
    previousAesKeyEnc: text("previous_aes_key_enc"),
    apiBase: text("api_base"),
    // The latest component_verify_ticket pushed by the platform (encrypted) and when it arrived.
    verifyTicketEnc: text("verify_ticket_enc"),
    verifyTicketAt: timestamp("verify_ticket_at", { withTimezone: true }),
    // The ticket push's own CreateTime: an older ticket arriving late never replaces a newer one.
    verifyTicketCreatedAt: timestamp("verify_ticket_created_at", { withTimezone: true }),
    // When the templates table last matched the platform's list (lib/console/templates.ts).
    templatesSyncedAt: timestamp("templates_synced_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("platform_accounts_platform_app_id_key").on(t.platform, t.appId)],
);

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "restrict" }),
    appid: text("appid").notNull(),
    nickname: text("nickname").notNull().default(""),
    principalName: text("principal_name").notNull().default(""),
    avatarUrl: text("avatar_url"),
    status: tenantStatus("status").notNull().default("authorized"),
    refreshTokenEnc: text("refresh_token_enc"),
    permissionSets: integer("permission_sets").array().notNull().default(sql`'{}'::integer[]`),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // gh_ original id and account type from api_get_authorizer_info.
    userName: text("user_name"),
    serviceType: integer("service_type"),
    authorizedAt: timestamp("authorized_at", { withTimezone: true }),
    // Custom variables (key → value) rendered into ext_json for this tenant, beside the built-in ones.
    variables: jsonb("variables").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    // The audit profile used last for this tenant: the default next time (no foreign key: profiles may be deleted).
    lastAuditProfileId: uuid("last_audit_profile_id"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tenants_account_appid_key").on(t.accountId, t.appid),
    index("tenants_status_idx").on(t.status),
    index("tenants_tags_idx").using("gin", t.tags),
    // The tenant list's order and keyset cursor (lib/console/tenants/queries.ts): a page is an index range scan at any size.
    index("tenants_nickname_id_idx").on(t.nickname, t.id),
  ],
);

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
export const operations = pgTable(
  "operations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => operators.id),
    tenantId: uuid("tenant_id").references(() => tenants.id),
    action: text("action").notNull(),
    // Redacted before insert (lib/history): no tokens, secrets or codes.
    request: jsonb("request"),
    response: jsonb("response"),
    errcode: integer("errcode"),
    ok: boolean("ok").notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
    bulkJobId: uuid("bulk_job_id"),
  },
  // The history reads newest first in (at, id) order under any one filter: each index starts with the filtered
  // column and ends with (at, id), so a page is a short backward range scan at any table size (scripts/bench-scale.ts).
  (t) => [
    index("operations_at_id_idx").on(t.at, t.id),
    index("operations_tenant_at_id_idx").on(t.tenantId, t.at, t.id),
    index("operations_actor_at_id_idx").on(t.actorId, t.at, t.id),
    index("operations_action_at_id_idx").on(t.action, t.at, t.id),
    index("operations_errcode_at_id_idx").on(t.errcode, t.at, t.id),
    index("operations_failed_at_id_idx").on(t.at, t.id).where(sql`not ${t.ok}`),
  ],
);

/**
 * Access tokens, one row per key: `component:{accountId}` or `authorizer:{tenantId}`. Shared by every process;
 * refreshed under a Postgres advisory lock on the key so exactly one refresh runs at a time (lib/platforms/wechat/tokens.ts).
 */
export const wechatTokens = pgTable("wechat_tokens", {
  key: text("key").primaryKey(),
  accountId: uuid("account_id")
    .notNull()
    .references(() => platformAccounts.id, { onDelete: "cascade" }),
  tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
  tokenEnc: text("token_enc").notNull(),
  // sha256 of the token: compare-and-expire on 40001/42001 without decrypting (the ciphertext has a random IV).
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every push accepted from the platform: the raw (still encrypted) body and the decrypted fields, secrets redacted. */
export const inboundEvents = pgTable(
  "inbound_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    authorizerAppid: text("authorizer_appid"),
    kind: text("kind").notNull(),
    msgSignature: text("msg_signature").notNull(),
    nonce: text("nonce").notNull(),
    timestamp: integer("timestamp").notNull(),
    rawBody: text("raw_body").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    error: text("error"),
    // Processing attempts so far; a failed event is retried by a sweep until it succeeds or runs out of attempts.
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
  },
  (t) => [
    // A replayed push (same signature and nonce) is refused by this index.
    uniqueIndex("inbound_events_replay_key").on(t.accountId, t.msgSignature, t.nonce),
    index("inbound_events_received_idx").on(t.receivedAt),
    // The retry sweep's scan: only unprocessed events are in this index.
    index("inbound_events_retry_idx").on(t.nextAttemptAt).where(sql`processed_at is null`),
  ],
);

/** Audits as the console knows them, from pushes and from polling get_auditstatus. */
export const tenantAudits = pgTable(
  "tenant_audits",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    auditid: bigint("auditid", { mode: "number" }).notNull(),
    // In the console's words; the platform's own numbers stop at its adapter (lib/platforms/<platform>/states.ts).
    state: auditState("state").notNull(),
    reason: text("reason"),
    screenshots: text("screenshots").array().notNull().default(sql`'{}'::text[]`),
    userVersion: text("user_version"),
    // What the console submitted (null for audits it learned of from the platform): the item_list as sent and the
    // other options (version_desc, ugc_declare, feedback, preview media ids, privacy_api_not_use…).
    itemList: jsonb("item_list"),
    options: jsonb("options"),
    actorId: uuid("actor_id").references(() => operators.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.auditid] }), index("tenant_audits_state_idx").on(t.state)],
);

/** bytea as a Buffer (images the console caches: trial QR codes). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * A platform account's code templates, synced from the platform (gettemplatelist) so pickers and jobs do not call it
 * every time; refreshed on demand and at most every few minutes otherwise (platform_accounts.templates_synced_at).
 */
export const templates = pgTable(
  "templates",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    templateId: bigint("template_id", { mode: "number" }).notNull(),
    userVersion: text("user_version").notNull().default(""),
    userDesc: text("user_desc").notNull().default(""),
    kind: text("kind", { enum: ["custom", "standard"] }).notNull().default("custom"),
    sourceAppid: text("source_appid"),
    sourceName: text("source_name"),
    developer: text("developer"),
    // The template's pages when known (from get_page after a commit of it): ext_json's `pages` must be a subset.
    pages: text("pages").array(),
    platformCreatedAt: timestamp("platform_created_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.templateId] }), index("templates_account_created_idx").on(t.accountId, t.platformCreatedAt)],
);

/** Named ext_json texts (with variables) shared by the team. */
export const extJsonPresets = pgTable("ext_json_presets", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  extJson: text("ext_json").notNull(),
  createdBy: uuid("created_by").references(() => operators.id, { onDelete: "set null" }),
  ...timestamps,
});

/** Every commit the console sent: what, for whom, by whom, and the platform's answer. */
export const commits = pgTable(
  "commits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    templateId: bigint("template_id", { mode: "number" }).notNull(),
    userVersion: text("user_version").notNull(),
    userDesc: text("user_desc").notNull(),
    // The rendered ext_json exactly as sent (variables replaced).
    extJson: text("ext_json").notNull(),
    actorId: uuid("actor_id").references(() => operators.id, { onDelete: "set null" }),
    bulkJobId: uuid("bulk_job_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    ok: boolean("ok").notNull(),
    errcode: integer("errcode"),
    error: text("error"),
  },
  (t) => [index("commits_tenant_at_idx").on(t.tenantId, t.at)],
);

/**
 * A named audit item_list and submit options, for reuse. Categories are stored by name AND id: the bulk issue maps a
 * profile onto each tenant's own categories by name.
 */
export const auditProfiles = pgTable("audit_profiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  itemList: jsonb("item_list").notNull(),
  options: jsonb("options").notNull().default(sql`'{}'::jsonb`),
  createdBy: uuid("created_by").references(() => operators.id, { onDelete: "set null" }),
  ...timestamps,
});

/** The trial QR image per (tenant, page path + query), kept until the tenant's next commit. */
export const trialQrCodes = pgTable(
  "trial_qr_codes",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    // "" for the default page; else the path with its query, exactly as asked for.
    path: text("path").notNull(),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.path] })],
);

export type Operator = typeof operators.$inferSelect;
export type PlatformAccount = typeof platformAccounts.$inferSelect;
export type Tenant = typeof tenants.$inferSelect;
export type Operation = typeof operations.$inferSelect;
export type InboundEvent = typeof inboundEvents.$inferSelect;
export type TenantAudit = typeof tenantAudits.$inferSelect;
