/**
 * Baidu pushes sealed from the documented scheme (reference §8.2), written here independently of the client's
 * decoder (lib/platforms/wechat/msg-crypt.ts) so that a test of the decoder checks it against the documents, not
 * against itself: key = base64(EncodingAESKey + "="), IV = key[0..16], plaintext random16 ‖ len_be32 ‖ message ‖
 * client_id padded PKCS#7-style to 32-byte blocks, AES-256-CBC; MsgSignature = sha1 of the sorted
 * [token, TimeStamp, Nonce, Encrypt]; the body is JSON `{Nonce, TimeStamp, Encrypt, MsgSignature}`. Test-only.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";

export type BaiduPushKeys = { token: string; encodingAesKey: string; clientId: string };

export function sealBaiduMessage(keys: Pick<BaiduPushKeys, "encodingAesKey" | "clientId">, message: string, random16 = randomBytes(16)): string {
  const key = Buffer.from(`${keys.encodingAesKey}=`, "base64");
  const msg = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const body = Buffer.concat([random16, length, msg, Buffer.from(keys.clientId, "utf8")]);
  const pad = 32 - (body.length % 32);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
}

export const baiduSignature = (token: string, timestamp: string, nonce: string, encrypt: string) =>
  createHash("sha1").update([token, timestamp, nonce, encrypt].sort().join("")).digest("hex");

/** A push body as Baidu POSTs it; `message` is the decrypted JSON (an object is stringified). */
export function baiduPushBody(keys: BaiduPushKeys, message: unknown, at = Math.floor(Date.now() / 1000), nonce = randomBytes(6).toString("hex")): string {
  const encrypt = sealBaiduMessage(keys, typeof message === "string" ? message : JSON.stringify(message));
  const timestamp = String(at);
  return JSON.stringify({ Nonce: nonce, TimeStamp: timestamp, Encrypt: encrypt, MsgSignature: baiduSignature(keys.token, timestamp, nonce, encrypt) });
}
