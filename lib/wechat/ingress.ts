import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, platformAccounts, type PlatformAccount } from "@/lib/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { REDACTED, redact } from "@/lib/history/redact";
import { decryptMessage, MsgCryptError, parseEnvelope, parsePlainXml, verifySignature } from "./msg-crypt";
import { processInboundEvent, type PushFields } from "./events";

/**
 * The console's push receiver (reference §1.2, §1.5, §2, §4.4). The platform POSTs encrypted XML to
 *   /api/wechat/{componentAppid}/auth-events                 (tickets, authorization changes: <AppId> envelope)
 *   /api/wechat/{componentAppid}/events/{authorizerAppid}    (weapp_audit_* and other events: <ToUserName> envelope)
 * These URLs are public: the only authentication is msg_signature, a SHA1 over the platform account's token.
 *
 * Every refusal answers 400 text and writes nothing. An accepted push is stored (raw envelope + redacted fields),
 * answered `success` at once — the platform retries anything slower or different — and processed afterwards.
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

/** An expected refusal: bad input, not a bug. The reason is safe to show (no secrets). */
class Refused extends Error {}

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

async function accountOf(componentAppid: string): Promise<PlatformAccount> {
  if (!APPID.test(componentAppid)) throw new Refused("unknown component appid");
  const [account] = await db
    .select()
    .from(platformAccounts)
    .where(and(eq(platformAccounts.platform, "wechat"), eq(platformAccounts.appId, componentAppid)));
  if (!account) throw new Refused("unknown component appid");
  if (!account.tokenEnc || !account.aesKeyEnc) throw new Refused("push token and EncodingAESKey are not configured");
  return account;
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

/** String fields only: every documented push field is a scalar; anything nested is kept in the payload only. */
function stringFields(parsed: Record<string, unknown>): PushFields {
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** What is stored: every field, secrets replaced (never persisted in clear, even though the rawBody is ciphertext). */
export function storedPayload(parsed: Record<string, unknown>): unknown {
  const fields = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? REDACTED : v]));
  // The spent code's hash lets the redirect callback find which mini-program a code authorized when the push
  // exchanged it first (lib/onboarding.ts); the code itself is never stored.
  if (typeof parsed.AuthorizationCode === "string") fields.AuthorizationCodeSha256 = authorizationCodeHash(parsed.AuthorizationCode);
  return redact(fields);
}

async function accept(req: Request, target: PushTarget, options: IngressOptions) {
  if (target.authorizerAppid !== undefined && !APPID.test(target.authorizerAppid)) throw new Refused("bad authorizer appid");
  const query = queryOf(req, (options.now ?? Date.now)());
  const account = await accountOf(target.componentAppid);
  const rawBody = await readBody(req);
  const envelope = parseEnvelope(rawBody);
  if (!verifySignature(decryptSecret(account.tokenEnc!), query.timestamp, query.nonce, envelope.encrypt, query.msgSignature)) {
    throw new Refused("signature mismatch");
  }
  const keys = [account.aesKeyEnc!, account.previousAesKeyEnc].filter((k): k is string => !!k).map(decryptSecret);
  const { xml } = decryptMessage({ encodingAesKeys: keys, encrypt: envelope.encrypt, expectedAppid: account.appId });
  const parsed = parsePlainXml(xml);
  const fields = stringFields(parsed);
  const kind = kindOf(target, fields);

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
      console.warn(`[wechat] push to ${JSON.stringify(target.componentAppid.slice(0, 64))} refused: ${error.message}`);
      return text(error.message, 400);
    }
    // A database outage is not the sender's fault: 500 makes the platform retry.
    console.error("[wechat] push could not be received", error);
    return text("error", 500);
  }
}
