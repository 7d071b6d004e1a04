import { describe, expect, it } from "vitest";
import { decryptMessage, encryptMessage, isValidEncodingAesKey, MsgCryptError, signature, verifySignature } from "./msg-crypt";
import { V1, V2, prng, randomKey, rawEncrypt, frame, errorCode } from "@/scripts/vitest/msg-crypt-vectors";

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
