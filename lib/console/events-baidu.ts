import "server-only";
import type { PlatformAccount } from "@/lib/db/schema";
import type { PlatformEvent } from "@/lib/platforms/port";
import { storeBaiduTicket } from "@/lib/platforms/baidu/tokens";
import { onboardBaiduApp, unauthorizeBaiduApp } from "@/lib/console/onboarding/baidu";

/**
 * What the console does with a Baidu account's authorization pushes (./events.ts dispatches; audit results are the
 * same for every platform). The smart program is named by the push's `appId` (its digits, the tenant's appid).
 */

type Outcome = { tenantId?: string | null; result: Record<string, unknown> };

/** The ticket (every 10 minutes): kept for the TP token; a late retry of an older push never replaces a newer one. */
export async function onBaiduTicket(account: PlatformAccount, event: Extract<PlatformEvent, { type: "ticket" }>): Promise<Outcome> {
  const stored = await storeBaiduTicket(account.id, event.ticket, event.createdAt);
  return { result: stored ? { stored: true } : { stored: false, reason: "older than the stored ticket" } };
}

/**
 * AUTHORIZED / UPDATE_AUTHORIZED: the code exchanged and the tenant upserted (./onboarding/baidu.ts). When the
 * redirect spent the code first, its grant is adopted (or one recovered). `receivedAt` bounds which stored grant
 * counts as this authorization's.
 */
export async function onBaiduAuthorized(account: PlatformAccount, event: Extract<PlatformEvent, { type: "authorized" }>, receivedAt: Date): Promise<Outcome> {
  const { tenant, via } = await onboardBaiduApp(account, { authorizationCode: event.authorizationCode, appid: event.authorizerAppid, since: receivedAt });
  return { tenantId: tenant.id, result: { tenantId: tenant.id, appid: tenant.appid, change: event.change, via } };
}

/** UNAUTHORIZED: the tenant kept for its history, marked unauthorized, its grant and token dropped. */
export async function onBaiduUnauthorized(account: PlatformAccount, event: Extract<PlatformEvent, { type: "unauthorized" }>): Promise<Outcome> {
  const id = await unauthorizeBaiduApp(account, event.authorizerAppid);
  return id ? { tenantId: id, result: { appid: event.authorizerAppid, status: "unauthorized" } } : { result: { appid: event.authorizerAppid, known: false } };
}
