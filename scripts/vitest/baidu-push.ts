/**
 * Opens a Baidu push the way the documents describe it, written apart from the emulator's sealing code so a test
 * checks one against the other (vitest only): the envelope `{Nonce, TimeStamp, Encrypt, MsgSignature}`, the signature
 * sha1 over the sorted [token, TimeStamp, Nonce, Encrypt], AES-256-CBC with key = base64(EncodingAESKey + "="),
 * IV = key[0..16], PKCS#7 padding to 32 bytes, plaintext random16 ‖ len_be32 ‖ message ‖ client_id.
 */
import { createDecipheriv, createHash } from "node:crypto";

export type OpenedBaiduPush = { signatureOk: boolean; receiver: string; message: Record<string, unknown>; envelope: Record<string, string> };

export function openBaiduPush(body: string, platform: { token: string; encodingAesKey: string }): OpenedBaiduPush {
  const envelope = JSON.parse(body) as Record<string, string>;
  const expected = createHash("sha1")
    .update([platform.token, envelope.TimeStamp!, envelope.Nonce!, envelope.Encrypt!].sort().join(""))
    .digest("hex");
  const key = Buffer.from(platform.encodingAesKey + "=", "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(envelope.Encrypt!, "base64")), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 32) throw new Error(`bad padding ${pad}`);
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  const message = JSON.parse(plain.subarray(20, 20 + length).toString("utf8")) as Record<string, unknown>;
  return { signatureOk: expected === envelope.MsgSignature, receiver: plain.subarray(20 + length).toString("utf8"), message, envelope };
}
