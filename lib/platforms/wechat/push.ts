import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { decryptSecret } from "@/lib/crypto";
import type { PlatformAccount } from "@/lib/db/schema";
import { REDACTED, redact } from "@/lib/history/redact";
import { decryptMessage, MsgCryptError, parseEnvelope, parsePlainXml, verifySignature, type XmlValue } from "./msg-crypt";

/**
 * WeChat's push format (reference §1.2, §2.1, §4.4): the query (msg_signature, timestamp, nonce, encrypt_type), the
 * encrypted envelope, msg_signature over the account's token, the message decrypted with its EncodingAESKey, and
 * the message's kind. Parsing only: reading the request, finding the account, replay, storage and dispatch are the
 * console's (lib/console/ingress.ts); lib/platforms/wechat/states.ts turns the fields into a platform event.
 */

export type PushFields = Record<string, string>;

/** A push that is not WeChat's, or not this account's. `message` is what the sender is told; `reason` is logged. */
export class PushRefused extends Error {
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
    this.name = "PushRefused";
  }
}

/** The one answer to every push whose signature could not be verified, whatever the cause. */
export const UNVERIFIED = "signature mismatch";
/** A push older or newer than this is refused: a captured push cannot be replayed once its window has passed. */
export const MAX_SKEW_SECONDS = 300;
// No account has this token: an unknown component appid still costs one signature check.
const THROWAWAY_TOKEN = randomBytes(24).toString("base64url");
// Fields never stored in clear. lib/history/redact catches most by name, but not `AuthorizationCode` (camel case,
// no underscore), so they are named here explicitly.
const SECRET_FIELDS = new Set(["ComponentVerifyTicket", "AuthorizationCode", "PreAuthCode"]);

const SIGNATURE = /^[0-9a-fA-F]{40}$/;
const TIMESTAMP = /^\d{1,10}$/;
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;

export type PushQuery = { msgSignature: string; timestamp: string; nonce: string };

/** The signature, timestamp and nonce of a push URL; refused when malformed, unencrypted or outside the window. */
export function pushQuery(url: string, nowMs: number): PushQuery {
  const params = new URL(url).searchParams;
  const msgSignature = params.get("msg_signature") ?? "";
  const timestamp = params.get("timestamp") ?? "";
  const nonce = params.get("nonce") ?? "";
  const encryptType = params.get("encrypt_type");
  if (!SIGNATURE.test(msgSignature) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce)) {
    throw new PushRefused("missing or malformed msg_signature, timestamp or nonce");
  }
  // Third-party platforms are safe-mode only (reference §2.1): a plaintext push is not one of theirs.
  if (encryptType !== null && encryptType !== "aes") throw new PushRefused("encrypt_type must be aes");
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) throw new PushRefused("stale timestamp");
  // Lower-cased: verifySignature ignores case, so a replay key must too, or a re-cased copy would pass it.
  return { msgSignature: msgSignature.toLowerCase(), timestamp, nonce };
}

/** The Encrypt value of a push body (the <ToUserName> or <AppId> envelope). */
export const pushEnvelope = (rawBody: string): string => parseEnvelope(rawBody).encrypt;

/** String fields only: every documented push field is a scalar; anything nested is kept in the payload only. */
function stringFields(parsed: Record<string, unknown>): PushFields {
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Decrypts an Encrypt value with the account's current or previous EncodingAESKey (appid checked). */
export function openPush(account: PlatformAccount, encrypt: string): { parsed: Record<string, XmlValue>; fields: PushFields } {
  const keys = [account.aesKeyEnc, account.previousAesKeyEnc].filter((k): k is string => !!k).map(decryptSecret);
  const { xml } = decryptMessage({ encodingAesKeys: keys, encrypt, expectedAppid: account.appId });
  const parsed = parsePlainXml(xml);
  return { parsed, fields: stringFields(parsed) };
}

/**
 * Verifies the push was signed with `account`'s token, then decrypts it. Until then the sender has proved nothing,
 * so no account (an unknown component appid), an account without push keys and a wrong signature all get the same
 * refusal after the same work: the answer does not tell which component appids exist.
 */
export function openSignedPush(account: PlatformAccount | undefined, query: PushQuery, encrypt: string): ReturnType<typeof openPush> & { account: PlatformAccount } {
  const keyed = !!account?.tokenEnc && !!account.aesKeyEnc;
  const token = keyed ? decryptSecret(account.tokenEnc!) : THROWAWAY_TOKEN;
  const signed = verifySignature(token, query.timestamp, query.nonce, encrypt, query.msgSignature);
  if (!account) throw new PushRefused(UNVERIFIED, "unknown component appid");
  if (!keyed) throw new PushRefused(UNVERIFIED, "push token and EncodingAESKey are not configured");
  if (!signed) throw new PushRefused(UNVERIFIED, "signature mismatch");
  return { account, ...openPush(account, encrypt) };
}

/** The fields of a stored push (its raw, still encrypted, body): the retry re-derives what the payload redacted. */
export const storedPushFields = (account: PlatformAccount, rawBody: string): PushFields => openPush(account, pushEnvelope(rawBody)).fields;

/** The message's kind: InfoType on the auth-event URL, Event (or MsgType) on the message URL (`authorizerAppid`). */
export function pushKind(fields: PushFields, target: { componentAppid: string; authorizerAppid?: string }): string {
  if (target.authorizerAppid === undefined) {
    if (!fields.InfoType) throw new PushRefused("auth event without InfoType");
    // The appid inside the plaintext was checked by decryption; a differing AppId field would be a forgery attempt.
    if (fields.AppId !== undefined && fields.AppId !== target.componentAppid) throw new PushRefused("AppId mismatch");
    return fields.InfoType.slice(0, 64);
  }
  if (!fields.MsgType) throw new PushRefused("message without MsgType");
  return (fields.MsgType === "event" && fields.Event ? fields.Event : fields.MsgType).slice(0, 64);
}

/** The gh_ original id a message is signed for (the message URL's appid is not signed; this is). */
export function pushRecipient(fields: PushFields): string {
  if (!fields.ToUserName) throw new PushRefused("message without ToUserName");
  return fields.ToUserName;
}

export const authorizationCodeHash = (code: string) => createHash("sha256").update(code).digest("hex");

/** What is stored: every field, secrets replaced (never persisted in clear, even though the rawBody is ciphertext). */
export function storedPushPayload(parsed: Record<string, unknown>): unknown {
  const fields = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? REDACTED : v]));
  // The spent code's hash lets the redirect callback find which mini-program a code authorized when the push
  // exchanged it first (lib/console/onboarding/index.ts); the code itself is never stored.
  if (typeof parsed.AuthorizationCode === "string") fields.AuthorizationCodeSha256 = authorizationCodeHash(parsed.AuthorizationCode);
  return redact(fields);
}

/** A refusal of the push format (what the sender is told, what the log keeps), or null for anything else. */
export function pushRefusal(error: unknown): { answer: string; reason: string } | null {
  if (error instanceof PushRefused) return { answer: error.message, reason: error.reason };
  if (error instanceof MsgCryptError) return { answer: error.message, reason: error.message };
  return null;
}
