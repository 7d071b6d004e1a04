import "server-only";
import { and, asc, count, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { operations, platformAccounts, tenants, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { platformForAccount, platformForTenant } from "@/lib/platforms";
import { PlatformError, type CallContext } from "@/lib/platforms/port";
import { chinaPeriodStarts, UNDO_LIMITS } from "./audit-submit";
import { forecastQuota, type QuotaForecast } from "./quota-forecast";
import { withTenantHealth } from "./tokens-health";

/**
 * The quota page of one platform account: the platform's monthly audit quota (queryquota, asked through one of its
 * authorized tenants: the quota is the platform's, shared by all of them), what our own history says was spent per
 * day this month, withdrawals per tenant, and clear_quota with its monthly allowance.
 */

const ACTIONS = { submit: "wxa.submit_audit", speedup: "wxa.speedupaudit", undo: "wxa.undocodeaudit" } as const;
export const CLEAR_ACTIONS = ["cgi.clear_quota", "component.clear_quota_v2", "component.clear_quota"] as const;

export type AuditQuota = { submitsLeft: number; submitLimit: number; speedupsLeft: number; speedupLimit: number };
/** A refusal as the page shows it: code, meaning in both languages, and the rid to look up. */
export type Refusal = { code: number | null; meaning: { "zh-CN": string; en: string }; rid: string | null };
export type DayCounts = { day: string; submits: number; speedups: number; undos: number };
export type UndoRow = { tenantId: string; name: string; appid: string; day: number; month: number };

export type QuotaDashboard = {
  account: { id: string; name: string; appId: string };
  /** null when the account has no authorized tenant to ask through. */
  audit: { quota: AuditQuota; forecast: QuotaForecast; via: { tenantId: string; name: string } } | { refusal: Refusal } | null;
  days: DayCounts[];
  undoLimits: { day: number; month: number };
  undos: UndoRow[];
  clears: { used: number; limit: number };
};

export const refusalOf = (error: PlatformError): Refusal => ({ code: error.code, meaning: error.meaning, rid: error.rid });

export async function quotaAccounts() {
  return db.select({ id: platformAccounts.id, name: platformAccounts.name, appId: platformAccounts.appId }).from(platformAccounts).where(eq(platformAccounts.platform, "wechat")).orderBy(asc(platformAccounts.name));
}

async function loadWechatAccount(accountId: string): Promise<PlatformAccount> {
  const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  if (!account || account.platform !== "wechat") throw new ExpectedError("quota.errors.noAccount");
  return account;
}

/** The account's tenants for the pickers (clear, look-up), or the one tenant a look-up link names. */
export async function quotaTenants(filter: { accountId?: string; tenantId?: string }) {
  const rows = await db
    .select({ id: tenants.id, accountId: tenants.accountId, nickname: tenants.nickname, appid: tenants.appid })
    .from(tenants)
    .where(filter.tenantId ? eq(tenants.id, filter.tenantId) : eq(tenants.accountId, filter.accountId ?? ""))
    .orderBy(asc(tenants.nickname), asc(tenants.id))
    .limit(500);
  return rows.map((r) => ({ id: r.id, accountId: r.accountId, name: r.nickname ? `${r.nickname} (${r.appid})` : r.appid }));
}

/** The tenant queryquota is asked through: the first authorized one (any of them answers the platform's quota). */
async function quotaTenant(accountId: string): Promise<Tenant | null> {
  const [tenant] = await db
    .select()
    .from(tenants)
    .where(and(eq(tenants.accountId, accountId), eq(tenants.status, "authorized")))
    .orderBy(asc(tenants.createdAt))
    .limit(1);
  return tenant ?? null;
}

/** "YYYY-MM-DD" of a China calendar day. */
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function dayCounts(accountId: string, since: Date): Promise<DayCounts[]> {
  const day = sql<string>`to_char(${operations.at} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, action: operations.action, n: count() })
    .from(operations)
    .innerJoin(tenants, eq(tenants.id, operations.tenantId))
    .where(and(eq(tenants.accountId, accountId), inArray(operations.action, Object.values(ACTIONS)), eq(operations.ok, true), gte(operations.at, since)))
    .groupBy(day, operations.action);
  const byDay = new Map<string, DayCounts>();
  for (const r of rows) {
    const entry = byDay.get(r.day) ?? { day: r.day, submits: 0, speedups: 0, undos: 0 };
    if (r.action === ACTIONS.submit) entry.submits += r.n;
    if (r.action === ACTIONS.speedup) entry.speedups += r.n;
    if (r.action === ACTIONS.undo) entry.undos += r.n;
    byDay.set(r.day, entry);
  }
  return [...byDay.values()];
}

/** Every day of the month up to today, those without calls at zero. */
export function monthDays(now: Date, counted: DayCounts[]): DayCounts[] {
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const byDay = new Map(counted.map((c) => [c.day, c]));
  return Array.from({ length: Number(today.slice(8, 10)) }, (_, i) => {
    const day = `${month}-${String(i + 1).padStart(2, "0")}`;
    return byDay.get(day) ?? { day, submits: 0, speedups: 0, undos: 0 };
  });
}

async function undoRows(accountId: string, starts: { day: Date; month: Date }): Promise<UndoRow[]> {
  const rows = await db
    .select({
      tenantId: tenants.id,
      name: tenants.nickname,
      appid: tenants.appid,
      day: sql<number>`count(*) filter (where ${operations.at} >= ${starts.day.toISOString()})::int`,
      month: sql<number>`count(*)::int`,
    })
    .from(operations)
    .innerJoin(tenants, eq(tenants.id, operations.tenantId))
    .where(and(eq(tenants.accountId, accountId), eq(operations.action, ACTIONS.undo), eq(operations.ok, true), gte(operations.at, starts.month)))
    .groupBy(tenants.id)
    .orderBy(sql`count(*) desc`, asc(tenants.nickname));
  return rows;
}

/** The platform account's own clears this month (the allowance is the account's; a tenant's clears are the tenant's). */
async function accountClears(account: PlatformAccount, since: Date): Promise<number> {
  const body = (field: string) => sql`${operations.request}->'body'->>${field}`;
  const [row] = await db
    .select({ n: count() })
    .from(operations)
    .where(
      and(
        inArray(operations.action, [...CLEAR_ACTIONS]),
        eq(operations.ok, true),
        isNull(operations.tenantId),
        gte(operations.at, since),
        sql`(${body("appid")} = ${account.appId} or (${body("component_appid")} = ${account.appId} and ${body("appid")} is null))`,
      ),
    );
  return row?.n ?? 0;
}

export async function quotaDashboard(accountId: string, context: CallContext = {}, now = new Date()): Promise<QuotaDashboard> {
  const account = await loadWechatAccount(accountId);
  const starts = chinaPeriodStarts(now);
  const [counted, undos, clearsUsed, tenant] = await Promise.all([dayCounts(account.id, starts.month), undoRows(account.id, starts), accountClears(account, starts.month), quotaTenant(account.id)]);
  const days = monthDays(now, counted);
  let audit: QuotaDashboard["audit"] = null;
  if (tenant) {
    try {
      const platform = await platformForTenant(tenant, context);
      const quota = await withTenantHealth(tenant, () => platform.auditQuota());
      const today = chinaDate(now);
      const [y, m] = today.split("-").map(Number) as [number, number];
      const forecast = forecastQuota({
        used: quota.submitLimit - quota.submitsLeft,
        left: quota.submitsLeft,
        month: today.slice(0, 7),
        today: Number(today.slice(8, 10)),
        daysInMonth: new Date(Date.UTC(y, m, 0)).getUTCDate(),
      });
      audit = { quota, forecast, via: { tenantId: tenant.id, name: tenant.nickname || tenant.appid } };
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      audit = { refusal: refusalOf(error) };
    }
  }
  const limit = platformForAccount(account).clearQuotaMonthlyLimit;
  return {
    account: { id: account.id, name: account.name, appId: account.appId },
    audit,
    days,
    undoLimits: UNDO_LIMITS,
    undos,
    clears: { used: clearsUsed, limit },
  };
}

/** Resets the platform account's API counts (one of its monthly clears); refused once the allowance is spent. */
export async function clearAccountQuota(accountId: string, context: CallContext = {}): Promise<{ left: number }> {
  const account = await loadWechatAccount(accountId);
  const platform = platformForAccount(account, context);
  const since = chinaPeriodStarts(new Date()).month;
  // The platform refuses the 11th with 48006; saying so first spares a refused call, the platform stays the judge.
  if ((await accountClears(account, since)) >= platform.clearQuotaMonthlyLimit) throw new ExpectedError("quota.errors.noClearsLeft");
  await platform.clearQuota();
  return { left: platform.clearQuotaMonthlyLimit - (await accountClears(account, since)) };
}

/** Resets one tenant's API counts with the account's secret (works when the tenant's own token is out of calls). */
export async function clearTenantQuota(accountId: string, tenantId: string, context: CallContext = {}): Promise<void> {
  const account = await loadWechatAccount(accountId);
  const [tenant] = await db.select().from(tenants).where(and(eq(tenants.id, tenantId), eq(tenants.accountId, account.id)));
  if (!tenant) throw new ExpectedError("quota.errors.noTenant");
  await platformForAccount(account, { ...context }).clearTenantQuota(tenant.appid);
}
