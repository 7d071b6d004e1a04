import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildEncryptedEnvelope,
  decryptMessage,
  encryptMessage,
  isValidEncodingAesKey,
  MsgCryptError,
  type MsgCryptErrorCode,
  parseEnvelope,
  parsePlainXml,
  signature,
  verifySignature,
} from "./msg-crypt";

// Reference §2.3 V1: the official message_push page example ("debug_demo" event).
const V1 = {
  token: "AAAAA",
  key: "A".repeat(43),
  appid: "wx134c8103faa5a59e",
  timestamp: "1715943329",
  nonce: "1590219412",
  msgSignature: "6c12a4205838198b8fa631b3220723bb07f1015c",
  random: "1205899eaf019bbd",
  encrypt:
    "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==",
  msg:
    "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>",
  reply: {
    random: "999951349e8ee746",
    msg: "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>",
    timestamp: "1713424427",
    nonce: "415670741",
    encrypt:
      "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7",
    msgSignature: "03e0812039325c2712ef5f0f980fd14c70d6e307",
  },
};

// Reference §2.3 V2: WxJava WxCryptUtilTest (same vector as the official Java sample).
const V2 = {
  token: "pamtest",
  key: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  appid: "wxb11529c136998cb6",
  random: "aaaabbbbccccdddd",
  msg: "我是中文abcd123",
  encrypt: "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==",
  timestamp: "1409304348",
  nonce: "xxxxxx",
  msgSignature: "82c962d39941aa48552f90ef55aa323dc620cc10",
};

/** Deterministic PRNG (mulberry32) so the fuzz loops are reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[int(chars.length)]).join("");
  return { next, int, bytes, pick };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomKey(r: ReturnType<typeof prng>): string {
  return r.pick(ALNUM, 43);
}

/** Encrypts raw plaintext bytes exactly like the platform, without any padding or framing. */
function rawEncrypt(key: string, plain: Buffer): string {
  const k = Buffer.from(`${key}=`, "base64");
  const cipher = createCipheriv("aes-256-cbc", k, k.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

function frame(msg: string, appid: string, msgLength = Buffer.byteLength(msg)): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msgLength, 0);
  return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(msg), Buffer.from(appid)]);
}

function errorCode(fn: () => unknown): MsgCryptErrorCode | "no error" | "foreign error" {
  try {
    fn();
    return "no error";
  } catch (err) {
    return err instanceof MsgCryptError ? err.code : "foreign error";
  }
}

describe("msg_signature", () => {
  it("matches the official V1 push and reply signatures", () => {
    expect(signature(V1.token, V1.timestamp, V1.nonce, V1.encrypt)).toBe(V1.msgSignature);
    expect(signature(V1.token, V1.reply.timestamp, V1.reply.nonce, V1.reply.encrypt)).toBe(V1.reply.msgSignature);
  });

  it("matches the V2 signature and does not depend on argument order", () => {
    expect(signature(V2.token, V2.timestamp, V2.nonce, V2.encrypt)).toBe(V2.msgSignature);
    expect(signature(V2.encrypt, V2.nonce, V2.timestamp, V2.token)).toBe(V2.msgSignature);
  });

  it("verifies a received signature in constant time and rejects wrong or truncated ones", () => {
    expect(verifySignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt, V1.msgSignature)).toBe(true);
    expect(verifySignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt, V1.msgSignature.toUpperCase())).toBe(true);
    expect(verifySignature(V1.token, "1715943330", V1.nonce, V1.encrypt, V1.msgSignature)).toBe(false);
    expect(verifySignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt, V1.msgSignature.slice(0, 39))).toBe(false);
    expect(verifySignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt, "")).toBe(false);
  });
});

describe("decryptMessage / encryptMessage with the reference vectors", () => {
  it("decrypts the official V1 push to the documented message and component appid", () => {
    const out = decryptMessage({ encodingAesKeys: [V1.key], encrypt: V1.encrypt, expectedAppid: V1.appid });
    expect(out).toEqual({ xml: V1.msg, appid: V1.appid, keyIndex: 0 });
    expect(Buffer.from(V1.encrypt, "base64")).toHaveLength(352);
    expect(Buffer.byteLength(out.xml)).toBe(292);
  });

  it("re-encrypts V1 byte for byte with the documented random prefix", () => {
    const encrypt = encryptMessage({ encodingAesKey: V1.key, appid: V1.appid, xml: V1.msg, random16: Buffer.from(V1.random) });
    expect(encrypt).toBe(V1.encrypt);
  });

  it("produces the documented V1 reply ciphertext", () => {
    const encrypt = encryptMessage({
      encodingAesKey: V1.key,
      appid: V1.appid,
      xml: V1.reply.msg,
      random16: Buffer.from(V1.reply.random),
    });
    expect(encrypt).toBe(V1.reply.encrypt);
    expect(Buffer.from(encrypt, "base64")).toHaveLength(96);
  });

  it("produces the V2 ciphertext for Chinese text and decrypts it back", () => {
    const encrypt = encryptMessage({ encodingAesKey: V2.key, appid: V2.appid, xml: V2.msg, random16: Buffer.from(V2.random) });
    expect(encrypt).toBe(V2.encrypt);
    expect(decryptMessage({ encodingAesKeys: [V2.key], encrypt: V2.encrypt, expectedAppid: V2.appid })).toEqual({
      xml: V2.msg,
      appid: V2.appid,
      keyIndex: 0,
    });
  });

  it("accepts a key whose last character carries non-zero trailing bits (V2's 'G')", () => {
    expect(isValidEncodingAesKey(V2.key)).toBe(true);
  });
});

describe("round trips", () => {
  it("round-trips Chinese, emoji and markup of every length across a full pad cycle", () => {
    const r = prng(1);
    const key = randomKey(r);
    for (let n = 0; n <= 70; n++) {
      const xml = `<xml><Reason><![CDATA[${"审核不通过：😀<br>".repeat(n % 5)}${"x".repeat(n)}]]></Reason></xml>`;
      const encrypt = encryptMessage({ encodingAesKey: key, appid: "wxcomponent0001", xml });
      expect(Buffer.from(encrypt, "base64").length % 32).toBe(0);
      expect(decryptMessage({ encodingAesKeys: [key], encrypt, expectedAppid: "wxcomponent0001" }).xml).toBe(xml);
    }
  });

  it("pads a body that is already a multiple of 32 with a whole block", () => {
    const key = "B".repeat(43);
    // 16 random + 4 length + 8 msg + 4 appid = 32 bytes of body.
    const encrypt = encryptMessage({ encodingAesKey: key, appid: "wx01", xml: "12345678" });
    expect(Buffer.from(encrypt, "base64")).toHaveLength(64);
    expect(decryptMessage({ encodingAesKeys: [key], encrypt }).xml).toBe("12345678");
  });

  it("uses a fresh random prefix by default", () => {
    const a = encryptMessage({ encodingAesKey: V1.key, appid: V1.appid, xml: "<xml/>" });
    const b = encryptMessage({ encodingAesKey: V1.key, appid: V1.appid, xml: "<xml/>" });
    expect(a).not.toBe(b);
  });

  it("returns the embedded appid when none is expected (Baidu uses the client_id here)", () => {
    const encrypt = encryptMessage({ encodingAesKey: V1.key, appid: "baidu-client-id", xml: '{"Ticket":"t"}' });
    expect(decryptMessage({ encodingAesKeys: [V1.key], encrypt })).toEqual({
      xml: '{"Ticket":"t"}',
      appid: "baidu-client-id",
      keyIndex: 0,
    });
  });
});

describe("EncodingAESKey rotation", () => {
  const r = prng(2);
  const current = randomKey(r);
  const previous = randomKey(r);
  const stranger = randomKey(r);

  it("decrypts with the current key and reports index 0", () => {
    const encrypt = encryptMessage({ encodingAesKey: current, appid: V1.appid, xml: "<xml><a>1</a></xml>" });
    expect(decryptMessage({ encodingAesKeys: [current, previous], encrypt, expectedAppid: V1.appid }).keyIndex).toBe(0);
  });

  it("falls back to the previous key and reports index 1, so the reply can use the same key", () => {
    const encrypt = encryptMessage({ encodingAesKey: previous, appid: V1.appid, xml: "<xml><a>旧</a></xml>" });
    const out = decryptMessage({ encodingAesKeys: [current, previous], encrypt, expectedAppid: V1.appid });
    expect(out).toEqual({ xml: "<xml><a>旧</a></xml>", appid: V1.appid, keyIndex: 1 });
  });

  it("still decrypts with the previous key when the current one is misconfigured", () => {
    const encrypt = encryptMessage({ encodingAesKey: previous, appid: V1.appid, xml: "<xml/>" });
    expect(decryptMessage({ encodingAesKeys: ["too-short", previous], encrypt }).keyIndex).toBe(1);
  });

  it("rejects a message encrypted under a key it does not know", () => {
    const encrypt = encryptMessage({ encodingAesKey: stranger, appid: V1.appid, xml: "<xml/>" });
    const code = errorCode(() => decryptMessage({ encodingAesKeys: [current, previous], encrypt, expectedAppid: V1.appid }));
    expect(["bad_padding", "bad_length", "appid_mismatch"]).toContain(code);
  });

  it("refuses to work without a usable key", () => {
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [], encrypt: V1.encrypt }))).toBe("bad_key");
    expect(errorCode(() => decryptMessage({ encodingAesKeys: ["x".repeat(43) + "!"], encrypt: V1.encrypt }))).toBe("bad_key");
    expect(errorCode(() => encryptMessage({ encodingAesKey: "short", appid: "a", xml: "b" }))).toBe("bad_key");
  });
});

describe("validation of decrypted content", () => {
  it("rejects a message encrypted for another appid", () => {
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: V1.encrypt, expectedAppid: "wxother" }))).toBe(
      "appid_mismatch",
    );
  });

  it("reports the appid mismatch even when an earlier key failed differently", () => {
    expect(
      errorCode(() => decryptMessage({ encodingAesKeys: ["C".repeat(43), V1.key], encrypt: V1.encrypt, expectedAppid: "wxother" })),
    ).toBe("appid_mismatch");
  });

  it("detects a flipped pad byte in the ciphertext as bad padding", () => {
    const bytes = Buffer.from(V1.encrypt, "base64");
    // In CBC, flipping a bit of block n-1 flips the same bit of plaintext block n: here the last pad byte.
    bytes[bytes.length - 17] = bytes[bytes.length - 17]! ^ 0x01;
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: bytes.toString("base64") }))).toBe("bad_padding");
  });

  it("never yields the original message from a tampered body, and the signature catches every tampering", () => {
    const r = prng(3);
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(V1.encrypt, "base64");
      const at = r.int(bytes.length);
      bytes[at] = bytes[at]! ^ (1 + r.int(255));
      const tampered = bytes.toString("base64");
      expect(verifySignature(V1.token, V1.timestamp, V1.nonce, tampered, V1.msgSignature)).toBe(false);
      try {
        const out = decryptMessage({ encodingAesKeys: [V1.key], encrypt: tampered, expectedAppid: V1.appid });
        // CBC has no MAC: a flip in a middle block can still decrypt, but never to the original message.
        expect(out.xml).not.toBe(V1.msg);
      } catch (err) {
        expect(err).toBeInstanceOf(MsgCryptError);
      }
    }
  });

  it.each([
    ["a zero pad byte", 0],
    ["a pad byte above 32", 33],
    ["a pad byte of 255", 255],
  ])("rejects %s", (_label, pad) => {
    const body = frame("<xml/>", "wx01");
    const plain = Buffer.concat([body, Buffer.alloc(64 - body.length, 5)]);
    plain[plain.length - 1] = pad;
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: rawEncrypt(V1.key, plain) }))).toBe("bad_padding");
  });

  it("rejects padding whose bytes disagree", () => {
    const body = frame("<xml/>", "wx01"); // 30 bytes
    const plain = Buffer.concat([body, Buffer.from([2, 3])]); // claims 3 bytes of padding, only one is 3
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: rawEncrypt(V1.key, plain) }))).toBe("bad_padding");
  });

  it("rejects a declared message length longer than the plaintext", () => {
    const body = frame("<xml/>", "wx01", 4096);
    const pad = 32 - (body.length % 32);
    const plain = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: rawEncrypt(V1.key, plain) }))).toBe("bad_length");
  });

  it("rejects a plaintext too short to hold the random prefix and length", () => {
    const plain = Buffer.concat([Buffer.alloc(10, 1), Buffer.alloc(22, 22)]);
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt: rawEncrypt(V1.key, plain) }))).toBe("bad_length");
  });
});

describe("garbage input", () => {
  it.each([
    ["an empty string", "", "bad_base64"],
    ["whitespace", "   ", "bad_base64"],
    ["non-base64 characters", "!!!!", "bad_base64"],
    ["base64 without its padding", V1.encrypt.slice(0, -2), "bad_base64"],
    ["base64 cut mid-quantum", V1.encrypt.slice(0, 101), "bad_base64"],
    ["base64 with a stray character", `${V1.encrypt.slice(0, 20)}*${V1.encrypt.slice(21)}`, "bad_base64"],
    ["a short valid base64", "YWJj", "bad_length"],
    ["a ciphertext that is not whole AES blocks", Buffer.alloc(40, 1).toString("base64"), "bad_length"],
    ["a single AES block", Buffer.alloc(16, 1).toString("base64"), "bad_length"],
    ["a truncated ciphertext", V1.encrypt.slice(0, 100), "bad_length"],
  ])("rejects %s", (_label, encrypt, code) => {
    expect(errorCode(() => decryptMessage({ encodingAesKeys: [V1.key], encrypt }))).toBe(code);
  });

  it("tolerates non-string input from untyped callers", () => {
    const loose = decryptMessage as (opts: unknown) => unknown;
    expect(errorCode(() => loose({ encodingAesKeys: [V1.key], encrypt: undefined }))).toBe("bad_base64");
    expect(errorCode(() => loose({ encodingAesKeys: undefined, encrypt: V1.encrypt }))).toBe("bad_key");
  });

  it("throws only MsgCryptError for hundreds of random inputs", () => {
    const r = prng(4);
    const alphabets = [ALNUM + "+/=", ALNUM + "+/=!@#$%^&*() \n<>中文", "=", "A"];
    const keys = [V1.key, randomKey(r)];
    for (let i = 0; i < 400; i++) {
      let encrypt: string;
      switch (i % 4) {
        case 0:
          encrypt = r.pick(alphabets[r.int(alphabets.length)]!, r.int(200));
          break;
        case 1: // well-formed base64 of random bytes, often whole AES blocks
          encrypt = r.bytes(16 * r.int(12) + (r.next() < 0.7 ? 0 : r.int(16))).toString("base64");
          break;
        case 2: // the real vector truncated or extended
          encrypt = V1.encrypt.slice(0, r.int(V1.encrypt.length)) + r.pick(ALNUM, r.int(8));
          break;
        default: // random whole blocks under random keys with an expected appid
          encrypt = r.bytes(32 * (1 + r.int(6))).toString("base64");
      }
      const code = errorCode(() => decryptMessage({ encodingAesKeys: keys, encrypt, expectedAppid: V1.appid }));
      expect(code, `input #${i}: ${JSON.stringify(encrypt)}`).not.toBe("foreign error");
      expect(code, `input #${i}: ${JSON.stringify(encrypt)}`).not.toBe("no error");
    }
  });
});

describe("parsePlainXml", () => {
  it("parses the decrypted V1 message with every value as a string", () => {
    expect(parsePlainXml(V1.msg)).toEqual({
      ToUserName: "gh_97417a04a28d",
      FromUserName: "o9AgO5Kd5ggOC-bXrbNODIiE3bGY",
      CreateTime: "1715943329",
      MsgType: "event",
      Event: "debug_demo",
      debug_str: "hello world",
    });
  });

  it("keeps number-like values verbatim (appids, tickets, leading zeros, exponents, hex)", () => {
    const out = parsePlainXml(
      "<xml><AppId>1234567890123456789</AppId><A>00123</A><B>1e5</B><C>0x1A</C><D>-0</D><E><![CDATA[007]]></E></xml>",
    );
    expect(out).toEqual({ AppId: "1234567890123456789", A: "00123", B: "1e5", C: "0x1A", D: "-0", E: "007" });
  });

  it("handles CDATA with markup, the predefined entities, empty and repeated elements", () => {
    const out = parsePlainXml(
      "<?xml version=\"1.0\"?><xml><Reason><![CDATA[1:账号信息不符合规范:<br>(1):包含色情因素<br>]]></Reason>" +
        "<T>a &amp; b &lt;c&gt;</T><Empty></Empty><Self/><L><I>1</I><I>2</I></L></xml>",
    );
    expect(out).toEqual({
      Reason: "1:账号信息不符合规范:<br>(1):包含色情因素<br>",
      T: "a & b <c>",
      Empty: "",
      Self: "",
      L: { I: ["1", "2"] },
    });
  });

  it("returns an empty record for an empty root", () => {
    expect(parsePlainXml("<xml></xml>")).toEqual({});
    expect(parsePlainXml("<xml/>")).toEqual({});
  });

  it.each([
    ["an empty string", ""],
    ["plain text", "success"],
    ["an unclosed root", "<xml><a>1</a>"],
    ["mismatched tags", "<xml><a>1</b></xml>"],
    ["an unclosed CDATA", "<xml><a><![CDATA[x</a></xml>"],
    ["two roots", "<a>1</a><b>2</b>"],
    ["a text-only root", "<xml>hello</xml>"],
    ["JSON", '{"xml":{"a":1}}'],
    ["a DOCTYPE with an entity", '<!DOCTYPE xml [<!ENTITY e "x">]><xml><a>&e;</a></xml>'],
    [
      "an entity-expansion bomb",
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><xml><a>&lol2;</a></xml>',
    ],
    ["an external entity", '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><a>&xxe;</a></xml>'],
    ["a lowercase doctype", "<!doctype xml><xml><a>1</a></xml>"],
    ["absurd nesting", `${"<a>".repeat(200)}x${"</a>".repeat(200)}`],
  ])("rejects %s with bad_xml", (_label, xml) => {
    expect(errorCode(() => parsePlainXml(xml))).toBe("bad_xml");
  });

  it("only ever throws bad_xml for random mutations of a valid message", () => {
    const r = prng(5);
    const noise = "<>/![]CDATA&;\"'= xml中\n";
    for (let i = 0; i < 300; i++) {
      let xml = V1.msg;
      const edits = 1 + r.int(4);
      for (let e = 0; e < edits; e++) {
        const at = r.int(xml.length + 1);
        xml = r.next() < 0.5 ? xml.slice(0, at) + r.pick(noise, 1 + r.int(3)) + xml.slice(at) : xml.slice(0, at) + xml.slice(at + 1 + r.int(5));
      }
      const code = errorCode(() => parsePlainXml(xml));
      expect(["no error", "bad_xml"], `mutation #${i}: ${JSON.stringify(xml)}`).toContain(code);
    }
  });
});

describe("parseEnvelope", () => {
  it("reads a message-URL envelope (ToUserName)", () => {
    const body = `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${V1.encrypt}]]></Encrypt></xml>`;
    expect(parseEnvelope(body)).toEqual({ toUserName: "gh_97417a04a28d", encrypt: V1.encrypt });
  });

  it("reads an auth-event-URL envelope (AppId instead of ToUserName)", () => {
    const body = `<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><Encrypt><![CDATA[${V1.encrypt}]]></Encrypt></xml>`;
    expect(parseEnvelope(body)).toEqual({ appId: "wx134c8103faa5a59e", encrypt: V1.encrypt });
  });

  it.each([
    ["a missing Encrypt", "<xml><ToUserName>gh_1</ToUserName></xml>"],
    ["an empty Encrypt", "<xml><Encrypt><![CDATA[]]></Encrypt></xml>"],
    ["a nested Encrypt", "<xml><Encrypt><a>1</a></Encrypt></xml>"],
    ["a plain 'success' body", "success"],
    ["a truncated envelope", `<xml><Encrypt><![CDATA[${V1.encrypt.slice(0, 30)}`],
  ])("rejects %s with bad_xml", (_label, body) => {
    expect(errorCode(() => parseEnvelope(body))).toBe("bad_xml");
  });

  it("only ever throws bad_xml for random strings", () => {
    const r = prng(6);
    for (let i = 0; i < 300; i++) {
      const body = r.pick("<xml>/</Encrypt>![CDATA[]]AppId ab=&;\n中", r.int(120));
      const code = errorCode(() => parseEnvelope(body));
      expect(["no error", "bad_xml"], JSON.stringify(body)).toContain(code);
    }
  });
});

describe("buildEncryptedEnvelope", () => {
  it("reproduces the official V1 push: same Encrypt, msg_signature and ToUserName", () => {
    const out = buildEncryptedEnvelope({
      token: V1.token,
      encodingAesKey: V1.key,
      appid: V1.appid,
      xml: V1.msg,
      timestamp: V1.timestamp,
      nonce: V1.nonce,
      random16: Buffer.from(V1.random),
    });
    expect(out.encrypt).toBe(V1.encrypt);
    expect(out.msgSignature).toBe(V1.msgSignature);
    expect(out.xml).toBe(`<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${V1.encrypt}]]></Encrypt></xml>`);
  });

  it("uses <AppId> for auth-event pushes such as component_verify_ticket", () => {
    const ticket =
      "<xml><AppId>wxcomponent</AppId><CreateTime>1413192605</CreateTime><InfoType>component_verify_ticket</InfoType>" +
      "<ComponentVerifyTicket>ticket@@@abc</ComponentVerifyTicket></xml>";
    const out = buildEncryptedEnvelope({ token: "t", encodingAesKey: V1.key, appid: "wxcomponent", xml: ticket, timestamp: "1", nonce: "2" });
    expect(out.xml.startsWith("<xml><AppId><![CDATA[wxcomponent]]></AppId><Encrypt>")).toBe(true);
    expect(parseEnvelope(out.xml)).toEqual({ appId: "wxcomponent", encrypt: out.encrypt });
  });

  it("round-trips through parse, signature check and decryption, including an awkward ToUserName", () => {
    const xml = "<xml><Event><![CDATA[weapp_audit_fail]]></Event><Reason><![CDATA[名称不符]]></Reason></xml>";
    const out = buildEncryptedEnvelope({
      token: "tok",
      encodingAesKey: V2.key,
      appid: V2.appid,
      xml,
      timestamp: "1700000000",
      nonce: "42",
      toUserName: "gh_]]>odd",
    });
    const envelope = parseEnvelope(out.xml);
    expect(envelope.toUserName).toBe("gh_]]>odd");
    expect(verifySignature("tok", "1700000000", "42", envelope.encrypt, out.msgSignature)).toBe(true);
    const plain = decryptMessage({ encodingAesKeys: [V2.key], encrypt: envelope.encrypt, expectedAppid: V2.appid });
    expect(parsePlainXml(plain.xml)).toEqual({ Event: "weapp_audit_fail", Reason: "名称不符" });
  });

  it("refuses to wrap a message that is not XML", () => {
    expect(
      errorCode(() => buildEncryptedEnvelope({ token: "t", encodingAesKey: V1.key, appid: "a", xml: "<xml>", timestamp: "1", nonce: "2" })),
    ).toBe("bad_xml");
  });
});

describe("isValidEncodingAesKey and encryptMessage arguments", () => {
  it.each([
    ["43 letters", "A".repeat(43), true],
    ["the V2 key", V2.key, true],
    ["42 characters", "A".repeat(42), false],
    ["44 characters", "A".repeat(44), false],
    ["a '+' character", `${"A".repeat(42)}+`, false],
    ["a trailing '='", `${"A".repeat(42)}=`, false],
    ["an empty string", "", false],
  ])("%s → %s", (_label, key, valid) => {
    expect(isValidEncodingAesKey(key)).toBe(valid);
  });

  it("requires exactly 16 random bytes", () => {
    expect(errorCode(() => encryptMessage({ encodingAesKey: V1.key, appid: "a", xml: "b", random16: Buffer.alloc(15) }))).toBe("bad_length");
  });
});
