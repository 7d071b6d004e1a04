import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { errorBody, json } from "./errors";
import { sandboxFaults } from "./schema";

/**
 * Injected latency and faults (control surface: POST /sandbox/control/latency, /faults). A fault answers an errcode,
 * an HTTP error page, or holds the call (timeout_ms); it may name one account (its `appid`), and may instead let the
 * call run and lose its answer (lose_answer: the state changes, the caller gets HTTP 504), which is what a bulk
 * engine must survive without committing or submitting twice.
 */

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

type Latency = { ms: number; jitterMs: number };

/**
 * The platform's answer time for one call, as the emulator plays it (emulator choice): a latency setting (ms plus a
 * random jitter up to jitterMs) is the time from request to answer. Half of it (the request's way there) passes
 * before the platform acts; the answer then leaves no sooner than the whole of it after the request arrived, so the
 * emulator's own work (token lookup, bookkeeping, the handler's transaction) hides inside the latency, as the real
 * platform's work does inside its answer time. Global and per-account latencies add up. A caller that hangs up
 * ends every wait at once.
 */
export function latencyClock(signal?: AbortSignal) {
  const arrivedAt = Date.now();
  let total = 0;
  return {
    arrivedAt: new Date(arrivedAt),
    /** When the answer leaves: the whole latency after arrival, or now if the work took longer (+ a lost answer's hold). */
    answersAt: (heldMs = 0) => new Date(Math.max(Date.now(), arrivedAt + total) + heldMs),
    /** Adds a latency setting: waits out its first half now. */
    async add(latency: Latency | undefined) {
      if (!latency || (latency.ms <= 0 && latency.jitterMs <= 0)) return;
      const ms = latency.ms + Math.floor(Math.random() * (latency.jitterMs + 1));
      total += ms;
      await sleep(ms / 2, signal);
    },
    /**
     * Waits until the answer may leave (the whole latency after the request arrived). A timer may fire a little
     * early; the wait goes on until the clock says so, so an answer never leaves before the time answersAt gave.
     */
    async settle() {
      while (total > 0 && !signal?.aborted && Date.now() < arrivedAt + total) await sleep(arrivedAt + total - Date.now(), signal);
    },
  };
}

export type LatencyClock = ReturnType<typeof latencyClock>;

const wechatFault = (errcode: number) => json(errorBody(errcode, errcode === -1 ? "system error" : "sandbox injected fault"));

/** What a fault does to a call: answer in its place, or let it run and lose its answer (after `delayMs`). */
export type Injected = { kind: "answer"; response: Response; errcode: number } | { kind: "lose"; delayMs: number };

/**
 * The first matching fault, if its dice and count allow. `account` is the owner of the call's token (authorizer
 * appid, or the platform's component appid), null when the token names nobody: a fault naming an appid matches only
 * that account's calls. A lose_answer fault does not answer: the caller runs the call, then answers HTTP 504.
 * `render` builds an errcode fault's answer in the calling platform's envelope (WeChat's `{errcode, errmsg}` unless given).
 */
export async function pickFault(path: string, account: string | null, signal?: AbortSignal, render: (errcode: number) => Response = wechatFault): Promise<Injected | null> {
  const faults = await activeFaults();
  for (const fault of faults) {
    if (!patternMatches(fault.pathPattern, path)) continue;
    if (fault.appid !== null && fault.appid !== account) continue;
    if (fault.probability < 1 && Math.random() >= fault.probability) continue;
    if (!(await claim(fault))) continue;
    if (fault.loseAnswer) return { kind: "lose", delayMs: fault.timeoutMs ?? 0 };
    if (fault.timeoutMs) await sleep(fault.timeoutMs, signal);
    if (fault.httpStatus) {
      return { kind: "answer", response: new Response(`sandbox injected HTTP ${fault.httpStatus}`, { status: fault.httpStatus }), errcode: -fault.httpStatus };
    }
    const errcode = fault.errcode ?? -1;
    return { kind: "answer", response: render(errcode), errcode };
  }
  return null;
}

/**
 * The answer a lost call gets (emulator choice): the gateway gave up waiting, as a load balancer in front of the
 * platform would, so the caller cannot tell whether the call was applied. Sent after the call ran (and `delayMs`).
 */
export async function lostAnswer(delayMs: number, signal?: AbortSignal): Promise<Response> {
  await sleep(delayMs, signal);
  return new Response("gateway timeout", { status: 504, headers: { "content-type": "text/plain; charset=utf-8" } });
}
