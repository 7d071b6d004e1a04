import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sandboxSettings } from "./schema";

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]{1,253}$/);

const apiPath = z.string().regex(/^\/[\w/.-]{1,200}$/);
const latencySchema = z.object({ ms: z.number().int().min(0).max(60_000), jitterMs: z.number().int().min(0).max(60_000) });
export const AUTO_DECIDE_MODES = ["off", "approve", "reject", "delay", "mix"] as const;
const weight = z.number().int().min(0).max(1_000_000);
export const ratiosSchema = z
  .object({ approve: weight, reject: weight, delay: weight })
  .refine((r) => r.approve + r.reject + r.delay > 0, { message: "validation.invalid" });
export type AutoDecideRatios = z.infer<typeof ratiosSchema>;

/** Emulator choices the documents leave open (reference "assump."), adjustable at run time through the control surface. */
export const settingsSchema = z.object({
  latency: latencySchema,
  tokenTtlSeconds: z.number().int().min(1).max(86_400),
  preAuthCodeTtlSeconds: z.number().int().min(1).max(86_400),
  authCodeTtlSeconds: z.number().int().min(1).max(86_400),
  privacyScanMs: z.number().int().min(0).max(600_000),
  undoDailyLimit: z.number().int().min(0).max(100),
  undoMonthlyLimit: z.number().int().min(0).max(1000),
  qrPublishMonthlyLimit: z.number().int().min(0).max(10_000),
  /**
   * The QR-jump checks the sandbox cannot make for real (it fetches nothing from the internet, knows no blacklist and
   * no ICP register): the hosts (a listed host covers its subdomains) that do not serve the verification file (85069
   * on publish), whose links are blacklisted or lack an ICP filing (85070, 85076 on add); the documented 5 requests
   * a second per mini-program across the qrcodejump* calls (44990). The limit is off (0) unless set: tests and demos
   * call faster than a person clicks, and a sandbox that refused them at random would hide real failures.
   */
  qrJump: z.object({
    hostsWithoutFile: z.array(hostName).max(200),
    blacklistedHosts: z.array(hostName).max(200),
    unfiledHosts: z.array(hostName).max(200),
    requestsPerSecond: z.number().int().min(0).max(1000),
  }),
  // Daily call limit per API path and account (getApiQuota, 45009); a path not listed has DEFAULT_API_DAILY_LIMIT.
  apiDailyLimits: z.record(apiPath, z.number().int().min(0).max(10_000_000)),
  /**
   * Auto-decide submitted audits after `afterMs` (off: a person or a test decides via /sandbox/control/audit).
   * mix: each audit's outcome drawn from `ratios` (weights) by a hash of appid and auditid, so a rerun decides the
   * same; a delayed audit is decided again (approve or reject, their weights) `afterMs` after its delay.
   */
  autoDecide: z.object({
    mode: z.enum(AUTO_DECIDE_MODES),
    afterMs: z.number().int().min(0).max(86_400_000),
    reason: z.string().max(500).optional(),
    ratios: ratiosSchema.optional(),
  }),
  // Added to every call of the account (the owner of the call's token: authorizer or platform appid), on top of
  // `latency` (emulator choice: the two add up, so a slow tenant stays slower than the rest).
  latencyByAppid: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), latencySchema).refine((r) => Object.keys(r).length <= 20_000),
  /** 45011: calls a minute one account may make to an API (path → limit; a path not listed has none). Off by default. */
  minuteLimits: z.record(apiPath, z.number().int().min(1).max(1_000_000)),
  /** 9402202 "concurrent limit": calls a second one platform's authorizers may make together to `path`. Off when null. */
  burst: z.object({ path: apiPath, maxPerSecond: z.number().int().min(1).max(100_000) }).nullable(),
  /**
   * Keep each call's arrival and answer times (sandbox_call_trace), so a bench or a test can read how many calls the
   * platform had in hand at once. Off by default: a row per call is for measuring, not for every day.
   */
  traceCalls: z.boolean(),
});
export type SandboxSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: SandboxSettings = {
  latency: { ms: 0, jitterMs: 0 },
  tokenTtlSeconds: 7200,
  preAuthCodeTtlSeconds: 600,
  authCodeTtlSeconds: 3600,
  privacyScanMs: 3000,
  undoDailyLimit: 5,
  undoMonthlyLimit: 10,
  qrPublishMonthlyLimit: 100,
  qrJump: { hostsWithoutFile: [], blacklistedHosts: [], unfiledHosts: [], requestsPerSecond: 0 },
  apiDailyLimits: {},
  autoDecide: { mode: "off", afterMs: 5000 },
  latencyByAppid: {},
  minuteLimits: {},
  burst: null,
  traceCalls: false,
};

const KEY = "settings";
// Read on every sandbox call; a short cache keeps a call cheap. Writes through this module clear it at once.
const TTL_MS = 500;
let cached: { at: number; value: SandboxSettings } | undefined;

export async function getSettings(): Promise<SandboxSettings> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.key, KEY));
  const value = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...((row?.value as object) ?? {}) });
  cached = { at: Date.now(), value };
  return value;
}

export async function updateSettings(patch: Partial<SandboxSettings>): Promise<SandboxSettings> {
  const next = settingsSchema.parse({ ...(await getSettings()), ...patch });
  await db.insert(sandboxSettings).values({ key: KEY, value: next }).onConflictDoUpdate({ target: sandboxSettings.key, set: { value: next } });
  cached = undefined;
  return next;
}

export function clearSettingsCache() {
  cached = undefined;
}
