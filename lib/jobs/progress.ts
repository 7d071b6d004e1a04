import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { stringify } from "csv-stringify";
import { historyErrorMeaning } from "@/lib/console/history";
import { db } from "@/lib/db/client";
import { bulkItems, bulkJobs, operators, tenants, type BulkJob } from "@/lib/db/schema";
import { ITEM_STATES, type ItemState } from "@/lib/vocab";
import type { JobCounts, JobItemRow, JobSummary, Meaning } from "./types";

/**
 * What the pages read of jobs: summaries with counts per item state (one GROUP BY), the items with each code's
 * meaning (the history's catalog lookup), a CSV of the items streamed, and the ended jobs an operator was not told of.
 */

const FINAL: readonly ItemState[] = ["done", "failed", "skipped", "cancelled"];
export const meaningOf = (code: number | null): Meaning | null =>
  code === null || code === 0 ? null : { "zh-CN": historyErrorMeaning(code, "zh-CN"), en: historyErrorMeaning(code, "en") };

const emptyCounts = (): JobCounts => Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as JobCounts;

// The order a job goes through its steps (lib/jobs/step-types.ts), for the "not finished, by step" breakdown.
const STEP_ORDER = ["commit", "submit", "audit", "release", "gray", "cancel_gray", "rollback", "visit", "base_library", "refresh"];
const stepRank = (step: string) => (STEP_ORDER.includes(step) ? STEP_ORDER.indexOf(step) : STEP_ORDER.length);

type Tally = { counts: JobCounts; steps: { step: string; n: number }[] };

/** Counts per item state, and the unfinished items per step, of each job: one GROUP BY. */
async function countsOf(jobIds: string[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>(jobIds.map((id) => [id, { counts: emptyCounts(), steps: [] }]));
  if (jobIds.length === 0) return out;
  const rows = await db
    .select({ jobId: bulkItems.jobId, state: bulkItems.state, step: bulkItems.step, n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .where(inArray(bulkItems.jobId, jobIds))
    .groupBy(bulkItems.jobId, bulkItems.state, bulkItems.step);
  for (const r of rows) {
    const tally = out.get(r.jobId)!;
    tally.counts[r.state] += r.n;
    if (FINAL.includes(r.state)) continue;
    const at = tally.steps.find((s) => s.step === r.step);
    if (at) at.n += r.n;
    else tally.steps.push({ step: r.step, n: r.n });
  }
  for (const tally of out.values()) tally.steps.sort((a, b) => stepRank(a.step) - stepRank(b.step));
  return out;
}

type JobWithCreator = { job: BulkJob; creatorName: string | null };

async function summaries(rows: JobWithCreator[]): Promise<JobSummary[]> {
  const counts = await countsOf(rows.map((r) => r.job.id));
  return rows.map(({ job, creatorName }) => {
    const { counts: c, steps } = counts.get(job.id)!;
    const final = FINAL.reduce((n, s) => n + c[s], 0);
    return {
      id: job.id,
      kind: job.kind,
      state: job.state,
      pausedReason: job.pausedReason,
      pausedCode: job.pausedCode,
      pausedMeaning: meaningOf(job.pausedCode),
      total: job.total,
      counts: c,
      steps,
      createdBy: job.createdBy ? { id: job.createdBy, name: creatorName ?? "" } : null,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      settled: final === job.total,
    };
  });
}

const withCreator = () => db.select({ job: bulkJobs, creatorName: operators.name }).from(bulkJobs).leftJoin(operators, eq(operators.id, bulkJobs.createdBy));

export async function jobSummary(jobId: string): Promise<JobSummary | null> {
  const rows = await withCreator().where(eq(bulkJobs.id, jobId));
  return rows.length ? (await summaries(rows))[0]! : null;
}

const encodeCursor = (job: BulkJob) => `${job.createdAt.toISOString()}|${job.id}`;
function decodeCursor(cursor: string | undefined) {
  const [at, id] = cursor?.split("|") ?? [];
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at: new Date(at), id };
}

export async function jobsPage(page: { after?: string; limit?: number }): Promise<{ rows: JobSummary[]; next: string | null }> {
  const limit = Math.max(1, Math.min(page.limit ?? 20, 100));
  const cursor = decodeCursor(page.after);
  const rows = await withCreator()
    .where(cursor ? or(lt(bulkJobs.createdAt, cursor.at), and(eq(bulkJobs.createdAt, cursor.at), lt(bulkJobs.id, cursor.id))) : undefined)
    .orderBy(desc(bulkJobs.createdAt), desc(bulkJobs.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  return { rows: await summaries(kept), next: more ? encodeCursor(kept[kept.length - 1]!.job) : null };
}

function itemRow(r: { item: typeof bulkItems.$inferSelect; appid: string; nickname: string }): JobItemRow {
  return {
    tenantId: r.item.tenantId,
    appid: r.appid,
    nickname: r.nickname,
    position: r.item.position,
    state: r.item.state,
    step: r.item.step,
    attempts: r.item.attempts,
    code: r.item.lastCode,
    meaning: meaningOf(r.item.lastCode),
    reason: r.item.reason,
    message: r.item.lastMessage,
    result: r.item.result,
    parkedUntil: r.item.parkedUntil,
    parkedFor: r.item.parkedFor,
    updatedAt: r.item.updatedAt,
  };
}

export async function itemsPage(jobId: string, page: { afterPosition?: number; limit?: number; failedOnly?: boolean }): Promise<{ rows: JobItemRow[]; next: number | null }> {
  const limit = Math.max(1, Math.min(page.limit ?? 100, 1000));
  const rows = await db
    .select({ item: bulkItems, appid: tenants.appid, nickname: tenants.nickname })
    .from(bulkItems)
    .innerJoin(tenants, eq(tenants.id, bulkItems.tenantId))
    .where(
      and(
        eq(bulkItems.jobId, jobId),
        page.afterPosition !== undefined ? gt(bulkItems.position, page.afterPosition) : undefined,
        page.failedOnly ? eq(bulkItems.state, "failed") : undefined,
      ),
    )
    .orderBy(asc(bulkItems.position))
    .limit(limit + 1);
  const kept = rows.slice(0, limit).map(itemRow);
  return { rows: kept, next: rows.length > limit ? kept[kept.length - 1]!.position : null };
}

const CSV_COLUMNS = ["position", "appid", "nickname", "state", "step", "attempts", "code", "meaning_en", "meaning_zh", "reason", "message", "result", "updated_at"];

/** The items as CSV, a page of rows at a time through csv-stringify's stream. */
export async function* itemsCsv(jobId: string): AsyncGenerator<string> {
  const csv = stringify({ header: true, columns: CSV_COLUMNS });
  const chunks: string[] = [];
  csv.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const drain = function* () {
    while (chunks.length) yield chunks.shift()!;
  };
  let after: number | undefined;
  do {
    const page = await itemsPage(jobId, { afterPosition: after, limit: 1000 });
    for (const r of page.rows) {
      csv.write([r.position, r.appid, r.nickname, r.state, r.step, r.attempts, r.code ?? "", r.meaning?.en ?? "", r.meaning?.["zh-CN"] ?? "", r.reason ?? "", r.message ?? "", JSON.stringify(r.result), r.updatedAt.toISOString()]);
    }
    await new Promise((resolve) => setImmediate(resolve));
    yield* drain();
    after = page.next ?? undefined;
  } while (after !== undefined);
  await new Promise<void>((resolve, reject) => {
    csv.once("error", reject);
    csv.end(resolve);
  });
  yield* drain();
}

/** Ended jobs of the operator not announced yet, marked announced in the same statement. */
export async function takeFinished(operatorId: string): Promise<JobSummary[]> {
  const taken = await db
    .update(bulkJobs)
    .set({ notifiedAt: new Date() })
    .where(and(eq(bulkJobs.createdBy, operatorId), isNull(bulkJobs.notifiedAt), inArray(bulkJobs.state, ["finished", "cancelled"])))
    .returning({ id: bulkJobs.id });
  if (taken.length === 0) return [];
  const rows = await withCreator().where(inArray(bulkJobs.id, taken.map((t) => t.id))).orderBy(desc(bulkJobs.createdAt));
  return summaries(rows);
}
