import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { errorBody, json } from "./errors";
import { sandboxFaults } from "./schema";
import type { SandboxSettings } from "./settings";

type Fault = typeof sandboxFaults.$inferSelect;

const TTL_MS = 500;
let cached: { at: number; faults: Fault[] } | undefined;

export function clearFaultCache() {
  cached = undefined;
}

async function activeFaults(): Promise<Fault[]> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.faults;
  const faults = await db.select().from(sandboxFaults).where(or(isNull(sandboxFaults.remaining), gt(sandboxFaults.remaining, 0)));
  cached = { at: Date.now(), faults };
  return faults;
}

export function patternMatches(pattern: string, path: string): boolean {
  if (!pattern.includes("*")) return pattern === path;
  const regex = new RegExp("^" + pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
  return regex.test(path);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Claims one use of a counted fault atomically, so two processes cannot both spend the last one. */
async function claim(fault: Fault): Promise<boolean> {
  if (fault.remaining === null) return true;
  const rows = await db
    .update(sandboxFaults)
    .set({ remaining: sql`${sandboxFaults.remaining} - 1` })
    .where(and(eq(sandboxFaults.id, fault.id), gt(sandboxFaults.remaining, 0)))
    .returning({ remaining: sandboxFaults.remaining });
  cached = undefined;
  return rows.length === 1;
}

/**
 * Injected latency first (every call), then the first matching fault, if its dice and count allow.
 * Returns the response to send instead of the real answer, or null.
 */
export async function applyFaultsAndLatency(
  path: string,
  settings: SandboxSettings,
  signal?: AbortSignal,
): Promise<{ response: Response; errcode: number } | null> {
  const { ms, jitterMs } = settings.latency;
  if (ms > 0 || jitterMs > 0) await sleep(ms + Math.floor(Math.random() * (jitterMs + 1)), signal);
  const faults = await activeFaults();
  for (const fault of faults) {
    if (!patternMatches(fault.pathPattern, path)) continue;
    if (fault.probability < 1 && Math.random() >= fault.probability) continue;
    if (!(await claim(fault))) continue;
    if (fault.timeoutMs) await sleep(fault.timeoutMs, signal);
    if (fault.httpStatus) {
      return { response: new Response(`sandbox injected HTTP ${fault.httpStatus}`, { status: fault.httpStatus }), errcode: -fault.httpStatus };
    }
    const errcode = fault.errcode ?? -1;
    return { response: json(errorBody(errcode, errcode === -1 ? "system error" : "sandbox injected fault")), errcode };
  }
  return null;
}
