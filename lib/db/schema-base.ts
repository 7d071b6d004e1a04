import { integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { AUDIT_STATES, PLATFORMS, ROLES, TENANT_STATUSES } from "@/lib/vocab";

// Vocabularies are defined once in lib/vocab.ts and reused by zod and the UI.
export const operatorRole = pgEnum("operator_role", ROLES);
export const platformKind = pgEnum("platform_kind", PLATFORMS);
export const tenantStatus = pgEnum("tenant_status", TENANT_STATUSES);
export const auditState = pgEnum("audit_state", AUDIT_STATES);

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/** Failed sign-in counters for the brute-force guard, keyed by "email:…" and "ip:…". */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/**
 * One-time setup codes for a fresh production deployment (/setup): only the sha256 is stored; the code itself is
 * printed once in the server log. Deleted when the first administrator is created.
 */
export const setupCodes = pgTable("setup_codes", {
  codeHash: text("code_hash").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
