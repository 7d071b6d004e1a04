import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, tenants, type InboundEvent, type PlatformAccount } from "@/lib/db/schema";
import { recordOperation } from "@/lib/history";
import { redactUrl } from "@/lib/history/redact";
import { normalizePush } from "@/lib/platforms";
import { PlatformError, type PlatformEvent } from "@/lib/platforms/port";
import { applyAuditEvent } from "./audits";
import { onboardAuthorizer } from "@/lib/console/onboarding/authorizer";
import { authorizerKey, dropTokenIn, withTenantLock } from "@/lib/platforms/wechat/grants";
import { storeVerifyTicket } from "@/lib/platforms/wechat/tokens";
import { onBaiduAuthorized, onBaiduTicket, onBaiduUnauthorized } from "./events-baidu";

/**
 * Processing of accepted pushes (lib/console/ingress.ts stores them first). Runs after the response, so nothing
 * here can change what the platform was told; the outcome goes to inbound_events (processed_at, or error) and to
 * one history row `push.<kind>` per attempt (the platform's own kind, as stored).
 *
 * The platform's adapter turns each push into a `PlatformEvent` (lib/platforms normalizePush); the console reacts
 * to the event's type only. On arrival the fields come in memory, secrets included (the stored payload has the
 * ticket and authorization code redacted). A failed event is retried by the sweep (lib/console/events-retry.ts),
 * which has them decrypted again from the stored raw envelope: every attempt counts, the next waits 1 minute
 * doubling up to an hour, and after MAX_ATTEMPTS the event is left failed (next_attempt_at null) for the accounts
 * page to show.
 */

type PushFields = Record<string, string>;

export const MAX_ATTEMPTS = 8;
/**
 * How long an attempt owns its event: the sweep skips it meanwhile, and picks it up afterwards if the attempt
 * never finished (the process died between answering the platform and processing).
 */
export const ATTEMPT_LEASE_MINUTES = 5;
type Outcome = { tenantId?: string | null; result: Record<string, unknown> };

/** The verify ticket: kept (encrypted) for the component token. */
async function onTicket(account: PlatformAccount, event: Extract<PlatformEvent, { type: "ticket" }>): Promise<Outcome> {
  // A ticket without its creation time is stored undated, and replaced by the next push.
  const stored = await storeVerifyTicket(account.id, event.ticket, event.createdAt ?? undefined);
  // An older ticket delivered late (a retry) must not replace the one the platform now expects.
  return { result: stored ? { stored: true } : { stored: false, reason: "older than the stored ticket" } };
}

/** Authorized or updated: exchange the code and (re)write the tenant, whichever it is. */
async function onAuthorized(account: PlatformAccount, event: Extract<PlatformEvent, { type: "authorized" }>): Promise<Outcome> {
  const appid = event.authorizerAppid;
  const tenant = event.authorizationCode
    ? await onboardAuthorizer(account, { authorizationCode: event.authorizationCode, appid })
    : await onboardAuthorizer(account, { appid });
  return { tenantId: tenant.id, result: { tenantId: tenant.id, appid, permissionSets: tenant.permissionSets } };
}

/**
 * Unauthorized: the refresh token and every access token are dead (reference §1.5); keep the tenant for history.
 * Under the tenant's lock (lib/platforms/wechat/grants.ts): a refresh in flight commits first and is then
 * overwritten, never the reverse.
 */
async function onUnauthorized(account: PlatformAccount, event: Extract<PlatformEvent, { type: "unauthorized" }>): Promise<Outcome> {
  const appid = event.authorizerAppid;
  const id = await tenantIdOf(account.id, appid);
  if (!id) return { result: { appid, known: false } };
  await withTenantLock(id, async (tx) => {
    await tx.update(tenants).set({ status: "unauthorized", refreshTokenEnc: null }).where(eq(tenants.id, id));
    await dropTokenIn(tx, authorizerKey(id));
  });
  return { tenantId: id, result: { appid, status: "unauthorized" } };
}

/** The authorization events are each platform's own (Baidu's in ./events-baidu.ts); audit results are shared. */
async function dispatch(account: PlatformAccount, event: PlatformEvent, stored: InboundEvent): Promise<Outcome> {
  const baidu = account.platform === "baidu";
  switch (event.type) {
    case "ticket":
      return baidu ? onBaiduTicket(account, event) : onTicket(account, event);
    case "authorized":
      return baidu ? onBaiduAuthorized(account, event, stored.receivedAt) : onAuthorized(account, event);
    case "unauthorized":
      return baidu ? onBaiduUnauthorized(account, event) : onUnauthorized(account, event);
    case "audit":
      return applyAuditEvent(account, event);
    case "ignored":
      // Accepted and answered `success` so the platform stops retrying; nothing in the console reacts to it yet.
      return { result: { ignored: true } };
  }
}

async function tenantIdOf(accountId: string, appid: string | null): Promise<string | null> {
  if (!appid) return null;
  const [tenant] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.accountId, accountId), eq(tenants.appid, appid)));
  return tenant?.id ?? null;
}

/**
 * Processes one stored event. Never throws (it runs detached from any request): a failure is written to the
 * event's `error` column (with the next attempt's time) and to the history. An event already processed is left
 * alone. Without `fields` (a retry) they are decrypted from the stored raw envelope.
 */
export async function processInboundEvent(eventId: number, fields?: PushFields): Promise<void> {
  const started = Date.now();
  let event: InboundEvent | undefined;
  try {
    [event] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, eventId));
    if (!event || event.processedAt) return;
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, event.accountId));
    if (!account) throw new Error("platform account is gone");
    const outcome = await dispatch(account, normalizePush(account, event, fields), event);
    await db
      .update(inboundEvents)
      .set({ processedAt: new Date(), error: null, attempts: sql`${inboundEvents.attempts} + 1`, nextAttemptAt: null })
      .where(and(eq(inboundEvents.id, eventId), isNull(inboundEvents.processedAt)));
    await recordOperation({
      tenantId: outcome.tenantId ?? null,
      action: `push.${event.kind}`,
      request: event.payload,
      response: outcome.result,
      errcode: 0,
      ok: true,
      durationMs: Date.now() - started,
    });
  } catch (error) {
    await recordFailure(eventId, event, error, started).catch((e) => console.error("[push] could not record a push failure", e));
  }
}

async function recordFailure(eventId: number, event: InboundEvent | undefined, error: unknown, started: number) {
  const message = redactUrl(error instanceof Error ? error.message : String(error)).slice(0, 1000);
  console.error(`[push] ${eventId} (${event?.kind ?? "?"}) failed: ${message}`);
  await db
    .update(inboundEvents)
    .set({
      error: message,
      attempts: sql`${inboundEvents.attempts} + 1`,
      // attempts is the value before this update: 1, 2, 4 … 32 minutes, then hourly; none after the last attempt.
      nextAttemptAt: sql`case when ${inboundEvents.attempts} + 1 >= ${MAX_ATTEMPTS} then null
        else now() + make_interval(mins => least(power(2, least(${inboundEvents.attempts}, 6))::int, 60)) end`,
    })
    .where(and(eq(inboundEvents.id, eventId), isNull(inboundEvents.processedAt)));
  if (!event) return;
  await recordOperation({
    tenantId: await tenantIdOf(event.accountId, event.authorizerAppid),
    action: `push.${event.kind}`,
    request: event.payload,
    response: error instanceof PlatformError && error.code !== null ? { errcode: error.code, errmsg: error.rawMessage } : { error: message },
    errcode: error instanceof PlatformError ? error.code : null,
    ok: false,
    durationMs: Date.now() - started,
  });
}
