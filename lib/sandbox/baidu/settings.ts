import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sandboxSettings } from "../schema";

/**
 * The Baidu emulator's adjustable choices (one JSON value, key `baidu` of sandbox_settings): the documented lifetimes
 * (TP token 30 days, app token 1 hour, pre-auth code 1200 s, recovered code 18000 s) and delays (upload ~3 s), the
 * ones the seed leaves open (rollback delay, redirect code lifetime), and audit auto-decide. Latency and faults are
 * the WeChat emulator's (shared) settings.
 */
export const BAIDU_AUTO_DECIDE_MODES = ["off", "approve", "reject"] as const;

const seconds = z.number().int().min(1).max(315_360_000);
const delayMs = z.number().int().min(0).max(86_400_000);

export const baiduSettingsSchema = z.object({
  // 0 makes an upload ready at once (tests).
  uploadDelayMs: delayMs,
  // Emulator choice: how long a rollback shows status 8 before the previous package is online again.
  rollbackDelayMs: delayMs,
  tpTokenTtlSeconds: seconds,
  appTokenTtlSeconds: seconds,
  preAuthCodeTtlSeconds: seconds,
  authCodeTtlSeconds: seconds,
  recoverCodeTtlSeconds: seconds,
  autoDecide: z.object({ mode: z.enum(BAIDU_AUTO_DECIDE_MODES), afterMs: delayMs, reason: z.string().max(500).optional() }),
});
export type BaiduSettings = z.infer<typeof baiduSettingsSchema>;

export const DEFAULT_BAIDU_SETTINGS: BaiduSettings = {
  uploadDelayMs: 3000,
  rollbackDelayMs: 5000,
  tpTokenTtlSeconds: 2_592_000,
  appTokenTtlSeconds: 3600,
  preAuthCodeTtlSeconds: 1200,
  authCodeTtlSeconds: 3600,
  recoverCodeTtlSeconds: 18_000,
  autoDecide: { mode: "off", afterMs: 5000 },
};

const KEY = "baidu";
const TTL_MS = 500;
let cached: { at: number; value: BaiduSettings } | undefined;

/** The current settings (cached half a second: read on every call). */
export async function getBaiduSettings(): Promise<BaiduSettings> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.key, KEY));
  const value = baiduSettingsSchema.parse({ ...DEFAULT_BAIDU_SETTINGS, ...((row?.value as object) ?? {}) });
  cached = { at: Date.now(), value };
  return value;
}

/** Partial settings; `autoDecide` merges with the current one. */
export async function updateBaiduSettings(patch: Partial<Omit<BaiduSettings, "autoDecide">> & { autoDecide?: Partial<BaiduSettings["autoDecide"]> }) {
  const current = await getBaiduSettings();
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = baiduSettingsSchema.parse({ ...current, ...defined, autoDecide: { ...current.autoDecide, ...(patch.autoDecide ?? {}) } });
  await db.insert(sandboxSettings).values({ key: KEY, value: next }).onConflictDoUpdate({ target: sandboxSettings.key, set: { value: next } });
  cached = undefined;
  return next;
}

/** After a reset (the settings row is gone) or a write by another module. */
export function clearBaiduSettingsCache() {
  cached = undefined;
}
