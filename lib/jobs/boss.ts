import "server-only";
import { EventEmitter } from "node:events";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";

/**
 * pg-boss, the scheduler of bulk items (our tables stay the truth): one queue, one pg-boss job per runnable item,
 * grouped by platform account so `groupConcurrency` bounds the calls at once per account across every worker.
 * Its tables live in their own schema (`pgboss`) of the app's database. The queue is "stately": at most one queued
 * and one active pg-boss job per item (singletonKey), so sending an item again while one waits is a no-op.
 */

export const QUEUE = "bulk-items";
export const BOSS_SCHEMA = "pgboss";
/** A handler run is short (a few calls; waits park the item): past this, pg-boss hands the job to another worker. */
export const EXPIRE_SECONDS = 300;

/**
 * How fresh pg-boss's list of keys with an active job is. A fetch skips every queued job whose key is on that list
 * (stately), and the list is the queue row's `singletons_active`, written by the supervisor's monitor pass and read
 * by each instance through its queue cache — 60 s each by default. An item that parks (a retry's backoff, the
 * privacy wait) while its key was listed, or whose worker was killed, then waited up to two minutes after it was
 * due. Each pass aggregates the queue's rows (small here: one row per item run, deleted after pg-boss's retention).
 */
const FRESH_ACTIVE_KEYS = { superviseIntervalSeconds: 5, monitorIntervalSeconds: 5, queueCacheIntervalSeconds: 2 } as const;

export type ItemJobData = { jobId: string; tenantId: string };
export type ItemSend = ItemJobData & { accountId: string; startAfter?: Date | null };

/** A new pg-boss instance on the app's database (each worker has its own; senders share one). */
export async function createBoss(options: { supervise: boolean }): Promise<PgBoss> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: bulk jobs need the database");
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema: BOSS_SCHEMA,
    supervise: options.supervise,
    schedule: false,
    max: 5,
    ...FRESH_ACTIVE_KEYS,
  });
  boss.on("error", (error: unknown) => console.error("[jobs] pg-boss", error));
  await boss.start();
  await ensureQueue(boss);
  return boss;
}

async function ensureQueue(boss: PgBoss) {
  if (await boss.getQueue(QUEUE)) return;
  try {
    await boss.createQueue(QUEUE, { policy: "stately", expireInSeconds: EXPIRE_SECONDS, retryLimit: 5, retryDelay: 2, retryBackoff: true });
  } catch (error) {
    // Another process created it meanwhile.
    if (!(await boss.getQueue(QUEUE))) throw error;
  }
}

const keyOf = (item: ItemJobData) => `${item.jobId}:${item.tenantId}`;

// Senders in this process (server actions, the wake-ups) share one instance; started on first use.
const registry = globalThis as unknown as { __jobsSender?: Promise<PgBoss>; __jobsWake?: EventEmitter };

function sender(): Promise<PgBoss> {
  registry.__jobsSender ??= createBoss({ supervise: false }).catch((error) => {
    registry.__jobsSender = undefined;
    throw error;
  });
  return registry.__jobsSender;
}

/** Local workers listen here: an item sent by this process is fetched at once instead of at the next poll. */
export function localWake(): EventEmitter {
  registry.__jobsWake ??= new EventEmitter().setMaxListeners(100);
  return registry.__jobsWake;
}

/** Schedules items (one pg-boss job each, grouped by account); an item already queued is left as it is. */
export async function sendItems(items: ItemSend[], boss?: PgBoss): Promise<void> {
  if (items.length === 0) return;
  const b = boss ?? (await sender());
  for (let i = 0; i < items.length; i += 1000) {
    await b.insert(
      QUEUE,
      items.slice(i, i + 1000).map((item) => ({
        data: { jobId: item.jobId, tenantId: item.tenantId },
        singletonKey: keyOf(item),
        group: { id: item.accountId },
        ...(item.startAfter ? { startAfter: item.startAfter } : {}),
      })),
    );
  }
  if (items.some((item) => !item.startAfter || item.startAfter.getTime() <= Date.now())) localWake().emit("wake");
}

/**
 * Completes pg-boss jobs by id (the sweep's release of jobs whose worker died): a job no longer active is left as
 * it is. Until then pg-boss counts them against the account's groupConcurrency and keeps their items' keys out of
 * fetches, and would only expire them after EXPIRE_SECONDS.
 */
export async function completeAbandoned(ids: string[], boss?: PgBoss): Promise<void> {
  if (ids.length === 0) return;
  const b = boss ?? (await sender());
  await b.complete(QUEUE, ids, { abandoned: true });
}

/** Stops the shared sender (tests, a worker shutting down). */
export async function stopSender(): Promise<void> {
  const pending = registry.__jobsSender;
  registry.__jobsSender = undefined;
  if (pending) await (await pending).stop({ graceful: false, close: true }).catch(() => undefined);
}
