import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runAutoDecide } from "./audit-decision";
import { deliverPushTick, enqueueTicketPush } from "./push";
import { runBaiduAutoDecide } from "./baidu/audit";
import { pushDueBaiduTickets } from "./baidu/background";

/**
 * The emulated platform's own clock, running inside each console process while the sandbox is on: deliver due
 * pushes, push a fresh component_verify_ticket every SANDBOX_TICKET_SECONDS (WeChat: every 10 minutes), and
 * auto-decide audits; the same for the Baidu emulator's tickets (also every 10 minutes) and audits. Every step is
 * safe with several processes: pushes are claimed with SKIP LOCKED, tickets with one atomic UPDATE, so each happens
 * once whichever process gets there first.
 */

/** How often to look for platforms whose ticket is due: often enough to be at most 5 s late, never more than due. */
export function ticketCheckIntervalMs(ticketSeconds: number): number {
  return Math.max(1000, Math.min(ticketSeconds * 1000, 5000));
}

/**
 * Claims the platforms whose ticket is older than `ticketSeconds` (or that never had one) by moving their
 * verify_ticket_at to now in one UPDATE: a second process running the same statement finds nothing left to claim.
 * Then pushes a new ticket to each. Returns the component appids pushed to.
 */
export async function pushDueTickets(ticketSeconds: number): Promise<string[]> {
  const claimed = (await db.execute(sql`
    update sandbox_platforms set verify_ticket_at = now()
    where verify_ticket_at is null or verify_ticket_at <= now() - make_interval(secs => ${ticketSeconds})
    returning component_appid`)) as unknown as { component_appid: string }[];
  const pushed: string[] = [];
  for (const { component_appid } of claimed) {
    await enqueueTicketPush(component_appid);
    pushed.push(component_appid);
  }
  return pushed;
}

type Log = (message: string, error: unknown) => void;

/**
 * Wraps a periodic job: a tick that is still running makes the next one skip (a slow database must not pile
 * up work), and a failure is logged, never thrown — a timer callback that throws would take the server down.
 * The same failure repeating every second is logged once a minute, not sixty times.
 */
export function createTicker(name: string, job: () => Promise<unknown>, log: Log = (m, e) => console.error(m, e), quietMs = 60_000) {
  let running = false;
  let lastLogged: { message: string; at: number } | undefined;
  return async function tick(): Promise<"ran" | "skipped" | "failed"> {
    if (running) return "skipped";
    running = true;
    try {
      await job();
      lastLogged = undefined;
      return "ran";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = Date.now();
      if (!lastLogged || lastLogged.message !== message || now - lastLogged.at >= quietMs) {
        log(`[sandbox] background ${name} failed`, error);
        lastLogged = { message, at: now };
      }
      return "failed";
    } finally {
      running = false;
    }
  };
}

/** WeChat's and the Baidu emulator's (lib/sandbox/baidu) steps together: both settle, the first failure is thrown. */
async function both(...steps: Promise<unknown>[]) {
  const failed = (await Promise.allSettled(steps)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

type Background = { stop: () => void };
// On globalThis: dev reloads re-evaluate this module, and a second set of timers would push everything twice.
const registry = globalThis as unknown as { __sandboxBackground?: Background };

export function startSandboxBackground(options: { ticketSeconds?: number } = {}): Background {
  if (registry.__sandboxBackground) return registry.__sandboxBackground;
  const ticketSeconds = options.ticketSeconds ?? env.SANDBOX_TICKET_SECONDS;
  const jobs: [ReturnType<typeof createTicker>, number][] = [
    [createTicker("push delivery", () => deliverPushTick()), 1000],
    // Each platform's step runs whatever the other's does (a failure is reported after both ran).
    [createTicker("ticket push", () => both(pushDueTickets(ticketSeconds), pushDueBaiduTickets(ticketSeconds))), ticketCheckIntervalMs(ticketSeconds)],
    [createTicker("audit auto-decide", () => both(runAutoDecide(), runBaiduAutoDecide())), 1000],
  ];
  const timers = jobs.map(([tick, every]) => {
    const timer = setInterval(() => void tick(), every);
    // Timers alone must not keep a process alive (tests, a server shutting down).
    timer.unref();
    return timer;
  });
  const background: Background = {
    stop() {
      for (const timer of timers) clearInterval(timer);
      if (registry.__sandboxBackground === background) registry.__sandboxBackground = undefined;
    },
  };
  registry.__sandboxBackground = background;
  return background;
}
