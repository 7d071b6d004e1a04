/**
 * The port's quota concern (see lib/platforms/port.ts): API call counts of an account or a tenant, resets, and the
 * request behind a refusal's rid. Types only: pure, safe for the browser.
 */

/** One API's calls today for one account (the platform, or a tenant), against its daily limit. */
export type ApiQuota = { dailyLimit: number; used: number; remaining: number };

/** What the platform recorded of a refused request, found by its rid: when, how long, what was sent and answered. */
export type RequestInfo = { invokedAt: Date; costMs: number; url: string; body: string; answer: string; clientIp: string };

/** Looking behind refusals: a rid's request, an API's daily call count. The platform side of both the account and a tenant. */
export interface QuotaLookupOps {
  /** Today's count of an API (its path on the platform, e.g. `/wxa/commit`) for this account. */
  apiQuota(path: string): Promise<ApiQuota>;
  /** The request behind a rid this account was answered with. */
  requestInfo(rid: string): Promise<RequestInfo>;
}

/** The platform account's API call counts: reset them (a monthly allowance), look them up. */
export interface AccountQuotaOps extends QuotaLookupOps {
  /** Resets allowed per account per calendar month, whichever way they are made (WeChat: 10). */
  readonly clearQuotaMonthlyLimit: number;
  /** Resets today's API counts of the platform account itself. */
  clearQuota(): Promise<void>;
  /** Resets one tenant's API counts with the account's secret (works when the tenant's token itself is out of calls). */
  clearTenantQuota(appid: string): Promise<void>;
}

/** The tenant's own API call counts (its token): look them up, reset them (the tenant's own monthly allowance). */
export interface TenantQuotaOps extends QuotaLookupOps {
  clearQuota(): Promise<void>;
}

