import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ITEM_STATES, JOB_KINDS, JOB_STATES } from "@/lib/vocab";
import { auditState } from "./schema-base";
import { operators, platformAccounts, tenants } from "./schema-core";

/**
 * Bulk jobs (lib/jobs): one row per job, one item per selected tenant. pg-boss only schedules the work (a pg-boss
 * job per runnable item); these tables are the truth: what each item has done, which step it is on, and whether a
 * non-idempotent call (commit, submit_audit) may have reached the platform without its answer (`inflight`).
 * Fleet snapshots: what each tenant holds, as last learnt, so the fleet board and the selection filters read one
 * table instead of thousands of platform calls.
 */

export const jobKind = pgEnum("job_kind", JOB_KINDS);
export const jobState = pgEnum("job_state", JOB_STATES);
export const itemState = pgEnum("job_item_state", ITEM_STATES);

export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: jobKind("kind").notNull(),
    // The kind's parameters as validated at the start (lib/jobs/params.ts), frozen with the selection.
    params: jsonb("params").notNull(),
    state: jobState("state").notNull().default("running"),
    // Why the job is paused: "operator", or a platform code that pauses everything (45009, 85085, 9402202…).
    pausedReason: text("paused_reason"),
    pausedCode: integer("paused_code"),
    // How the selection was made (ids or the list's filter), for the jobs list ("all 1,204 matching status=…").
    selection: jsonb("selection").notNull(),
    total: integer("total").notNull(),
    createdBy: uuid("created_by").references(() => operators.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // The operator was told when it ended (the toast is shown once per job).
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
  },
  (t) => [index("bulk_jobs_created_idx").on(t.createdAt, t.id), index("bulk_jobs_state_idx").on(t.state)],
);

export const bulkItems = pgTable(
  "bulk_items",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    // The tenant's platform account: concurrency and rate limits are per account.
    accountId: uuid("account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    // Order of the selection (the quota choice "the first N" keeps the first N).
    position: integer("position").notNull(),
    state: itemState("state").notNull().default("pending"),
    // The step the item is on (lib/jobs/steps.ts): "commit", "privacy", "submit", "audit", "release", "gray"…
    step: text("step").notNull(),
    // Set (and committed) before a non-idempotent call is sent, cleared with the step's result: an item found with
    // it set after a crash asks the platform what happened before sending again.
    inflight: jsonb("inflight").$type<{ step: string; at: string; userVersion?: string; auditid?: number | null } | null>(),
    attempts: integer("attempts").notNull().default(0),
    // The last platform answer or reason: a code (null: no answer) and the catalog key / meaning shown in the table.
    lastCode: integer("last_code"),
    lastMessage: text("last_message"),
    // Why the item was skipped at the start (a preflight reason key) or failed for a console rule.
    reason: text("reason"),
    // What the item produced: the commit's user_version, the audit id, the gray percentage…
    result: jsonb("result").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    // Parked until this time (a timed wait: privacy scan, backoff), or until an event of this kind ("audit").
    parkedUntil: timestamp("parked_until", { withTimezone: true }),
    parkedFor: text("parked_for"),
    // A worker's claim: another worker leaves the item alone until the lease ends (a dead worker's ends).
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.tenantId] }),
    index("bulk_items_job_state_idx").on(t.jobId, t.state, t.position),
    // Never two jobs acting on one tenant: at most one active item per tenant.
    uniqueIndex("bulk_items_active_tenant_key")
      .on(t.tenantId)
      .where(sql`state in ('pending', 'running', 'parked')`),
    index("bulk_items_parked_idx").on(t.parkedFor, t.tenantId).where(sql`state = 'parked'`),
  ],
);

/**
 * A rate limiter per platform account shared by every worker (GCRA): a call may go at `next_at`; taking a slot moves
 * it by 1/rate. One row per account, created on first use.
 */
export const bulkRates = pgTable("bulk_rates", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: "cascade" }),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a tenant holds on its platform, as last learnt (a commit, a submit, an audit push, a release, a "refresh
 * version info" job, a version board read). The fleet board and the selection's version filters read this.
 */
export const tenantSnapshots = pgTable(
  "tenant_snapshots",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    trialVersion: text("trial_version"),
    trialTemplateId: bigint("trial_template_id", { mode: "number" }),
    trialAt: timestamp("trial_at", { withTimezone: true }),
    auditVersion: text("audit_version"),
    auditState: auditState("audit_state"),
    auditid: bigint("auditid", { mode: "number" }),
    liveVersion: text("live_version"),
    liveTemplateId: bigint("live_template_id", { mode: "number" }),
    grayPercentage: integer("gray_percentage"),
    grayVersion: text("gray_version"),
    visible: boolean("visible"),
    // The tenant's categories (get_category), cached for preflight mapping of audit profiles.
    categories: jsonb("categories"),
    categoriesAt: timestamp("categories_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tenant_snapshots_live_template_idx").on(t.liveTemplateId), index("tenant_snapshots_trial_template_idx").on(t.trialTemplateId)],
);

export type BulkJob = typeof bulkJobs.$inferSelect;
export type BulkItem = typeof bulkItems.$inferSelect;
export type TenantSnapshot = typeof tenantSnapshots.$inferSelect;
