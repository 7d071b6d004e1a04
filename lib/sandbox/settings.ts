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

/** Emulator choices the documents leave open (reference "assump."), adjustable at run time through the control surface. */
export const settingsSchema = z.object({
  latency: z.object({ ms: z.number().int().min(0).max(60_000), jitterMs: z.number().int().min(0).max(60_000) }),
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
  apiDailyLimits: z.record(z.string().regex(/^\/[\w/.-]{1,200}$/), z.number().int().min(0).max(10_000_000)),
  // Auto-decide submitted audits after `afterMs` (off: a person or a test decides via /sandbox/control/audit).
  autoDecide: z.object({
    mode: z.enum(["off", "approve", "reject", "delay"]),
    afterMs: z.number().int().min(0).max(86_400_000),
    reason: z.string().max(500).optional(),
  }),
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
