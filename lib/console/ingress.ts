import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, tenants, type PlatformAccount } from "@/lib/db/schema";
import {
  openSignedPush,
  pushEnvelope,
  pushKind,
  pushQuery,
  pushRecipient,
  pushRefusal,
  storedPushPayload,
} from "@/lib/platforms/wechat/push";
import { ATTEMPT_LEASE_MINUTES, processInboundEvent } from "./events";
import { readBody, Refused, text } from "./ingress-body";

/**
 * The console's push receiver (reference §1.2, §1.5, §2, §4.4). The platform POSTs encrypted XML to
 *   /api/wechat/{componentAppid}/auth-events                 (tickets, authorization changes: <AppId> envelope)
 *   /api/wechat/{componentAppid}/events/{authorizerAppid}    (weapp_audit_* and other events: <ToUserName> envelope)
 * These URLs are public: the only authentication is msg_signature, a SHA1 over the platform account's token.
 *
 * Every refusal answers 400 text and writes nothing. An accepted push is stored (raw envelope + redacted fields),
 * answered `success` at once — the platform retries anything slower or different — and processed afterwards.
 *
 * The push format (query, envelope, signature, decryption, kind) is WeChat's: lib/platforms/wechat/push.ts. Until
 * the signature is verified the sender has proved nothing, so an unknown component appid, an account without push
 * keys and a wrong signature all get the same answer after the same work; the server log keeps the real reason.
 */

export { authorizationCodeHash, MAX_SKEW_SECONDS, UNVERIFIED } from "@/lib/platforms/wechat/push";

export type PushTarget = { componentAppid: string; authorizerAppid?: string };

export type IngressOptions = {
  /** Runs the processing after the response: Next's `after()` in the routes, a collector in tests. */
  schedule: (task: () => Promise<void>) => void;
  /** Clock (ms), for the reference vectors' fixed timestamps. */
  now?: () => number;
};

const APPID = /^[A-Za-z0-9_-]{1,64}$/;

/** The account named in the URL (the push still has to prove it was signed with that account's token). */
async function accountOf(componentAppid: string): Promise<PlatformAccount | undefined> {
  if (!APPID.test(componentAppid)) return undefined;
  const [account] = await db
    .select()
    .from(platformAccounts)
    .where(and(eq(platformAccounts.platform, "wechat"), eq(platformAccounts.appId, componentAppid)));
  return account;
}

/**
 * The message URL names the mini-program in its path, which is not signed; the message's ToUserName (its gh_
 * original id) is. It must be the original id stored for that tenant of this account at onboarding.
 */
async function checkRecipient(account: PlatformAccount, authorizerAppid: string, to: string) {
  const [tenant] = await db
    .select({ userName: tenants.userName })
    .from(tenants)
    .where(and(eq(tenants.accountId, account.id), eq(tenants.appid, authorizerAppid)));
  if (!tenant) throw new Refused("no such mini-program under this platform account");
  if (tenant.userName !== to) throw new Refused("ToUserName is not this mini-program's original id");
}

async function accept(req: Request, target: PushTarget, options: IngressOptions) {
  if (target.authorizerAppid !== undefined && !APPID.test(target.authorizerAppid)) throw new Refused("bad authorizer appid");
  const query = pushQuery(req.url, (options.now ?? Date.now)());
  // Read and parsed before the account is looked up: what a malformed body is told must not depend on the appid.
  const rawBody = await readBody(req);
  const encrypt = pushEnvelope(rawBody);
  const { account, parsed, fields } = openSignedPush(await accountOf(target.componentAppid), query, encrypt);
  const kind = pushKind(fields, target);
  if (target.authorizerAppid !== undefined) await checkRecipient(account, target.authorizerAppid, pushRecipient(fields));

  // The unique index (account, msg_signature, nonce) is the replay guard: a conflict inserts nothing.
  const [row] = await db
    .insert(inboundEvents)
    .values({
      accountId: account.id,
      authorizerAppid: target.authorizerAppid ?? fields.AuthorizerAppid ?? null,
      kind,
      msgSignature: query.msgSignature,
      nonce: query.nonce,
      timestamp: Number(query.timestamp),
      rawBody,
      payload: storedPushPayload(parsed),
      // Processing starts right after the answer; should it never finish, the retry sweep takes over after this.
      nextAttemptAt: sql`now() + make_interval(mins => ${ATTEMPT_LEASE_MINUTES})`,
    })
    .onConflictDoNothing({ target: [inboundEvents.accountId, inboundEvents.msgSignature, inboundEvents.nonce] })
    .returning({ id: inboundEvents.id });
  if (!row) throw new Refused("replayed push");
  return { id: row.id, fields };
}

/**
 * A stored push is processed after the platform got its "success" (both platforms' receivers). The decrypted fields
 * (ticket, authorization code) travel to the processor in memory only.
 */
export function processAfterAnswer(id: number, fields: Parameters<typeof processInboundEvent>[1], options: IngressOptions) {
  const task = () => processInboundEvent(id, fields);
  try {
    options.schedule(task);
  } catch {
    // No request scope to attach to (`after` outside a request): the event is stored, so run it detached.
    void task();
  }
}

/** Handles one push request; the route handlers are thin wrappers around this. */
export async function receivePush(req: Request, target: PushTarget, options: IngressOptions): Promise<Response> {
  try {
    const { id, fields } = await accept(req, target, options);
    processAfterAnswer(id, fields, options);
    return text("success", 200);
  } catch (error) {
    const refusal = error instanceof Refused ? { answer: error.message, reason: error.reason } : pushRefusal(error);
    if (refusal) {
      // The appid comes from the URL, unchecked at this point: quoted and cut, so it cannot forge log lines.
      console.warn(`[wechat] push to ${JSON.stringify(target.componentAppid.slice(0, 64))} refused: ${refusal.reason}`);
      return text(refusal.answer, 400);
    }
    // A database outage is not the sender's fault: 500 makes the platform retry.
    console.error("[wechat] push could not be received", error);
    return text("error", 500);
  }
}
