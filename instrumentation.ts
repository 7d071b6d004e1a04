/**
 * Next's start-up hook (once per server process). With the sandbox on, the emulated platform's timers start here:
 * push delivery, verify-ticket pushes and audit auto-decide (lib/sandbox/background.ts). The console's own timers
 * (audit reconciliation, retries of failed pushes) and the bulk-jobs worker start whether or not the sandbox is on.
 */
export async function register() {
  // NEXT_RUNTIME is Next's own marker of the runtime being started, not configuration; the edge runtime has no timers or database.
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.NEXT_PHASE === "phase-production-build") return;
  // lib/console/background.ts: polls audits whose result push was lost, retries pushes whose processing failed.
  const { startWechatBackground } = await import("./lib/console/background");
  startWechatBackground();
  // lib/jobs: audit decisions wake the bulk items waiting for them; the worker runs here unless JOBS_WORKER=0
  // (then `npm run worker` does the work).
  const jobs = await import("@/lib/jobs");
  jobs.registerAuditWake();
  if (env.JOBS_WORKER) {
    jobs.startWorker().catch((error: unknown) => console.error("[jobs] the worker did not start", error));
  }
  if (!env.SANDBOX) return;
  const { startSandboxBackground } = await import("@/lib/sandbox/background");
  startSandboxBackground();
}
