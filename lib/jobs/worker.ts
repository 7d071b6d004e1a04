import "server-only";
import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import type { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { createBoss, localWake, QUEUE, sendItems, stopSender, type ItemJobData } from "./boss";
import type { CallSlot } from "@/lib/platforms/call-slots";
import { runItem, type RunnerConfig } from "./runner";
import { pollParkedAudits, registerAuditWake, releaseAbandoned, resendStranded, resumeAfterBurst, wakeAuditWaiters } from "./wake";

/**
 * A worker: its own pg-boss instance, a pump that keeps items in hand (it fetches again the moment one ends, so no
 * poll interval sits between items), call slots that bound the platform calls in flight, and a sweep (audit
 * wake-ups, stranded items). Several workers on one database share the work: pg-boss hands each job to one of them,
 * and the item's lease keeps a second delivery from acting twice.
 *
 * Concurrency is counted in platform calls, which is what the platform sees: at most `concurrency` calls in flight
 * from this worker, and at most `perAccount` for one account. An item spends part of its time between calls on its
 * own bookkeeping (claim, step records, history); so that a call slot does not sit idle meanwhile, the worker holds
 * ITEMS_PER_CALL_SLOT × as many items as call slots (pg-boss's groupConcurrency bounds the items of one account
 * across every worker by the same rule; the rate limit, when set, is exact across workers).
 */

/** Items in hand per call slot (rounded up). */
export const ITEMS_PER_CALL_SLOT = 1.5;
const itemsFor = (calls: number) => Math.ceil(calls * ITEMS_PER_CALL_SLOT);

export type WorkerOptions = {
  /** Platform calls this worker has in flight at once (default JOBS_CONCURRENCY). */
  concurrency?: number;
  /** Platform calls in flight at once per account in this worker (default: `concurrency`, else JOBS_CONCURRENCY). */
  perAccount?: number;
  workerId?: string;
  /** Calls per second per account (default JOBS_RATE_PER_SECOND; 0: none). */
  ratePerSecond?: number;
  /** Idle poll for work sent by other processes (default 500 ms, pg-boss's minimum interval). */
  pollMs?: number;
  sweepMs?: number;
  leaseMs?: number;
  /** Ask the platform about an awaited audit after this long without news (default 5 minutes). */
  auditCheckMs?: number;
  backoffBaseMs?: number;
  maxAttempts?: number;
};

export type WorkerHandle = { id: string; stop(): Promise<void> };

const registry = globalThis as unknown as { __jobsWorkers?: Map<string, WorkerHandle> };
const workers = () => (registry.__jobsWorkers ??= new Map());

function guarded(label: string, run: () => Promise<unknown>) {
  let running = false;
  let last: string | undefined;
  return async () => {
    if (running) return;
    running = true;
    try {
      await run();
      last = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== last) console.error(`[jobs] ${label} failed`, error);
      last = message;
    } finally {
      running = false;
    }
  };
}

/** Starts a worker (a second call with the same id answers the running one). */
export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const id = options.workerId ?? `worker-${process.pid}`;
  const existing = workers().get(id);
  if (existing) return existing;
  const concurrency = options.concurrency ?? env.JOBS_CONCURRENCY;
  const perAccount = options.perAccount ?? options.concurrency ?? env.JOBS_CONCURRENCY;
  const pollMs = Math.max(options.pollMs ?? 500, 50);
  const boss: PgBoss = await createBoss({ supervise: true });
  const owner = `${id}:${randomUUID().slice(0, 8)}`;
  const workerSlots = pLimit(concurrency);
  const accountSlots = new Map<string, CallSlot>();
  const callSlots = (accountId: string): CallSlot => {
    let slot = accountSlots.get(accountId);
    if (!slot) {
      const account = pLimit(perAccount);
      // The account's slot first, then the worker's: a call waiting on its account holds no slot of the others.
      slot = (exchange) => account(() => workerSlots(exchange));
      accountSlots.set(accountId, slot);
    }
    return slot;
  };
  const config: RunnerConfig = {
    owner,
    callSlots,
    leaseMs: options.leaseMs ?? 120_000,
    ratePerSecond: options.ratePerSecond ?? env.JOBS_RATE_PER_SECOND,
    backoffBaseMs: options.backoffBaseMs ?? 1_000,
    maxAttempts: options.maxAttempts ?? 5,
    send: (items) => sendItems(items, boss),
  };
  registerAuditWake();

  let stopping = false;
  const active = new Set<Promise<void>>();
  let wakeUp: (() => void) | null = null;
  // A wake-up while the pump is busy is kept, so the next idle ends at once.
  let woken = false;
  const wake = () => (wakeUp ? wakeUp() : (woken = true));
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  localWake().on("wake", wake);

  const handle = (job: { id: string; data: ItemJobData }) => {
    const work = runItem(config, job.data)
      .then(() => boss.complete(QUEUE, job.id))
      .catch(async (error: unknown) => {
        console.error(`[jobs] item ${job.data.jobId}/${job.data.tenantId} run failed`, error);
        await boss.fail(QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      })
      .then(() => undefined)
      .finally(() => {
        active.delete(work);
        wake();
      });
    active.add(work);
  };

  const pump = (async () => {
    let lastError: string | undefined;
    while (!stopping) {
      const free = itemsFor(concurrency) - active.size;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await boss.fetch<ItemJobData>(QUEUE, { batchSize: free, groupConcurrency: itemsFor(perAccount) });
          fetched = jobs.length;
          for (const job of jobs) handle(job);
          lastError = undefined;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== lastError && !stopping) console.error("[jobs] fetch failed", error);
          lastError = message;
        }
      }
      if (stopping) break;
      if (fetched > 0 && fetched === free) continue;
      await idle(pollMs);
    }
  })();

  const auditCheckMs = options.auditCheckMs ?? 5 * 60_000;
  const sweep = guarded("sweep", async () => {
    await wakeAuditWaiters();
    await pollParkedAudits(auditCheckMs);
    // A killed worker's pg-boss jobs first (they hold the account's slots), then items without a queued job.
    await releaseAbandoned(config.leaseMs);
    await resendStranded(30_000);
    await resumeAfterBurst();
  });
  const timer = setInterval(() => void sweep(), options.sweepMs ?? 15_000);
  timer.unref();

  const worker: WorkerHandle = {
    id,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      localWake().off("wake", wake);
      wake();
      await pump;
      await Promise.allSettled([...active]);
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      if (workers().get(id) === worker) workers().delete(id);
    },
  };
  workers().set(id, worker);
  return worker;
}

/** Stops every worker of this process and the shared sender. */
export async function stopWorker(): Promise<void> {
  await Promise.all([...workers().values()].map((w) => w.stop()));
  await stopSender();
}
