import "server-only";
import { and, asc, desc, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents } from "@/lib/db/schema";
import { ATTEMPT_LEASE_MINUTES, processInboundEvent } from "./events";

/**
 * The retry sweep for pushes whose processing failed (lib/console/events.ts schedules the next attempt), run every
 * minute by lib/console/background.ts. Due events are claimed with FOR UPDATE SKIP LOCKED and leased (their next
 * attempt moved out) before anything runs, so several processes sweeping at once never process one event twice.
 */

const BATCH = 10;

/** Claims the due events and processes them again; returns the ids it claimed. */
export async function retryInboundEvents(limit = BATCH): Promise<number[]> {
  const ids = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(and(isNull(inboundEvents.processedAt), lte(inboundEvents.nextAttemptAt, sql`now()`)))
      .orderBy(asc(inboundEvents.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed = due.map((row) => row.id);
    if (claimed.length) {
      await tx
        .update(inboundEvents)
        .set({ nextAttemptAt: sql`now() + make_interval(mins => ${ATTEMPT_LEASE_MINUTES})` })
        .where(inArray(inboundEvents.id, claimed));
    }
    return claimed;
  });
  // Without fields: the processor decrypts them again from the stored raw envelope (the payload is redacted).
  await Promise.all(ids.map((id) => processInboundEvent(id)));
  return ids;
}

export type InboundFailures = {
  /** Events whose last attempt failed and that are not processed yet (retries pending or given up). */
  count: number;
  lastError: string | null;
  lastFailedKind: string | null;
  /** The earliest scheduled retry; null when every failed event has run out of attempts. */
  nextAttemptAt: Date | null;
};

/** Failed, not yet processed pushes per platform account (the accounts page shows them on each card). */
export async function inboundFailuresByAccount(accountIds: string[]): Promise<Map<string, InboundFailures>> {
  const result = new Map<string, InboundFailures>();
  if (accountIds.length === 0) return result;
  const failed = and(inArray(inboundEvents.accountId, accountIds), isNull(inboundEvents.processedAt), isNotNull(inboundEvents.error));
  const counts = await db
    .select({
      accountId: inboundEvents.accountId,
      count: sql<number>`count(*)::int`,
      nextAttemptAt: sql<Date | null>`min(${inboundEvents.nextAttemptAt})`.mapWith(inboundEvents.nextAttemptAt),
    })
    .from(inboundEvents)
    .where(failed)
    .groupBy(inboundEvents.accountId);
  if (counts.length === 0) return result;
  // The newest failure of each account: its error is the one worth reading.
  const latest = await db
    .selectDistinctOn([inboundEvents.accountId], { accountId: inboundEvents.accountId, error: inboundEvents.error, kind: inboundEvents.kind })
    .from(inboundEvents)
    .where(failed)
    .orderBy(inboundEvents.accountId, desc(inboundEvents.id));
  const last = new Map(latest.map((row) => [row.accountId, row]));
  for (const row of counts) {
    result.set(row.accountId, {
      count: row.count,
      lastError: last.get(row.accountId)?.error ?? null,
      lastFailedKind: last.get(row.accountId)?.kind ?? null,
      nextAttemptAt: row.nextAttemptAt,
    });
  }
  return result;
}

/** One account's failures (zero when none). */
export async function inboundFailures(accountId: string): Promise<InboundFailures> {
  return (await inboundFailuresByAccount([accountId])).get(accountId) ?? { count: 0, lastError: null, lastFailedKind: null, nextAttemptAt: null };
}
