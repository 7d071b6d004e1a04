import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import { getTemplate, type TemplateRow } from "@/lib/console/templates";
import { withTenantHealth } from "@/lib/console/tokens-health";
import { db } from "@/lib/db/client";
import { bulkItems, bulkJobs, platformAccounts, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { capabilitiesOf, platformForTenant } from "@/lib/platforms";
import { PlatformError } from "@/lib/platforms/port";
import { ACTIVE_ITEM_STATES, type JobKind, type Platform } from "@/lib/vocab";
import { loadProfile } from "./audit-draft";
import { jobParamsSchemas, selectionSchema, templateIdFor, type JobParams, type TenantSelection } from "./params";
import { checkTenant, type Check, type CheckContext } from "./preflight-checks";
import { busyTenants, resolveSelection } from "./selection";
import { SUBMITTING_STEPS } from "./step-types";
import type { IneligibleReason, Preflight, PreflightRow, QuotaForecast } from "./types";

/**
 * Preflight: every selected tenant checked (bounded concurrency on the platform reads) and, for kinds that submit,
 * the audit quota forecast per platform account: this job's submissions plus what other running jobs still plan,
 * against queryquota's remaining. startJob runs the same thing again and keeps the full per-tenant answer.
 */

export const PREFLIGHT_CONCURRENCY = 32;
const SUBMITTING_KINDS: readonly JobKind[] = ["submit", "pipeline"];

export type FullPreflight = { kind: JobKind; params: JobParams[JobKind]; tenants: Tenant[]; checks: Check[]; preflight: Preflight };

/** Runs `work` over `list` with at most `limit` at once, answers in order. */
export async function mapLimit<T, R>(list: T[], limit: number, work: (value: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(list.length);
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await work(list[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
  return out;
}

function parseParams(kind: JobKind, params: unknown): JobParams[JobKind] {
  const parsed = jobParamsSchemas[kind].safeParse(params);
  if (parsed.success) return parsed.data;
  const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  throw new ExpectedError("jobs.errors.invalidParams", fieldErrors);
}

const profileIdOf = (kind: JobKind, params: JobParams[JobKind]) =>
  kind === "submit" ? (params as JobParams["submit"]).profileId : kind === "pipeline" ? (params as JobParams["pipeline"]).submit.profileId : null;
const commitOf = (kind: JobKind, params: JobParams[JobKind]) =>
  kind === "commit" ? (params as JobParams["commit"]) : kind === "pipeline" ? (params as JobParams["pipeline"]).commit : null;

export async function computePreflight(input: { kind: JobKind; params: unknown; selection: TenantSelection }, actorId: string | null, excludeJobId?: string): Promise<FullPreflight> {
  const params = parseParams(input.kind, input.params);
  const selection = selectionSchema.safeParse(input.selection);
  if (!selection.success) throw new ExpectedError("jobs.errors.invalidSelection");
  const tenants = await resolveSelection(selection.data);
  if (tenants.length === 0) throw new ExpectedError("jobs.errors.emptySelection");

  const accountIds = [...new Set(tenants.map((t) => t.accountId))];
  const accounts = await db.select({ id: platformAccounts.id, platform: platformAccounts.platform }).from(platformAccounts).where(inArray(platformAccounts.id, accountIds));
  const platforms = new Map<string, Platform>(accounts.map((a) => [a.id, a.platform]));
  const profileId = profileIdOf(input.kind, params);
  const profile = profileId ? await loadProfile(profileId) : null;
  if (profileId && !profile) throw new ExpectedError("jobs.errors.profileGone");
  const commit = commitOf(input.kind, params);
  const templates = new Map<string, Promise<TemplateRow | null>>();
  const ctx: CheckContext = {
    kind: input.kind,
    params,
    platformOf: (accountId) => platforms.get(accountId) ?? "wechat",
    busy: await busyTenants(tenants.map((t) => t.id), excludeJobId),
    template: (accountId) => {
      if (commit === null) return Promise.resolve(null);
      if (!templates.has(accountId)) templates.set(accountId, getTemplate(accountId, templateIdFor(commit, accountId)));
      return templates.get(accountId)!;
    },
    profile,
    actorId,
  };
  const checks = await mapLimit(tenants, PREFLIGHT_CONCURRENCY, (tenant) => checkTenant(tenant, ctx));
  const quota = SUBMITTING_KINDS.includes(input.kind) ? await forecast(tenants, checks, ctx.platformOf, actorId, excludeJobId) : null;
  return { kind: input.kind, params, tenants, checks, preflight: summarize(input.kind, tenants, checks, quota) };
}

function summarize(kind: JobKind, tenants: Tenant[], checks: Check[], quota: QuotaForecast | null): Preflight {
  const reasons: Partial<Record<IneligibleReason, number>> = {};
  const ineligible: PreflightRow[] = [];
  const eligible: PreflightRow[] = [];
  const samples: Preflight["samples"] = [];
  tenants.forEach((tenant, i) => {
    const check = checks[i]!;
    const row: PreflightRow = {
      tenantId: tenant.id,
      appid: tenant.appid,
      nickname: tenant.nickname,
      eligible: check.reason === null,
      reason: check.reason,
      detail: check.detail,
      code: check.code,
      meaning: check.meaning,
    };
    if (check.reason) {
      reasons[check.reason] = (reasons[check.reason] ?? 0) + 1;
      if (ineligible.length < 1000) ineligible.push(row);
    } else if (eligible.length < 50) eligible.push(row);
    if (check.extJson && samples.length < 3 && (check.reason === null || check.extJson.error)) {
      samples.push({ tenantId: tenant.id, nickname: tenant.nickname, extJson: check.extJson.text, error: check.extJson.error });
    }
  });
  const eligibleCount = checks.filter((c) => c.reason === null).length;
  return { kind, total: tenants.length, eligible: eligibleCount, reasons, rows: [...ineligible, ...eligible], quota, samples };
}

/** Submissions other running (or paused) jobs still plan on this account: their active items not past submit. */
export async function plannedByOthers(accountId: string, excludeJobId?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .innerJoin(bulkJobs, sql`${bulkJobs.id} = ${bulkItems.jobId}`)
    .where(
      and(
        sql`${bulkItems.accountId} = ${accountId}`,
        inArray(bulkJobs.kind, ["submit", "pipeline"]),
        inArray(bulkJobs.state, ["running", "paused"]),
        inArray(bulkItems.state, [...ACTIVE_ITEM_STATES]),
        inArray(bulkItems.step, [...SUBMITTING_STEPS]),
        excludeJobId ? sql`${bulkItems.jobId} <> ${excludeJobId}` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Each eligible tenant's own quota (Baidu counts submissions per smart program): every one needs one submission
 * left; busy tenants are already out, so no other job plans one for them.
 */
async function tenantQuotas(list: Tenant[], actorId: string | null) {
  const quotas = await mapLimit(list, PREFLIGHT_CONCURRENCY, async (tenant) => {
    const platform = await platformForTenant(tenant, { actorId });
    return withTenantHealth(tenant, () => platform.auditQuota());
  });
  return {
    submitsLeft: quotas.reduce((n, q) => n + q.submitsLeft, 0),
    submitLimit: quotas.reduce((n, q) => n + q.submitLimit, 0),
    overrun: quotas.some((q) => q.submitsLeft < 1),
  };
}

/**
 * The audit quota is the platform account's (WeChat): asked through one of its eligible tenants, per account, then
 * summed; or each tenant's own (Baidu): asked of every eligible tenant.
 */
async function forecast(tenants: Tenant[], checks: Check[], platformOf: (accountId: string) => Platform, actorId: string | null, excludeJobId?: string): Promise<QuotaForecast> {
  const byAccount = new Map<string, Tenant[]>();
  tenants.forEach((t, i) => {
    if (checks[i]!.reason === null) byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t]);
  });
  const result: QuotaForecast = { needed: 0, remaining: 0, limit: 0, plannedByOthers: 0, overrun: false, refusal: null };
  if (byAccount.size === 0) return { ...result, remaining: null, limit: null };
  for (const [accountId, list] of byAccount) {
    const planned = await plannedByOthers(accountId, excludeJobId);
    result.needed += list.length;
    result.plannedByOthers += planned;
    try {
      if (!capabilitiesOf(platformOf(accountId)).accountAuditQuota) {
        const own = await tenantQuotas(list, actorId);
        if (result.remaining !== null) result.remaining += own.submitsLeft;
        if (result.limit !== null) result.limit += own.submitLimit;
        if (own.overrun) result.overrun = true;
        continue;
      }
      const via = list[0]!;
      const platform = await platformForTenant(via, { actorId });
      const quota = await withTenantHealth(via, () => platform.auditQuota());
      if (result.remaining !== null) result.remaining += quota.submitsLeft;
      if (result.limit !== null) result.limit += quota.submitLimit;
      if (list.length + planned > quota.submitsLeft) result.overrun = true;
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      result.remaining = null;
      result.limit = null;
      result.refusal ??= { code: error.code, meaning: error.meaning };
    }
  }
  return result;
}
