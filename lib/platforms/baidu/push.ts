import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret } from "@/lib/crypto";
import type { PlatformAccount } from "@/lib/db/schema";
import { REDACTED, redact } from "@/lib/history/redact";
import { decryptMessage, MsgCryptError, verifySignature } from "@/lib/platforms/wechat/msg-crypt";

/**
 * Baidu's push format (reference §8.2): a JSON body `{Nonce, TimeStamp, Encrypt, MsgSignature}`; MsgSignature is the
 * SHA1 of the sorted [token, TimeStamp, Nonce, Encrypt] (the push token of the platform account); Encrypt is
 * WXBizMsgCrypt's AES-256-CBC (random16 ‖ length ‖ message ‖ receiver) whose receiver is the platform's client_id,
 * and the message is JSON, not XML. Parsing only: finding the account, replay, storage and dispatch are the
 * console's; ./states.ts turns the fields into a platform event.
 */

export type BaiduPushFields = Record<string, string>;
export type BaiduPushEnvelope = { msgSignature: string; timestamp: string; nonce: string; encrypt: string };

/** A push that is not Baidu's, or not this account's. `message` is what the sender is told; `reason` is logged. */
export class BaiduPushRefused extends Error {
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
    this.name = "BaiduPushRefused";
  }
}

export const UNVERIFIED = "signature mismatch";
/** A push older or newer than this is refused: a captured push cannot be replayed once its window has passed. */
export const MAX_SKEW_SECONDS = 300;
const THROWAWAY_TOKEN = randomBytes(24).toString("base64url");
const SECRET_FIELDS = new Set(["Ticket", "authorizationCode"]);

const SIGNATURE = /^[0-9a-fA-F]{40}$/;
const TIMESTAMP = /^\d{1,13}$/;
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_CHARS = 64 * 1024;

const scalar = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined);

/** The envelope of a push body, refused when malformed or outside the time window (`nowMs`). */
export function baiduPushEnvelope(rawBody: string, nowMs: number): BaiduPushEnvelope {
  if (rawBody.length > MAX_BODY_CHARS) throw new BaiduPushRefused("body too large");
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new BaiduPushRefused("body is not JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new BaiduPushRefused("body is not a JSON object");
  const o = body as Record<string, unknown>;
  const [msgSignature, timestamp, nonce, encrypt] = [o.MsgSignature, o.TimeStamp, o.Nonce, o.Encrypt].map(scalar);
  if (!msgSignature || !SIGNATURE.test(msgSignature) || !timestamp || !TIMESTAMP.test(timestamp) || !nonce || !NONCE.test(nonce) || !encrypt) {
    throw new BaiduPushRefused("missing or malformed MsgSignature, TimeStamp, Nonce or Encrypt");
  }
  const seconds = timestamp.length > 10 ? Number(timestamp) / 1000 : Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > MAX_SKEW_SECONDS) throw new BaiduPushRefused("stale timestamp");
  return { msgSignature: msgSignature.toLowerCase(), timestamp, nonce, encrypt };
}

/** Decrypts an Encrypt value with the account's current or previous key; the receiver must be its client_id. */
export function openBaiduPush(account: PlatformAccount, encrypt: string): { parsed: Record<string, unknown>; fields: BaiduPushFields } {
  const keys = [account.aesKeyEnc, account.previousAesKeyEnc].filter((k): k is string => !!k).map(decryptSecret);
  const { xml: json } = decryptMessage({ encodingAesKeys: keys, encrypt, expectedAppid: account.appId });
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new BaiduPushRefused("decrypted message is not JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new BaiduPushRefused("decrypted message is not a JSON object");
  const fields = Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).flatMap(([k, v]) => {
      const value = scalar(v);
      return value === undefined ? [] : [[k, value] as const];
    }),
  );
  return { parsed: parsed as Record<string, unknown>, fields };
}

/**
 * Verifies the push was signed with `account`'s token, then decrypts it. No account, an account without push keys
 * and a wrong signature get the same refusal after the same work (the answer does not tell which client_ids exist).
 */
export function openSignedBaiduPush(account: PlatformAccount | undefined, envelope: BaiduPushEnvelope): ReturnType<typeof openBaiduPush> & { account: PlatformAccount; kind: string } {
  const keyed = !!account?.tokenEnc && !!account.aesKeyEnc && account.platform === "baidu";
  const token = keyed ? decryptSecret(account!.tokenEnc!) : THROWAWAY_TOKEN;
  const signed = verifySignature(token, envelope.timestamp, envelope.nonce, envelope.encrypt, envelope.msgSignature);
  if (!account) throw new BaiduPushRefused(UNVERIFIED, "unknown client_id");
  if (!keyed) throw new BaiduPushRefused(UNVERIFIED, "not a Baidu account with a push token and EncodingAESKey");
  if (!signed) throw new BaiduPushRefused(UNVERIFIED, "signature mismatch");
  const opened = openBaiduPush(account, envelope.encrypt);
  return { account, ...opened, kind: baiduPushKind(opened.fields) };
}

/** The push's kind: `ticket` for the ticket push (MsgType ticket), else its `event`. */
export function baiduPushKind(fields: BaiduPushFields): string {
  if (fields.MsgType === "ticket") return "ticket";
  if (!fields.event) throw new BaiduPushRefused("push without event or MsgType");
  return fields.event.slice(0, 64);
}

/** The fields of a stored push (its raw, still encrypted, body): a retry re-derives what the payload redacted. */
export function storedBaiduPushFields(account: PlatformAccount, rawBody: string): BaiduPushFields {
  const parsed = JSON.parse(rawBody) as Record<string, unknown>;
  const encrypt = scalar(parsed.Encrypt);
  if (!encrypt) throw new BaiduPushRefused("stored push without Encrypt");
  return openBaiduPush(account, encrypt).fields;
}

/** What is stored: every field, the ticket and authorization code replaced. */
export function storedBaiduPushPayload(parsed: Record<string, unknown>): unknown {
  return redact(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? REDACTED : v])));
}

/** A refusal of the push format (what the sender is told, what the log keeps), or null for anything else. */
export function baiduPushRefusal(error: unknown): { answer: string; reason: string } | null {
  if (error instanceof BaiduPushRefused) return { answer: error.message, reason: error.reason };
  if (error instanceof MsgCryptError) return { answer: error.message, reason: error.message };
  return null;
}
