import "server-only";
import { DEFAULT_OLDER_THAN_MS, reconcileAudits } from "./reconcile";

/**
 * The console's own periodic work, started once per server process from instrumentation.ts: audit
 * reconciliation (lib/wechat/reconcile.ts). Each run claims its rows with SKIP LOCKED, so several processes
 * share the work instead of repeating it.
 */

type Background = { stop: () => void; tick: () => Promise<void> };
// On globalThis: dev reloads re-evaluate this module, and a second timer would poll everything twice.
const registry = globalThis as unknown as { __wechatBackground?: Background };

export function startWechatBackground(options: { everyMs?: number; olderThanMs?: number } = {}): Background {
  if (registry.__wechatBackground) return registry.__wechatBackground;
  let running = false;
  let lastError: string | undefined;
  const tick = async () => {
    // A slow run makes the next one skip rather than pile up.
    if (running) return;
    running = true;
    try {
      await reconcileAudits({ olderThanMs: options.olderThanMs ?? DEFAULT_OLDER_THAN_MS });
      lastError = undefined;
    } catch (error) {
      // Logged once per distinct failure (a database outage would otherwise log every period), never thrown:
      // a timer callback that throws takes the server down.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastError) console.error("[wechat] audit reconciliation failed", error);
      lastError = message;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? 5 * 60_000);
  // The timer alone must not keep a process alive (tests, a server shutting down).
  timer.unref();
  const background: Background = {
    tick,
    stop() {
      clearInterval(timer);
      if (registry.__wechatBackground === background) registry.__wechatBackground = undefined;
    },
  };
  registry.__wechatBackground = background;
  return background;
}
