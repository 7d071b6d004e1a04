import "server-only";
import { createCipheriv, createHash, randomBytes } from "node:crypto";

/**
 * The platform's side of WXBizMsgCrypt (reference §2.2), written apart from the console's decoder
 * (lib/platforms/wechat/msg-crypt.ts) on purpose: a push round-trip test then checks two implementations against each other.
 */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash("sha1").update([token, timestamp, nonce, encrypt].sort().join("")).digest("hex");
}

export function pushEncrypt(encodingAesKey: string, appid: string, xml: string, random16: Buffer = randomBytes(16)): string {
  const key = Buffer.from(encodingAesKey + "=", "base64");
  const msg = Buffer.from(xml, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const plain = Buffer.concat([random16, length, msg, Buffer.from(appid, "utf8")]);
  // PKCS#7 with a 32-byte block, added by hand; the cipher itself pads nothing.
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString("base64");
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

/** Builds the plaintext event XML: strings in CDATA, numbers bare, like the platform's examples. */
export function eventXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === "number" ? v : cdata(v)}</${k}>`)
    .join("");
  return `<xml>${body}</xml>`;
}

/** The envelope posted to the console, and the query string that signs it. */
export function sealPush(options: { token: string; encodingAesKey: string; componentAppid: string; outerTag: "AppId" | "ToUserName"; outerValue: string; xml: string }) {
  const encrypt = pushEncrypt(options.encodingAesKey, options.componentAppid, options.xml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const msgSignature = pushSignature(options.token, timestamp, nonce, encrypt);
  const signature = createHash("sha1").update([options.token, timestamp, nonce].sort().join("")).digest("hex");
  const body = `<xml><${options.outerTag}>${cdata(options.outerValue)}</${options.outerTag}><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  const query = new URLSearchParams({ signature, timestamp, nonce, encrypt_type: "aes", msg_signature: msgSignature });
  return { body, query: query.toString() };
}
