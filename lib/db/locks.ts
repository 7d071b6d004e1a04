import { sql } from "drizzle-orm";

/**
 * Every Postgres advisory lock the application takes, in one place, so that two features never pick the same id.
 *
 * Fixed ids take `pg_advisory_lock(bigint)` / `pg_advisory_xact_lock(bigint)`: one lock for one whole job (migrating,
 * creating the first operators, seeding the emulator). Keyed locks hash a string with `hashtextextended(key, 0)`
 * (64 bits) into the same space: one lock per row-like thing (a token, a tenant's grant, an emulator platform).
 * Each family of keys starts with its own prefix, listed in `KEYED_LOCK_PREFIXES`.
 */
export const LOCK_IDS = {
  /** Several instances starting together take turns migrating (lib/db/migrate.ts, session-level lock). */
  migration: 727_001,
  /** Whoever creates the first operators (setup, demo seed) or removes an admin does it alone (lib/console/operators.ts). */
  firstOperator: 727_002,
  /** Two launchers starting on one empty database seed the emulator's demo world once (lib/sandbox/demo.ts). */
  sandboxDemoSeed: 727_003,
} as const;

export type LockName = keyof typeof LOCK_IDS;

/** Prefixes of the keyed locks' keys; no prefix may start another, so two families never share a key. */
export const KEYED_LOCK_PREFIXES = {
  /** Cached platform tokens and the tenant grants behind them: the token's own key (lib/platforms/wechat/grants.ts). */
  componentToken: "component:",
  authorizerToken: "authorizer:",
  /** Baidu: the platform's TP token, and one smart program's app token with the single-use refresh token behind it (lib/platforms/baidu/grants.ts). */
  baiduTpToken: "baidu-tp:",
  baiduAppToken: "baidu-app:",
  sandboxTemplates: "sandbox_templates:",
  sandboxDraft: "sandbox_draft:",
  sandboxQrjumpPrefixes: "sandbox_qrjump_prefixes",
} as const;

/** Keys of the emulator's keyed locks (the token keys are built where the tokens are: lib/platforms/wechat/grants.ts). */
export const sandboxLockKeys = {
  /** The template library of one emulated platform (its size limit is checked and the row added under it). */
  templates: (componentAppid: string) => `${KEYED_LOCK_PREFIXES.sandboxTemplates}${componentAppid}`,
  /** The drafts uploaded from one source mini-program to one platform. */
  draft: (componentAppid: string, sourceAppid: string) => `${KEYED_LOCK_PREFIXES.sandboxDraft}${componentAppid}:${sourceAppid}`,
  /** QR-jump prefixes are unique across every emulated mini-program. */
  qrjumpPrefixes: () => KEYED_LOCK_PREFIXES.sandboxQrjumpPrefixes,
};

/** `select pg_advisory_xact_lock(id)`: held until the transaction ends. */
export const xactLock = (name: LockName) => sql`select pg_advisory_xact_lock(${LOCK_IDS[name]})`;

/** `select pg_advisory_xact_lock(hashtextextended(key, 0))`: held until the transaction ends. */
export const keyedXactLock = (key: string) => sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`;

/**
 * The keyed locks of several keys in one statement, taken in the order given: callers pass them sorted, so two
 * batches (or a batch and a single-key writer) cannot deadlock.
 */
export const keyedXactLocks = (keys: string[]) =>
  sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array[${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]) with ordinality as l(k, n) order by n`;
