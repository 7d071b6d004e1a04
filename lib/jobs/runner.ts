import "server-only";
import { eq } from "drizzle-orm";
import { withTenantHealth } from "@/lib/console/tokens-health";
import { db } from "@/lib/db/client";
import { tenants, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { platformForTenant } from "@/lib/platforms";
import { withCallSlot, type CallSlot } from "@/lib/platforms/call-slots";
import { PlatformError } from "@/lib/platforms/port";
import type { ItemJobData, ItemSend } from "./boss";
import { createGate, gated, JobHalted, type Gate } from "./gate";
import { BURST_CODES, claimItem, finishJobIfSettled, isBurst, isFinal, pauseForQuota, setInflight, settleItem, type ClaimedItem, type Settle } from "./items";
import { jobParamsSchemas, type JobParams } from "./params";
import { runStep } from "./steps";
import { stepsOf, type StepOutcome } from "./step-types";

/**
 * One pg-boss job = one run of one item: claim it (lease), then go through its steps until it parks, ends or
 * fails, persisting each step's outcome. Errors are sorted here: a platform answer that is permanent fails the item
 * with its code; a transient one (or no answer) parks it with backoff and jitter, bounded; a quota refusal pauses
 * the whole job (the item waits at its step); a pause or cancel seen at the gate stops before the next call.
 */

export type RunnerConfig = {
  owner: string;
  /** The worker's call slots for an account (platform calls in flight at once); none: unbounded here. */
  callSlots?: (accountId: string) => CallSlot;
  leaseMs: number;
  ratePerSecond: number;
  backoffBaseMs: number;
  maxAttempts: number;
  send: (items: ItemSend[]) => Promise<void>;
};

/** Privacy-scan waits allowed per item (2 s apart: about two minutes). */
const MAX_PARKS = 60;

class LeaseLost extends Error {}

const paramsCache = new Map<string, unknown>();
function paramsOf(item: ClaimedItem): JobParams[keyof JobParams] {
  let parsed = paramsCache.get(item.jobId);
  if (!parsed) {
    parsed = jobParamsSchemas[item.kind].parse(item.params);
    if (paramsCache.size > 200) paramsCache.clear();
    paramsCache.set(item.jobId, parsed);
  }
  return parsed as JobParams[keyof JobParams];
}

export function backoffMs(attempts: number, baseMs: number): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 60_000);
  return Math.round(raw * (0.5 + Math.random() / 2));
}

type Run = { item: ClaimedItem; gate: Gate; markedThisRun: boolean };

export async function runItem(config: RunnerConfig, data: ItemJobData): Promise<void> {
  // The tenant is read beside the claim (one round trip less per item; wasted only when the claim fails).
  const [item, [tenant]] = await Promise.all([
    claimItem(data.jobId, data.tenantId, config.owner, config.leaseMs),
    db.select().from(tenants).where(eq(tenants.id, data.tenantId)),
  ]);
  if (!item) return;
  // Every platform call the item makes (however deep, token refreshes too) goes through its account's call slots.
  return withCallSlot(config.callSlots?.(item.accountId), () => runClaimed(config, item, tenant));
}

async function runClaimed(config: RunnerConfig, item: ClaimedItem, tenant: Tenant | undefined): Promise<void> {
  const settle = (next: Settle) => settleItem(run.item, config.owner, next, config.leaseMs);
  const run: Run = { item, gate: createGate(item.jobId, item.accountId, config.ratePerSecond), markedThisRun: false };
  if (!tenant) {
    await settle({ state: "failed", reason: "jobs.messages.tenantGone", inflight: null });
    return finishJobIfSettled(item.jobId);
  }
  let ended: boolean;
  try {
    const params = paramsOf(item);
    const steps = stepsOf(item.kind, params);
    const platform = gated(await platformForTenant(tenant, { actorId: item.createdBy, bulkJobId: item.jobId }), run.gate);
    for (;;) {
      run.gate.reset();
      run.markedThisRun = false;
      const outcome = await withTenantHealth(tenant, () => runStep(stepContext(config, run, tenant, platform), params));
      const again = await applyOutcome(config, run, steps, outcome);
      if (again === null) {
        ended = false;
        break;
      }
      if (again === "final") {
        ended = true;
        break;
      }
    }
  } catch (error) {
    if (error instanceof LeaseLost) return;
    ended = await settleError(config, run, error);
  }
  if (ended) await finishJobIfSettled(item.jobId);
}

function stepContext(config: RunnerConfig, run: Run, tenant: Tenant, platform: ReturnType<typeof gated>) {
  return {
    item: run.item,
    tenant,
    platform,
    actor: run.item.createdBy ? { id: run.item.createdBy } : null,
    result: run.item.result,
    async markInflight(inflight: Omit<NonNullable<ClaimedItem["inflight"]>, "at">) {
      const value = { ...inflight, at: new Date().toISOString() };
      if (!(await setInflight(run.item, config.owner, value, config.leaseMs))) throw new LeaseLost();
      run.item = { ...run.item, inflight: value };
      run.markedThisRun = true;
    },
  };
}

/** Persists a step's outcome; answers "again" (the next step runs now), "final", or null (parked / waiting). */
async function applyOutcome(config: RunnerConfig, run: Run, steps: string[], outcome: StepOutcome): Promise<"again" | "final" | null> {
  const item = run.item;
  const result = "result" in outcome && outcome.result ? { ...item.result, ...outcome.result } : item.result;
  const settle = (next: Settle) => settleItem(run.item, config.owner, next, config.leaseMs);
  const common = { inflight: null, result, lastCode: null, lastMessage: null } as const;
  switch (outcome.kind) {
    case "next": {
      const following = steps[steps.indexOf(item.step) + 1];
      if (!following) {
        await settle({ state: "done", ...common, reason: null });
        return "final";
      }
      const state = await settle({ state: "running", step: following, attempts: 0, ...common, reason: null });
      if (state === null) throw new LeaseLost();
      run.item = { ...item, step: following, attempts: 0, inflight: null, result };
      return "again";
    }
    case "park": {
      const attempts = item.attempts + 1;
      if (attempts > MAX_PARKS) {
        await settle({ state: "failed", ...common, attempts, reason: "jobs.messages.waitedTooLong" });
        return "final";
      }
      const until = new Date(Date.now() + outcome.afterMs);
      const state = await settle({ state: "parked", ...common, attempts, parkedUntil: until });
      if (state === "parked") await config.send([{ jobId: item.jobId, tenantId: item.tenantId, accountId: item.accountId, startAfter: until }]);
      return state === "cancelled" ? "final" : null;
    }
    case "audit": {
      const state = await settle({ state: "parked", ...common, parkedFor: "audit" });
      return state === "cancelled" ? "final" : null;
    }
    case "skip":
      await settle({ state: "skipped", ...common, reason: outcome.reason, result: { ...result, ...(outcome.values ? { reasonValues: outcome.values } : {}) } });
      return "final";
    case "fail":
      await settle({
        state: "failed",
        ...common,
        reason: outcome.reason,
        lastMessage: outcome.message ?? null,
        result: { ...result, ...(outcome.values ? { reasonValues: outcome.values } : {}) },
      });
      return "final";
  }
}

/** Persists a failed run; answers whether the item is now final. */
async function settleError(config: RunnerConfig, run: Run, error: unknown): Promise<boolean> {
  const item = run.item;
  const settle = (next: Settle) => settleItem(run.item, config.owner, next, config.leaseMs);
  // Was the non-idempotent call of this step sent? Then only an answer (a code, not transient) tells its outcome.
  const sent = run.gate.isOpen();
  const answered = error instanceof PlatformError && error.code !== null && !error.retryable;
  // Keep a marked inflight whose call may have gone out without a known outcome; drop one whose call never left.
  const inflight = sent ? (answered ? null : undefined) : run.markedThisRun ? null : undefined;

  if (error instanceof JobHalted) {
    const state = error.state === "paused" ? "pending" : "cancelled";
    await settle({ state, inflight });
    return state === "cancelled";
  }
  if (error instanceof ExpectedError) {
    await settle({ state: "failed", inflight, reason: error.messageKey, result: { ...item.result, ...(error.values ? { reasonValues: error.values } : {}) } });
    return true;
  }
  if (error instanceof PlatformError && error.errorClass === "quota") {
    await pauseForQuota(item.jobId, error.code);
    await settle({ state: "pending", inflight, lastCode: error.code, lastMessage: error.rawMessage });
    return false;
  }
  const transient = !(error instanceof PlatformError) || error.code === null || error.retryable;
  if (!(error instanceof PlatformError)) console.error(`[jobs] item ${item.jobId}/${item.tenantId} step ${item.step} failed`, error);
  const code = error instanceof PlatformError ? error.code : null;
  const message = error instanceof PlatformError ? error.rawMessage : error instanceof Error ? error.message : String(error);
  const attempts = item.attempts + 1;
  if (!transient || attempts >= config.maxAttempts) {
    const reason = error instanceof PlatformError ? null : "jobs.messages.internal";
    await settle({ state: "failed", inflight, attempts, lastCode: code, lastMessage: message, reason });
    return true;
  }
  const until = new Date(Date.now() + backoffMs(attempts, config.backoffBaseMs));
  const state = await settle({ state: "parked", inflight, attempts, lastCode: code, lastMessage: message, parkedUntil: until });
  // One "too frequent" is this item's to wait out; a burst of them across the job pauses the job for a cool-down.
  if (code !== null && BURST_CODES.includes(code) && (await isBurst(item.jobId, code))) await pauseForQuota(item.jobId, code, "burst");
  if (state === "parked") await config.send([{ jobId: item.jobId, tenantId: item.tenantId, accountId: item.accountId, startAfter: until }]);
  return state !== null && isFinal(state);
}
