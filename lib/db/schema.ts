/**
 * The console's tables, in three files: schema-base.ts (enums, shared columns, tables that reference no other),
 * schema-core.ts (operators, accounts, tenants, history, tokens, pushes, audits, templates, commits…) and
 * schema-jobs.ts (bulk jobs and items, the rate limiter, the fleet snapshots). Import from here.
 */
export * from "./schema-base";
export * from "./schema-core";
export * from "./schema-jobs";
