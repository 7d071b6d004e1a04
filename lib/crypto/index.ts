import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets at rest: AES-256-GCM under APP_ENCRYPTION_KEY.
 * Stored form: "v1:" + base64(iv[12] | tag[16] | ciphertext). The version prefix leaves room for key rotation.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(message = "Encrypted value could not be decrypted (wrong key or tampered data)") {
    super(message);
    this.name = "DecryptionError";
  }
}

function keyFrom(keyBase64: string | undefined): Buffer {
  if (!keyBase64) throw new Error("APP_ENCRYPTION_KEY is not set");
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) throw new Error("APP_ENCRYPTION_KEY must be 32 bytes");
  return key;
}

export function encryptWith(keyBase64: string | undefined, plaintext: string): string {
  const key = keyFrom(keyBase64);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptWith(keyBase64: string | undefined, stored: string): string {
  const key = keyFrom(keyBase64);
  const [version, payload] = stored.split(":", 2);
  if (version !== VERSION || !payload) throw new DecryptionError("Unknown encrypted value format");
  const raw = Buffer.from(payload, "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError();
  }
}

export const encryptSecret = (plaintext: string) => encryptWith(env.APP_ENCRYPTION_KEY, plaintext);
export const decryptSecret = (stored: string) => decryptWith(env.APP_ENCRYPTION_KEY, stored);

/** Nullable columns: keep null as null. */
export const encryptOptional = (plaintext: string | null | undefined) =>
  plaintext == null || plaintext === "" ? null : encryptSecret(plaintext);
