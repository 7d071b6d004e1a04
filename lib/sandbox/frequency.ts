import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { fail } from "./errors";
import type { SandboxSettings } from "./settings";

/**
 * The platform's short-window frequency limits (reference §7.2: "daily exhaustion → 45009; short-window frequency →
 * 45011; some APIs have their own (… 9402202 concurrent commit/submit)"). The documents give no numbers, so both are
 * off unless set (settings.minuteLimits, settings.burst):
 * - 45011 "api minute-quota reach limit, must slower, retry next minute": one account calling one API more than its
 *   per-minute limit;
 * - 9402202 "concurrent limit" (seed 002: 请勿频繁提交,待上一次操作完成后再提交): one platform's authorizers together
 *   calling `burst.path` more than `maxPerSecond` times a second.
 * (emulator choice) A window starts at its first call and lasts the period (a minute, a second), so a test is not at
 * the mercy of a clock boundary; refused calls count in the window too (the platform saw them). Windows live in
 * sandbox_rate_windows, so every process agrees.
 */

const MINUTE_LIMIT = [45011, "api minute-quota reach limit, must slower, retry next minute"] as const;
const CONCURRENT_LIMIT = [9402202, "concurrent limit"] as const;

/** Counts one call in the window `key` (opened anew once `periodMs` has passed since its first call); returns its count. */
export async function hitWindow(key: string, periodMs: number, now = Date.now()): Promise<number> {
  const [row] = (await db.execute(sql`
    insert into sandbox_rate_windows (key, started_ms, count) values (${key}, ${now}, 1)
    on conflict (key) do update set
      count = case when sandbox_rate_windows.started_ms > ${now - periodMs} then sandbox_rate_windows.count + 1 else 1 end,
      started_ms = case when sandbox_rate_windows.started_ms > ${now - periodMs} then sandbox_rate_windows.started_ms else ${now} end
    returning count`)) as unknown as { count: number }[];
  return row!.count;
}

/**
 * Applies the frequency limits to an authenticated call of `account` (authorizer or platform appid) belonging to the
 * platform `componentAppid`. Runs before the daily count (a call refused here spends no daily quota) and the handler.
 */
export async function checkFrequency(settings: SandboxSettings, path: string, account: string, componentAppid: string) {
  const perMinute = settings.minuteLimits[path];
  if (perMinute !== undefined && (await hitWindow(`minute:${account}:${path}`, 60_000)) > perMinute) fail(...MINUTE_LIMIT);
  const burst = settings.burst;
  if (burst && burst.path === path && (await hitWindow(`burst:${componentAppid}:${path}`, 1000)) > burst.maxPerSecond) fail(...CONCURRENT_LIMIT);
}
