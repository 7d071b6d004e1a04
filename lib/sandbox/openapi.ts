import "server-only";
import { and, eq, like, notLike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "./errors";
import { sandboxSettings } from "./schema";
import { chinaDay } from "./state";

/**
 * What the platform remembers of its callers (reference §7.2): the request behind each rid it answered (getRidInfo)
 * and each account's daily call count per API (getApiQuota, 45009 when spent, reset by clear_quota). Kept as rows
 * of sandbox_settings (`rid:…`, `api-usage:<day>:<account>:<path>`) so the emulator needs no table of its own.
 */

/** (assump.) The documents give no default per-API daily limit; this one is large enough that only a test reaches it. */
export const DEFAULT_API_DAILY_LIMIT = 10_000;
// How long a rid can be looked up (assump.: the platform keeps them "recently"; the console looks up within minutes).
const RID_KEEP_MS = 24 * 3600_000;

export type RidRecord = {
  at: number;
  costMs: number;
  account: string | null;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
};

/** The URL as the platform logs it: the token is not shown back, not even to its owner. */
export function loggedUrl(url: URL): string {
  const copy = new URL(url.pathname + url.search, "https://api.weixin.qq.com");
  for (const name of ["access_token", "component_access_token", "authorizer_access_token"]) {
    if (copy.searchParams.has(name)) copy.searchParams.set(name, "ACCESS_TOKEN");
  }
  return copy.pathname.replace(/^\/sandbox\/wechat/, "") + copy.search;
}

/** Hides the secrets a request body may carry (clear_quota/v2, api_component_token). */
export function loggedBody(body: Record<string, unknown>): string {
  const secret = /secret|ticket|token|code$/i;
  return JSON.stringify(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, secret.test(k) ? "***" : v])));
}

export async function rememberRid(rid: string, record: RidRecord) {
  await db.insert(sandboxSettings).values({ key: `rid:${rid}`, value: record }).onConflictDoNothing();
  // Old rids and past days' counts go as new refusals arrive: a small table (settings besides these), one statement.
  await db
    .delete(sandboxSettings)
    .where(
      or(
        and(like(sandboxSettings.key, "rid:%"), sql`(${sandboxSettings.value}->>'at')::bigint < ${Date.now() - RID_KEEP_MS}`),
        and(like(sandboxSettings.key, "api-usage:%"), notLike(sandboxSettings.key, `api-usage:${chinaDay()}:%`)),
      ),
    );
}

export async function ridRecord(rid: string): Promise<RidRecord | null> {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.key, `rid:${rid}`));
  return (row?.value as RidRecord | undefined) ?? null;
}

const usageKey = (account: string, path: string, day = chinaDay()) => `api-usage:${day}:${account}:${path}`;

export async function apiUsed(account: string, path: string): Promise<number> {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.key, usageKey(account, path)));
  return typeof row?.value === "number" ? row.value : 0;
}

export function apiLimit(limits: Record<string, number>, path: string): number {
  return limits[path] ?? DEFAULT_API_DAILY_LIMIT;
}

/** Counts one call of `account` to `path` today; 45009 once today's calls reached the limit (the refused call is not counted). */
export async function spendApiCall(account: string, path: string, limit: number) {
  if (limit <= 0) fail(45009, "reach max api daily quota limit");
  const key = usageKey(account, path);
  const rows = await db
    .insert(sandboxSettings)
    .values({ key, value: sql`to_jsonb(1)` })
    .onConflictDoUpdate({
      target: sandboxSettings.key,
      set: { value: sql`to_jsonb((${sandboxSettings.value}::text)::int + 1)` },
      setWhere: sql`(${sandboxSettings.value}::text)::int < ${limit}`,
    })
    .returning({ key: sandboxSettings.key });
  if (rows.length === 0) fail(45009, "reach max api daily quota limit");
}

/** Sets today's count (the control surface), so a test can put an API at its limit. */
export async function setApiUsed(account: string, path: string, used: number) {
  const key = usageKey(account, path);
  await db.insert(sandboxSettings).values({ key, value: used }).onConflictDoUpdate({ target: sandboxSettings.key, set: { value: used } });
}

/** clear_quota: every API of the account starts today's count again. */
export async function clearApiUsage(account: string) {
  await db.delete(sandboxSettings).where(like(sandboxSettings.key, `api-usage:${chinaDay()}:${account}:%`));
}
