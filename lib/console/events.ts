import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, tenants, type InboundEvent, type PlatformAccount } from "@/lib/db/schema";
import { recordOperation } from "@/lib/history";
import { redactUrl } from "@/lib/history/redact";
import { applyAuditPush, isAuditEvent } from "./audits";
import { onboardAuthorizer } from "@/lib/console/onboarding/authorizer";
import { authorizerKey, dropTokenIn, withTenantLock } from "@/lib/platforms/wechat/grants";
import { storedPushFields, type PushFields } from "@/lib/platforms/wechat/push-fields";
import { storeVerifyTicket } from "@/lib/platforms/wechat/tokens";
import { PlatformError } from "@/lib/platforms/port";

/**
 * Processing of accepted pushes (lib/console/ingress.ts stores them first). Runs after the response, so nothing
 * here can change what the platform was told; the outcome goes to inbound_events (processed_at, or error) and to
 * one history row `push.<kind>` per attempt.
 *
 * On arrival the fields come in memory, secrets included (the stored payload has the ticket and authorization code
 * redacted). A failed event is retried by the sweep (lib/console/events-retry.ts), which decrypts the stored raw
 * envelope again: every attempt counts, the next waits 1 minute doubling up to an hour, and after MAX_ATTEMPTS the
 * event is left failed (next_attempt_at null) for the accounts page to show.
 */

export type { PushFields };

export const MAX_ATTEMPTS = 8;
/**
 * How long an attempt owns its event: the sweep skips it meanwhile, and picks it up afterwards if the attempt
 * never finished (the process died between answering the platform and processing).
 */
export const ATTEMPT_LEASE_MINUTES = 5;
type Outcome = { tenantId?: string | null; result: Record<string, unknown> };

/** The component_verify_ticket: kept (encrypted) for api_component_token. */
async function onTicket(account: PlatformAccount, fields: PushFields): Promise<Outcome> {
  const ticket = fields.ComponentVerifyTicket;
  if (!ticket) throw new Error("component_verify_ticket push without ComponentVerifyTicket");
  // Every ticket push carries CreateTime (seconds); one without is stored undated, replaced by the next push.
  const seconds = Number(fields.CreateTime);
  const createdAt = Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
  const stored = await storeVerifyTicket(account.id, ticket, createdAt);
  // An older ticket delivered late (a retry) must not replace the one the platform now expects.
  return { result: stored ? { stored: true } : { stored: false, reason: "older than the stored ticket" } };
}

/** authorized / updateauthorized: exchange the code and (re)write the tenant, whichever it is. */
async function onAuthorized(account: PlatformAccount, fields: PushFields): Promise<Outcome> {
  const appid = fields.AuthorizerAppid;
  const code = fields.AuthorizationCode;
  if (!appid) throw new Error("authorization push without AuthorizerAppid");
  const tenant = code
    ? await onboardAuthorizer(account, { authorizationCode: code, appid })
    : await onboardAuthorizer(account, { appid });
  return { tenantId: tenant.id, result: { tenantId: tenant.id, appid, permissionSets: tenant.permissionSets } };
}

/**
 * unauthorized: the refresh token and every access token are dead (reference §1.5); keep the tenant for history.
 * Under the tenant's lock (./grants.ts): a refresh in flight commits first and is then overwritten, never the reverse.
 */
async function onUnauthorized(account: PlatformAccount, fields: PushFields): Promise<Outcome> {
  const appid = fields.AuthorizerAppid;
  if (!appid) throw new Error("unauthorized push without AuthorizerAppid");
  const id = await tenantIdOf(account.id, appid);
  if (!id) return { result: { appid, known: false } };
  await withTenantLock(id, async (tx) => {
    await tx.update(tenants).set({ status: "unauthorized", refreshTokenEnc: null }).where(eq(tenants.id, id));
    await dropTokenIn(tx, authorizerKey(id));
  });
  return { tenantId: id, result: { appid, status: "unauthorized" } };
}

async function dispatch(event: InboundEvent, account: PlatformAccount, fields: PushFields): Promise<Outcome> {
  switch (event.kind) {
    case "component_verify_ticket":
      return onTicket(account, fields);
    case "authorized":
    case "updateauthorized":
      return onAuthorized(account, fields);
    case "unauthorized":
      return onUnauthorized(account, fields);
    default:
      if (isAuditEvent(event.kind)) {
        if (!event.authorizerAppid) throw new Error("audit event without an authorizer appid");
        return applyAuditPush(account, event.authorizerAppid, event.kind, fields);
      }
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
    const outcome = await dispatch(event, account, fields ?? storedPushFields(account, event.rawBody));
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
    await recordFailure(eventId, event, error, started).catch((e) => console.error("[wechat] could not record a push failure", e));
  }
}

async function recordFailure(eventId: number, event: InboundEvent | undefined, error: unknown, started: number) {
  const message = redactUrl(error instanceof Error ? error.message : String(error)).slice(0, 1000);
  console.error(`[wechat] push ${eventId} (${event?.kind ?? "?"}) failed: ${message}`);
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
