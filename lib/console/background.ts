import "server-only";
import { retryInboundEvents } from "./events-retry";
import { DEFAULT_OLDER_THAN_MS, reconcileAudits } from "./audit-reconcile";

/**
 * The console's own periodic work, started once per server process from instrumentation.ts: audit
 * reconciliation (lib/console/audit-reconcile.ts, every 5 minutes) and the retry of pushes whose processing failed
 * (lib/console/events-retry.ts, every minute). Each run claims its rows with SKIP LOCKED, so several processes
 * share the work instead of repeating it.
 */

type Background = {
  stop: () => void;
  /** One audit reconciliation run. */
  tick: () => Promise<void>;
  /** One retry sweep of failed pushes. */
  retryTick: () => Promise<void>;
};
// On globalThis: dev reloads re-evaluate this module, and a second timer would poll everything twice.
const registry = globalThis as unknown as { __wechatBackground?: Background };

/** A run that never overlaps itself and never throws out of its timer (a timer callback that throws takes the server down). */
function guarded(label: string, run: () => Promise<unknown>): () => Promise<void> {
  let running = false;
  let lastError: string | undefined;
  return async () => {
    // A slow run makes the next one skip rather than pile up.
    if (running) return;
    running = true;
    try {
      await run();
      lastError = undefined;
    } catch (error) {
      // Logged once per distinct failure: a database outage would otherwise log every period.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastError) console.error(`[wechat] ${label} failed`, error);
      lastError = message;
    } finally {
      running = false;
    }
  };
}

export function startWechatBackground(options: { everyMs?: number; olderThanMs?: number; retryEveryMs?: number } = {}): Background {
  if (registry.__wechatBackground) return registry.__wechatBackground;
  const tick = guarded("audit reconciliation", () => reconcileAudits({ olderThanMs: options.olderThanMs ?? DEFAULT_OLDER_THAN_MS }));
  const retryTick = guarded("push retry sweep", () => retryInboundEvents());
  const timers = [setInterval(() => void tick(), options.everyMs ?? 5 * 60_000), setInterval(() => void retryTick(), options.retryEveryMs ?? 60_000)];
  // The timers alone must not keep a process alive (tests, a server shutting down).
  for (const timer of timers) timer.unref();
  const background: Background = {
    tick,
    retryTick,
    stop() {
      for (const timer of timers) clearInterval(timer);
      if (registry.__wechatBackground === background) registry.__wechatBackground = undefined;
    },
  };
  registry.__wechatBackground = background;
  return background;
}
