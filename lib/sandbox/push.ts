import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { eventXml, sealPush } from "./push-crypto";
import { sandboxPlatforms, sandboxPushes } from "./schema";

/**
 * Pushes from the emulated platform to the console's callback URLs (reference §1.2, §1.5, §4.4):
 *   auth events      → {base}/api/wechat/{componentAppid}/auth-events
 *   authorizer events → {base}/api/wechat/{componentAppid}/events/{authorizerAppid}
 * Written to an outbox first, then delivered; a reply other than `success` is retried, 3 attempts in all.
 * Pushes only ever go to this console (APP_URL's origin): a platform's callback base pointing elsewhere is refused
 * when it is set, and a push addressed elsewhere anyway (a row written by hand) is failed without being sent, so
 * the emulator can never be used to POST at another host.
 */
const MAX_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [0, 2_000, 5_000];

type Platform = typeof sandboxPlatforms.$inferSelect;

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function platformOf(componentAppid: string): Promise<Platform> {
  const [platform] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, componentAppid));
  if (!platform) throw new Error(`sandbox platform ${componentAppid} not found`);
  return platform;
}

/** Whether a URL is on this console's origin (APP_URL's), the one place the sandbox may push to. */
export function isConsoleOrigin(url: string): boolean {
  try {
    return new URL(url).origin === new URL(env.APP_URL).origin;
  } catch {
    return false;
  }
}

const baseOf = (platform: Platform) => (platform.callbackBase ?? env.APP_URL).replace(/\/$/, "");

async function enqueue(platform: Platform, kind: string, path: string, outer: { tag: "AppId" | "ToUserName"; value: string }, fields: Record<string, string | number>) {
  const xml = eventXml(fields);
  const sealed = sealPush({
    token: platform.token,
    encodingAesKey: platform.encodingAesKey,
    componentAppid: platform.componentAppid,
    outerTag: outer.tag,
    outerValue: outer.value,
    xml,
  });
  const [row] = await db
    .insert(sandboxPushes)
    .values({ componentAppid: platform.componentAppid, kind, url: `${baseOf(platform)}${path}?${sealed.query}`, body: sealed.body, plaintext: xml })
    .returning({ id: sandboxPushes.id });
  return row!.id;
}

/** A new verify ticket: the current one is replaced (the previous one stops being accepted). */
export async function enqueueTicketPush(componentAppid: string) {
  const ticket = `ticket@@@${randomBytes(32).toString("base64url")}`;
  await db.update(sandboxPlatforms).set({ verifyTicket: ticket, verifyTicketAt: new Date() }).where(eq(sandboxPlatforms.componentAppid, componentAppid));
  const platform = await platformOf(componentAppid);
  return enqueue(platform, "component_verify_ticket", `/api/wechat/${componentAppid}/auth-events`, { tag: "AppId", value: componentAppid }, {
    AppId: componentAppid,
    CreateTime: nowSeconds(),
    InfoType: "component_verify_ticket",
    ComponentVerifyTicket: ticket,
  });
}

export async function enqueueAuthChange(
  componentAppid: string,
  infoType: "authorized" | "updateauthorized" | "unauthorized",
  authorizerAppid: string,
  codes?: { authorizationCode: string; expiresAt: Date; preAuthCode: string },
) {
  const platform = await platformOf(componentAppid);
  const fields: Record<string, string | number> = { AppId: componentAppid, CreateTime: nowSeconds(), InfoType: infoType, AuthorizerAppid: authorizerAppid };
  if (infoType !== "unauthorized" && codes) {
    fields.AuthorizationCode = codes.authorizationCode;
    fields.AuthorizationCodeExpiredTime = Math.floor(codes.expiresAt.getTime() / 1000);
    fields.PreAuthCode = codes.preAuthCode;
  }
  return enqueue(platform, infoType, `/api/wechat/${componentAppid}/auth-events`, { tag: "AppId", value: componentAppid }, fields);
}

/** weapp_audit_success / weapp_audit_fail / weapp_audit_delay to the authorizer's event URL. */
export async function enqueueAuditEvent(
  componentAppid: string,
  authorizer: { appid: string; userName: string },
  event: "weapp_audit_success" | "weapp_audit_fail" | "weapp_audit_delay",
  detail: { reason?: string; screenshot?: string },
) {
  const platform = await platformOf(componentAppid);
  const at = nowSeconds();
  const fields: Record<string, string | number> = {
    ToUserName: authorizer.userName,
    FromUserName: "o_sandbox_system",
    CreateTime: at,
    MsgType: "event",
    Event: event,
  };
  if (event === "weapp_audit_success") fields.SuccTime = at;
  if (event === "weapp_audit_fail") Object.assign(fields, { Reason: detail.reason ?? "", FailTime: at, ScreenShot: detail.screenshot ?? "" });
  if (event === "weapp_audit_delay") Object.assign(fields, { Reason: detail.reason ?? "", DelayTime: at });
  return enqueue(platform, event, `/api/wechat/${componentAppid}/events/${authorizer.appid}`, { tag: "ToUserName", value: authorizer.userName }, fields);
}

/** Pushes sent at once: one round claims this many and delivers them concurrently. */
export const PUSH_BATCH = 50;
/** Rounds one background tick may run (up to PUSH_BATCH × this pushes a second). */
export const PUSH_ROUNDS_PER_TICK = 40;

type Claimed = { id: number; url: string; body: string; attempts: number };
type Result = { id: number; attempts: number; status: "pending" | "delivered" | "failed"; last_error: string | null; delay_ms: number };

/**
 * Delivers up to `limit` due pushes, concurrently. They are claimed in one statement with SKIP LOCKED (the claim
 * moves their next attempt 30 s out, so another process does not pick them while this one sends), and the results
 * are written back in one statement. Several processes never send one push twice. Returns how many were attempted.
 */
export async function deliverDuePushes(limit = PUSH_BATCH, fetchImpl: typeof fetch = fetch): Promise<number> {
  const claimed = (await db.execute(sql`
    update sandbox_pushes set next_attempt_at = now() + interval '30 seconds'
    where id in (
      select id from sandbox_pushes where status = 'pending' and next_attempt_at <= now()
      order by id limit ${limit} for update skip locked)
    returning id, url, body, attempts`)) as unknown as Claimed[];
  if (claimed.length === 0) return 0;
  const results = await Promise.all(claimed.map((row) => (isConsoleOrigin(row.url) ? attempt(row, fetchImpl) : refuse(row))));
  await db.execute(sql`
    update sandbox_pushes p
    set attempts = r.attempts, status = r.status, last_error = r.last_error, next_attempt_at = now() + make_interval(secs => r.delay_ms / 1000.0)
    from jsonb_to_recordset(${JSON.stringify(results)}::jsonb) as r(id bigint, attempts integer, status text, last_error text, delay_ms integer)
    where p.id = r.id`);
  return claimed.length;
}

/**
 * One background tick: rounds of PUSH_BATCH until nothing is due or `maxRounds` ran, so thousands of audit results
 * queued together go out within a few ticks instead of a batch a second. Returns how many were attempted.
 */
export async function deliverPushTick(maxRounds = PUSH_ROUNDS_PER_TICK, fetchImpl: typeof fetch = fetch): Promise<number> {
  let attempted = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await deliverDuePushes(PUSH_BATCH, fetchImpl);
    attempted += n;
    if (n < PUSH_BATCH) break;
  }
  return attempted;
}

/** A push addressed outside the console: never sent, and not retried either. */
function refuse(row: Claimed): Result {
  let origin = "an unparsable URL";
  try {
    origin = new URL(row.url).origin;
  } catch {
    // keeps the placeholder
  }
  return { id: row.id, attempts: row.attempts + 1, status: "failed", last_error: `not delivered: ${origin} is not this console's origin (APP_URL)`, delay_ms: 0 };
}

async function attempt(row: Claimed, fetchImpl: typeof fetch): Promise<Result> {
  const attempts = row.attempts + 1;
  let error: string | null = null;
  try {
    // WeChat's envelopes are XML; Baidu's (lib/sandbox/baidu/push.ts, same outbox) are JSON objects.
    const contentType = row.body.startsWith("{") ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
    const res = await fetchImpl(row.url, { method: "POST", headers: { "content-type": contentType }, body: row.body, signal: AbortSignal.timeout(5000) });
    const text = (await res.text()).trim();
    if (res.status !== 200 || text !== "success") error = `HTTP ${res.status}: ${text.slice(0, 200)}`;
  } catch (e) {
    error = (e as Error).message;
  }
  const status = error === null ? "delivered" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
  return { id: row.id, attempts, status, last_error: error, delay_ms: RETRY_DELAYS_MS[attempts] ?? 5_000 };
}
