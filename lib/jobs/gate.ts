import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { TenantPlatform } from "@/lib/platforms/port";
import type { JobState } from "@/lib/vocab";

/**
 * The gate every platform call of a bulk item passes: right before the call, the job must still be running (a
 * pause or a cancel stops the next call, not only the next item), and the account's rate limiter gives the call
 * its slot. Both in one statement. The limiter is GCRA on one row per account (bulk_rates), shared by every worker:
 * `next_at = greatest(next_at, now()) + 1/rate`, the call waits until its slot. (How many calls are in flight at
 * once is bounded below this, per HTTP exchange: the worker's call slots, lib/platforms/call-slots.ts.)
 */

/** The job stopped running between two calls of an item: nothing was sent. */
export class JobHalted extends Error {
  constructor(readonly state: JobState | "gone") {
    super(`bulk job ${state}`);
    this.name = "JobHalted";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The job's state, read at most every STATE_TTL_MS per process and shared by its items (a job of 1,000 items would
 * otherwise read it before every call). A pause is seen within that time; a cancel too, and cancelJob itself waits
 * until no item of the job is in a worker's hands, so no call starts after it returns.
 */
const STATE_TTL_MS = 100;
const states = new Map<string, { at: number; state: Promise<JobState | "gone"> }>();

function jobState(jobId: string): Promise<JobState | "gone"> {
  const hit = states.get(jobId);
  if (hit && Date.now() - hit.at < STATE_TTL_MS) return hit.state;
  const state = db.execute(sql`select state from bulk_jobs where id = ${jobId}`).then((rows) => ((rows[0] as { state?: JobState } | undefined)?.state ?? "gone") as JobState | "gone");
  if (states.size > 1000) states.clear();
  states.set(jobId, { at: Date.now(), state });
  state.catch(() => states.delete(jobId));
  return state;
}

/** Forget what this process knows of a job's state (after it changed it). */
export const forgetJobState = (jobId: string) => void states.delete(jobId);

/** Waits for the account's next slot and answers the job's state, in one round trip. */
async function takeSlot(jobId: string, accountId: string, ratePerSecond: number): Promise<{ state: JobState | "gone"; waitMs: number }> {
  const step = sql`make_interval(secs => ${1 / ratePerSecond})`;
  const rows = await db.execute(sql`
    with r as (
      insert into bulk_rates (account_id, next_at) values (${accountId}, clock_timestamp() + ${step})
      on conflict (account_id) do update set next_at = greatest(bulk_rates.next_at, clock_timestamp()) + ${step}
      returning next_at)
    select (select state from bulk_jobs where id = ${jobId}) as state,
      (select greatest(0, extract(epoch from (next_at - ${step} - clock_timestamp())) * 1000) from r)::float8 as wait_ms`);
  const row = rows[0] as { state: JobState | null; wait_ms: number } | undefined;
  return { state: row?.state ?? "gone", waitMs: Number(row?.wait_ms ?? 0) };
}

export type Gate = {
  /** Throws JobHalted unless the job runs; waits for the rate limiter's slot. */
  pass(): Promise<void>;
  /**
   * After the non-idempotent call of a step went out, the step's remaining reads go through (they finish the call
   * in flight, which cancelJob waits for); `reset` closes the gate again for the next step.
   */
  openForStep(): void;
  /** Whether this step's non-idempotent call went out (past the gate). */
  isOpen(): boolean;
  reset(): void;
};

export function createGate(jobId: string, accountId: string, ratePerSecond: number): Gate {
  let open = false;
  return {
    async pass() {
      if (open) return;
      if (ratePerSecond <= 0) {
        const state = await jobState(jobId);
        if (state !== "running") throw new JobHalted(state);
        return;
      }
      const { state, waitMs } = await takeSlot(jobId, accountId, ratePerSecond);
      if (state !== "running") throw new JobHalted(state);
      if (waitMs > 0) {
        await sleep(waitMs);
        const after = await jobState(jobId);
        if (after !== "running") throw new JobHalted(after);
      }
    },
    openForStep() {
      open = true;
    },
    isOpen() {
      return open;
    },
    reset() {
      open = false;
    },
  };
}

const NON_IDEMPOTENT = new Set(["commit", "submitAudit"]);

/** The tenant's platform with every operation behind the gate (properties such as `appid` pass as they are). */
export function gated(platform: TenantPlatform, gate: Gate): TenantPlatform {
  return new Proxy(platform, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await gate.pass();
        if (typeof prop === "string" && NON_IDEMPOTENT.has(prop)) gate.openForStep();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
