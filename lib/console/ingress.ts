import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, tenants, type PlatformAccount } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { REDACTED, redact } from "@/lib/history/redact";
import { MsgCryptError, parseEnvelope, verifySignature } from "@/lib/platforms/wechat/msg-crypt";
import { ATTEMPT_LEASE_MINUTES, processInboundEvent } from "./events";
import { openPush, type PushFields } from "@/lib/platforms/wechat/push-fields";

/**
 * The console's push receiver (reference §1.2, §1.5, §2, §4.4). The platform POSTs encrypted XML to
 *   /api/wechat/{componentAppid}/auth-events                 (tickets, authorization changes: <AppId> envelope)
 *   /api/wechat/{componentAppid}/events/{authorizerAppid}    (weapp_audit_* and other events: <ToUserName> envelope)
 * These URLs are public: the only authentication is msg_signature, a SHA1 over the platform account's token.
 *
 * Every refusal answers 400 text and writes nothing. An accepted push is stored (raw envelope + redacted fields),
 * answered `success` at once — the platform retries anything slower or different — and processed afterwards.
 *
 * Until the signature is verified the sender has proved nothing, so an unknown component appid, an account without
 * push keys and a wrong signature all get the same answer after the same work (a signature is computed over a
 * throw-away token when there is no account): the answers do not tell which component appids exist. The server
 * log keeps the real reason.
 */

export type PushTarget = { componentAppid: string; authorizerAppid?: string };

export type IngressOptions = {
  /** Runs the processing after the response: Next's `after()` in the routes, a collector in tests. */
  schedule: (task: () => Promise<void>) => void;
  /** Clock (ms), for the reference vectors' fixed timestamps. */
  now?: () => number;
};

/** A push older or newer than this is refused: a captured push cannot be replayed once its window has passed. */
export const MAX_SKEW_SECONDS = 300;
// Real pushes are well under 4 KB; the limit only stops a client from making us buffer a huge body.
const MAX_BODY_BYTES = 64 * 1024;
// Fields that must never be stored in clear. lib/history/redact catches most by name, but not
// `AuthorizationCode` (camel case, no underscore), so they are named here explicitly.
const SECRET_FIELDS = new Set(["ComponentVerifyTicket", "AuthorizationCode", "PreAuthCode"]);

export const authorizationCodeHash = (code: string) => createHash("sha256").update(code).digest("hex");

const APPID = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNATURE = /^[0-9a-fA-F]{40}$/;
const TIMESTAMP = /^\d{1,10}$/;
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;

/** An expected refusal: bad input, not a bug. The message is the answer (no secrets); `reason` goes to the log. */
class Refused extends Error {
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
  }
}

/** The one answer to every push whose signature could not be verified, whatever the cause. */
export const UNVERIFIED = "signature mismatch";
// No account has this token: an unknown component appid still costs one signature check.
const THROWAWAY_TOKEN = randomBytes(24).toString("base64url");

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new Refused("body too large");
  const reader = req.body?.getReader();
  if (!reader) throw new Refused("empty body");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Counted while streaming: a chunked body has no content-length to trust.
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Refused("body too large");
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Refused("body is not UTF-8");
  }
}

function queryOf(req: Request, nowMs: number) {
  const params = new URL(req.url).searchParams;
  const msgSignature = params.get("msg_signature") ?? "";
  const timestamp = params.get("timestamp") ?? "";
  const nonce = params.get("nonce") ?? "";
  const encryptType = params.get("encrypt_type");
  if (!SIGNATURE.test(msgSignature) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce)) {
    throw new Refused("missing or malformed msg_signature, timestamp or nonce");
  }
  // Third-party platforms are safe-mode only (reference §2.1): a plaintext push is not one of theirs.
  if (encryptType !== null && encryptType !== "aes") throw new Refused("encrypt_type must be aes");
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) throw new Refused("stale timestamp");
  // Lower-cased: verifySignature ignores case, so the replay key must too, or a re-cased copy would pass it.
  return { msgSignature: msgSignature.toLowerCase(), timestamp, nonce };
}

/** The account named in the URL, if the push is signed with its token; otherwise the one indistinct refusal. */
async function verifiedAccount(componentAppid: string, query: { timestamp: string; nonce: string; msgSignature: string }, encrypt: string): Promise<PlatformAccount> {
  const [account] = APPID.test(componentAppid)
    ? await db
        .select()
        .from(platformAccounts)
        .where(and(eq(platformAccounts.platform, "wechat"), eq(platformAccounts.appId, componentAppid)))
    : [];
  const keyed = !!account?.tokenEnc && !!account.aesKeyEnc;
  const token = keyed ? decryptSecret(account.tokenEnc!) : THROWAWAY_TOKEN;
  const signed = verifySignature(token, query.timestamp, query.nonce, encrypt, query.msgSignature);
  if (!account) throw new Refused(UNVERIFIED, "unknown component appid");
  if (!keyed) throw new Refused(UNVERIFIED, "push token and EncodingAESKey are not configured");
  if (!signed) throw new Refused(UNVERIFIED, "signature mismatch");
  return account;
}

/**
 * The message URL names the mini-program in its path, which is not signed; the message's ToUserName (its gh_
 * original id) is. It must be the original id stored for that tenant of this account at onboarding.
 */
async function checkRecipient(account: PlatformAccount, authorizerAppid: string, fields: PushFields) {
  const to = fields.ToUserName;
  if (!to) throw new Refused("message without ToUserName");
  const [tenant] = await db
    .select({ userName: tenants.userName })
    .from(tenants)
    .where(and(eq(tenants.accountId, account.id), eq(tenants.appid, authorizerAppid)));
  if (!tenant) throw new Refused("no such mini-program under this platform account");
  if (tenant.userName !== to) throw new Refused("ToUserName is not this mini-program's original id");
}

/** The message's kind: InfoType on the auth-event URL, Event (or MsgType) on the message URL. */
function kindOf(target: PushTarget, fields: PushFields): string {
  if (target.authorizerAppid === undefined) {
    if (!fields.InfoType) throw new Refused("auth event without InfoType");
    // The appid inside the plaintext was checked by decryption; a differing AppId field would be a forgery attempt.
    if (fields.AppId !== undefined && fields.AppId !== target.componentAppid) throw new Refused("AppId mismatch");
    return fields.InfoType.slice(0, 64);
  }
  if (!fields.MsgType) throw new Refused("message without MsgType");
  return (fields.MsgType === "event" && fields.Event ? fields.Event : fields.MsgType).slice(0, 64);
}

/** What is stored: every field, secrets replaced (never persisted in clear, even though the rawBody is ciphertext). */
export function storedPayload(parsed: Record<string, unknown>): unknown {
  const fields = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? REDACTED : v]));
  // The spent code's hash lets the redirect callback find which mini-program a code authorized when the push
  // exchanged it first (lib/console/onboarding/index.ts); the code itself is never stored.
  if (typeof parsed.AuthorizationCode === "string") fields.AuthorizationCodeSha256 = authorizationCodeHash(parsed.AuthorizationCode);
  return redact(fields);
}

async function accept(req: Request, target: PushTarget, options: IngressOptions) {
  if (target.authorizerAppid !== undefined && !APPID.test(target.authorizerAppid)) throw new Refused("bad authorizer appid");
  const query = queryOf(req, (options.now ?? Date.now)());
  // Read and parsed before the account is looked up: what a malformed body is told must not depend on the appid.
  const rawBody = await readBody(req);
  const envelope = parseEnvelope(rawBody);
  const account = await verifiedAccount(target.componentAppid, query, envelope.encrypt);
  const { parsed, fields } = openPush(account, envelope.encrypt);
  const kind = kindOf(target, fields);
  if (target.authorizerAppid !== undefined) await checkRecipient(account, target.authorizerAppid, fields);

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
      payload: storedPayload(parsed),
      // Processing starts right after the answer; should it never finish, the retry sweep takes over after this.
      nextAttemptAt: sql`now() + make_interval(mins => ${ATTEMPT_LEASE_MINUTES})`,
    })
    .onConflictDoNothing({ target: [inboundEvents.accountId, inboundEvents.msgSignature, inboundEvents.nonce] })
    .returning({ id: inboundEvents.id });
  if (!row) throw new Refused("replayed push");
  return { id: row.id, fields };
}

/** Handles one push request; the route handlers are thin wrappers around this. */
export async function receivePush(req: Request, target: PushTarget, options: IngressOptions): Promise<Response> {
  try {
    const { id, fields } = await accept(req, target, options);
    // The decrypted fields (ticket, authorization code) travel to the processor in memory only.
    const task = () => processInboundEvent(id, fields);
    try {
      options.schedule(task);
    } catch {
      // No request scope to attach to (`after` outside a request): the event is stored, so run it detached.
      void task();
    }
    return text("success", 200);
  } catch (error) {
    if (error instanceof Refused || error instanceof MsgCryptError) {
      // The appid comes from the URL, unchecked at this point: quoted and cut, so it cannot forge log lines.
      const reason = error instanceof Refused ? error.reason : error.message;
      console.warn(`[wechat] push to ${JSON.stringify(target.componentAppid.slice(0, 64))} refused: ${reason}`);
      return text(error.message, 400);
    }
    // A database outage is not the sender's fault: 500 makes the platform retry.
    console.error("[wechat] push could not be received", error);
    return text("error", 500);
  }
}
