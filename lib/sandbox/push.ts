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

/**
 * Delivers due pushes. Rows are claimed with SKIP LOCKED, so several processes never send one push twice.
 * Returns how many were attempted.
 */
export async function deliverDuePushes(limit = 20, fetchImpl: typeof fetch = fetch): Promise<number> {
  const claimed = await db.transaction(async (tx) => {
    const rows = (await tx.execute(sql`
      select id, url, body, attempts from sandbox_pushes
      where status = 'pending' and next_attempt_at <= now()
      order by id limit ${limit} for update skip locked`)) as unknown as { id: number; url: string; body: string; attempts: number }[];
    for (const row of rows) {
      // Claim: push the next attempt time out so another process does not pick it while this one sends.
      await tx.execute(sql`update sandbox_pushes set next_attempt_at = now() + interval '30 seconds' where id = ${row.id}`);
    }
    return rows;
  });
  await Promise.all(claimed.map((row) => (isConsoleOrigin(row.url) ? attempt(row, fetchImpl) : refuse(row))));
  return claimed.length;
}

/** A push addressed outside the console: never sent, and not retried either. */
async function refuse(row: { id: number; url: string; attempts: number }) {
  let origin = "an unparsable URL";
  try {
    origin = new URL(row.url).origin;
  } catch {
    // keeps the placeholder
  }
  await db
    .update(sandboxPushes)
    .set({ attempts: row.attempts + 1, status: "failed", lastError: `not delivered: ${origin} is not this console's origin (APP_URL)` })
    .where(eq(sandboxPushes.id, row.id));
}

async function attempt(row: { id: number; url: string; body: string; attempts: number }, fetchImpl: typeof fetch) {
  const attempts = row.attempts + 1;
  let error: string | null = null;
  try {
    const res = await fetchImpl(row.url, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: row.body, signal: AbortSignal.timeout(5000) });
    const text = (await res.text()).trim();
    if (res.status !== 200 || text !== "success") error = `HTTP ${res.status}: ${text.slice(0, 200)}`;
  } catch (e) {
    error = (e as Error).message;
  }
  const status = error === null ? "delivered" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
  const delay = RETRY_DELAYS_MS[attempts] ?? 5_000;
  await db
    .update(sandboxPushes)
    .set({ attempts, status, lastError: error, nextAttemptAt: new Date(Date.now() + delay) })
    .where(eq(sandboxPushes.id, row.id));
}
