import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants } from "@/lib/db/schema";
import { ExpectedError } from "@/lib/errors";
import { platformForAccount, platformForTenant } from "@/lib/platforms";
import type { ApiQuota, CallContext, QuotaLookupOps, RequestInfo } from "@/lib/platforms/port";

/**
 * Looking behind a refusal: the request the platform saw for a rid, and an API's daily call count. A rid belongs to
 * the account that was answered (the platform account itself or one tenant), so the look-up asks as that account.
 */
export type LookupTarget = { accountId: string; tenantId?: string | null };

async function lookupOps(target: LookupTarget, context: CallContext): Promise<QuotaLookupOps> {
  const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, target.accountId));
  if (!account) throw new ExpectedError("quota.errors.noAccount");
  if (!target.tenantId) return platformForAccount(account, context);
  const [tenant] = await db.select().from(tenants).where(and(eq(tenants.id, target.tenantId), eq(tenants.accountId, account.id)));
  if (!tenant) throw new ExpectedError("quota.errors.noTenant");
  return platformForTenant(tenant, context);
}

export async function requestInfo(target: LookupTarget, rid: string, context: CallContext = {}): Promise<RequestInfo> {
  return (await lookupOps(target, context)).requestInfo(rid);
}

export async function apiQuota(target: LookupTarget, path: string, context: CallContext = {}): Promise<ApiQuota> {
  return (await lookupOps(target, context)).apiQuota(path);
}
