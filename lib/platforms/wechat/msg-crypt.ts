import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { XMLParser } from "fast-xml-parser";

/**
 * WXBizMsgCrypt: the push-message encryption shared by WeChat's third-party platform and (with a JSON
 * envelope) Baidu's. Plaintext = random(16) ‖ uint32_be(len(msg)) ‖ msg ‖ appid, padded PKCS#7-style to
 * 32-byte blocks, then AES-256-CBC with IV = key[0:16] and no cipher-level padding.
 *
 * There is no MAC: integrity rests on msg_signature (SHA1 over token, timestamp, nonce, Encrypt). Verify it
 * before decrypting; the padding, length and appid checks here only catch garbage and wrong keys.
 */

export type MsgCryptErrorCode =
  | "bad_base64"
  | "bad_padding"
  | "bad_length"
  | "appid_mismatch"
  | "bad_key"
  | "bad_xml";

export class MsgCryptError extends Error {
  readonly code: MsgCryptErrorCode;

  constructor(code: MsgCryptErrorCode, message: string) {
    super(message);
    this.name = "MsgCryptError";
    this.code = code;
  }
}

const BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const KEY_PATTERN = /^[A-Za-z0-9]{43}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

export function isValidEncodingAesKey(k: string): boolean {
  if (typeof k !== "string" || !KEY_PATTERN.test(k)) return false;
  // 43 chars carry 258 bits; WeChat-generated keys often have non-zero trailing bits (e.g. "…EFG"),
  // which base64 decoders drop, so only the decoded length is checked.
  return Buffer.from(`${k}=`, "base64").length === 32;
}

function aesKey(encodingAesKey: string): Buffer {
  if (!isValidEncodingAesKey(encodingAesKey)) {
    throw new MsgCryptError("bad_key", "EncodingAESKey must be 43 characters of [A-Za-z0-9]");
  }
  return Buffer.from(`${encodingAesKey}=`, "base64");
}

export function signature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  // The platform sorts the four strings lexicographically (byte order; all ASCII in practice).
  const joined = [token, timestamp, nonce, encrypt].sort().join("");
  return createHash("sha1").update(joined, "utf8").digest("hex");
}

/** Constant-time comparison of a received msg_signature against the expected one. */
export function verifySignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  msgSignature: string,
): boolean {
  const expected = Buffer.from(signature(token, timestamp, nonce, encrypt), "utf8");
  const received = Buffer.from(String(msgSignature).toLowerCase(), "utf8");
  return expected.length === received.length && timingSafeEqual(expected, received);
}

export function encryptMessage(opts: {
  encodingAesKey: string;
  appid: string;
  xml: string;
  random16?: Buffer;
}): string {
  const key = aesKey(opts.encodingAesKey);
  const random = opts.random16 ?? randomBytes(RANDOM_BYTES);
  if (random.length !== RANDOM_BYTES) {
    throw new MsgCryptError("bad_length", "random16 must be exactly 16 bytes");
  }
  const msg = Buffer.from(opts.xml, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const body = Buffer.concat([random, length, msg, Buffer.from(opts.appid, "utf8")]);
  // Always pads, 1..32 bytes: a body that is already a multiple of 32 gets a full block of 32s.
  const pad = BLOCK - (body.length % BLOCK);
  const plain = Buffer.concat([body, Buffer.alloc(pad, pad)]);

  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

function decodeCiphertext(encrypt: string): Buffer {
  const text = typeof encrypt === "string" ? encrypt.trim() : "";
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) {
    throw new MsgCryptError("bad_base64", "Encrypt is not valid base64");
  }
  const bytes = Buffer.from(text, "base64");
  // The AES layer needs whole 16-byte blocks; the smallest possible message (empty msg and appid) is 20
  // bytes of plaintext, i.e. one 32-byte block.
  if (bytes.length < BLOCK || bytes.length % 16 !== 0) {
    throw new MsgCryptError("bad_length", `ciphertext length ${bytes.length} is not a whole number of blocks`);
  }
  return bytes;
}

function decryptWithKey(
  ciphertext: Buffer,
  encodingAesKey: string,
  expectedAppid: string | undefined,
): { xml: string; appid: string } {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);

  // The official decoders treat a pad byte outside 1..32 as 0 and carry on; being strict here is what lets a
  // wrong key (during rotation) or a corrupted body be told apart from a real message.
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length) {
    throw new MsgCryptError("bad_padding", "invalid padding length");
  }
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new MsgCryptError("bad_padding", "inconsistent padding bytes");
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < HEADER_BYTES) {
    throw new MsgCryptError("bad_length", "plaintext shorter than its header");
  }
  const msgLength = content.readUInt32BE(RANDOM_BYTES);
  if (msgLength > content.length - HEADER_BYTES) {
    throw new MsgCryptError("bad_length", "declared message length exceeds the plaintext");
  }
  const xml = content.subarray(HEADER_BYTES, HEADER_BYTES + msgLength).toString("utf8");
  const appid = content.subarray(HEADER_BYTES + msgLength).toString("utf8");
  if (expectedAppid !== undefined && appid !== expectedAppid) {
    throw new MsgCryptError("appid_mismatch", "message was encrypted for another appid");
  }
  return { xml, appid };
}

/**
 * Tries each key in order (current, then previous: the platform keeps using the old key for a while after a
 * rotation). When every key fails, an appid mismatch wins over other errors because it means some key
 * decrypted the message correctly.
 */
export function decryptMessage(opts: {
  encodingAesKeys: string[];
  encrypt: string;
  expectedAppid?: string;
}): { xml: string; appid: string; keyIndex: number } {
  const keys = Array.isArray(opts.encodingAesKeys) ? opts.encodingAesKeys : [];
  if (keys.length === 0) throw new MsgCryptError("bad_key", "no EncodingAESKey configured");
  const ciphertext = decodeCiphertext(opts.encrypt);
  let first: MsgCryptError | undefined;
  let mismatch: MsgCryptError | undefined;
  for (const [keyIndex, k] of keys.entries()) {
    try {
      return { ...decryptWithKey(ciphertext, k, opts.expectedAppid), keyIndex };
    } catch (err) {
      const e = err instanceof MsgCryptError ? err : new MsgCryptError("bad_padding", "decryption failed");
      first ??= e;
      if (e.code === "appid_mismatch") mismatch ??= e;
    }
  }
  throw mismatch ?? first ?? new MsgCryptError("bad_key", "no usable EncodingAESKey");
}

function cdata(value: string): string {
  // "]]>" cannot appear inside one CDATA section: split it across two.
  return `<![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/**
 * The outer XML the platform POSTs. Pushes to the 消息与事件接收 URL carry <ToUserName> (the authorizer's gh_
 * id); pushes to the 授权事件接收 URL carry <AppId> (the component appid) instead. Both mirror a field of the
 * inner message, so the envelope is derived from it unless toUserName is given.
 */
export function buildEncryptedEnvelope(opts: {
  token: string;
  encodingAesKey: string;
  appid: string;
  xml: string;
  timestamp: string;
  nonce: string;
  toUserName?: string;
  random16?: Buffer;
}): { xml: string; msgSignature: string; encrypt: string } {
  const encrypt = encryptMessage({
    encodingAesKey: opts.encodingAesKey,
    appid: opts.appid,
    xml: opts.xml,
    random16: opts.random16,
  });
  const inner = parsePlainXml(opts.xml);
  const toUserName = opts.toUserName ?? (typeof inner.ToUserName === "string" ? inner.ToUserName : undefined);
  const appId = typeof inner.AppId === "string" ? inner.AppId : undefined;
  const head =
    toUserName !== undefined
      ? `<ToUserName>${cdata(toUserName)}</ToUserName>`
      : appId !== undefined
        ? `<AppId>${cdata(appId)}</AppId>`
        : "";
  return {
    xml: `<xml>${head}<Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
    msgSignature: signature(opts.token, opts.timestamp, opts.nonce, encrypt),
    encrypt,
  };
}

export type XmlValue = string | XmlValue[] | { [key: string]: XmlValue };

const parser = new XMLParser({
  ignoreAttributes: true,
  // AppIds, ticket strings and ids such as "1234567890123456789" must never become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five predefined XML entities can be decoded: DOCTYPE is rejected before parsing, so no
  // custom entity (and no expansion bomb) can ever be declared.
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: 32,
});

const DOCTYPE_PATTERN = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const MAX_XML_CHARS = 1_000_000;

function isRecord(value: unknown): value is Record<string, XmlValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses a (decrypted) push message and returns the children of its single root element, values as strings. */
export function parsePlainXml(xml: string): Record<string, XmlValue> {
  if (typeof xml !== "string" || xml.trim() === "" || xml.length > MAX_XML_CHARS) {
    throw new MsgCryptError("bad_xml", "empty or oversized XML");
  }
  if (DOCTYPE_PATTERN.test(xml)) {
    throw new MsgCryptError("bad_xml", "DOCTYPE and entity declarations are not accepted");
  }
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch {
    throw new MsgCryptError("bad_xml", "malformed XML");
  }
  if (!isRecord(doc)) throw new MsgCryptError("bad_xml", "malformed XML");
  const roots = Object.keys(doc);
  const root = roots.length === 1 ? doc[roots[0]!] : undefined;
  if (root === "") return {};
  if (!isRecord(root)) throw new MsgCryptError("bad_xml", "expected one root element with child elements");
  return root;
}

/** Reads the outer envelope of an encrypted push: <ToUserName> (message URL) or <AppId> (auth-event URL). */
export function parseEnvelope(body: string): { toUserName?: string; appId?: string; encrypt: string } {
  const fields = parsePlainXml(body);
  const { Encrypt: encrypt, ToUserName: toUserName, AppId: appId } = fields;
  if (typeof encrypt !== "string" || encrypt === "") {
    throw new MsgCryptError("bad_xml", "envelope has no Encrypt element");
  }
  return {
    ...(typeof toUserName === "string" ? { toUserName } : {}),
    ...(typeof appId === "string" ? { appId } : {}),
    encrypt,
  };
}
