import "server-only";
import type { AccountQuotaOps, QuotaLookupOps, RequestInfo, TenantQuotaOps } from "@/lib/platforms/port";
import type { AuthorizerClient, ComponentClient } from "../client";
import type { z } from "zod";
import type { apiQuotaAnswer, ridAnswer } from "../schemas/quota";

/** clear_quota's allowance (reference §7.3): 10 a month per account, shared by every path (48006 after that). */
const CLEAR_QUOTA_MONTHLY_LIMIT = 10;

const requestOf = ({ request: r }: z.output<typeof ridAnswer>): RequestInfo => ({
  invokedAt: new Date(r.invoke_time * 1000),
  costMs: r.cost_in_ms,
  url: r.request_url,
  body: r.request_body,
  answer: r.response_body,
  clientIp: r.client_ip,
});

const quotaOf = ({ quota: q }: z.output<typeof apiQuotaAnswer>) => ({ dailyLimit: q.daily_limit, used: q.used, remaining: q.remain });

function lookupOps(client: Pick<ComponentClient, "getApiQuota" | "getRidInfo">): QuotaLookupOps {
  return {
    apiQuota: async (path) => quotaOf(await client.getApiQuota({ cgi_path: path })),
    requestInfo: async (rid) => requestOf(await client.getRidInfo({ rid })),
  };
}

export function accountQuotaOps(client: ComponentClient): AccountQuotaOps {
  return {
    clearQuotaMonthlyLimit: CLEAR_QUOTA_MONTHLY_LIMIT,
    ...lookupOps(client),
    clearQuota: async () => void (await client.clearQuota()),
    // The secret-based variant: it still works when the tenant's token can no longer be fetched.
    clearTenantQuota: async (appid) => void (await client.clearQuotaV2({ appid })),
  };
}

export function tenantQuotaOps(client: AuthorizerClient): TenantQuotaOps {
  return { ...lookupOps(client), clearQuota: async () => void (await client.clearQuota()) };
}
