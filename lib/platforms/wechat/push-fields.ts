import "server-only";
import { decryptSecret } from "@/lib/crypto";
import type { PlatformAccount } from "@/lib/db/schema";
import { decryptMessage, parseEnvelope, parsePlainXml, type XmlValue } from "./msg-crypt";

/**
 * A push's message, decrypted: shared by the receiver (lib/console/ingress.ts, on arrival) and the retry sweep
 * (lib/console/events-retry.ts), which re-derives the fields from the stored encrypted envelope because the stored
 * payload has its secrets (ticket, authorization code) redacted.
 */

export type PushFields = Record<string, string>;

/** String fields only: every documented push field is a scalar; anything nested is kept in the payload only. */
export function stringFields(parsed: Record<string, unknown>): PushFields {
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Decrypts an Encrypt value with the account's current or previous EncodingAESKey (appid checked). */
export function openPush(account: PlatformAccount, encrypt: string): { parsed: Record<string, XmlValue>; fields: PushFields } {
  const keys = [account.aesKeyEnc, account.previousAesKeyEnc].filter((k): k is string => !!k).map(decryptSecret);
  const { xml } = decryptMessage({ encodingAesKeys: keys, encrypt, expectedAppid: account.appId });
  const parsed = parsePlainXml(xml);
  return { parsed, fields: stringFields(parsed) };
}

/** The fields of a stored push (its raw, still encrypted, body). */
export const storedPushFields = (account: PlatformAccount, rawBody: string): PushFields => openPush(account, parseEnvelope(rawBody).encrypt).fields;
