import { describe, expect, it } from "vitest";
import { buildEncryptedEnvelope, decryptMessage, encryptMessage, isValidEncodingAesKey, parseEnvelope, parsePlainXml, verifySignature } from "./msg-crypt";
import { V1, V2, prng, ALNUM, randomKey, errorCode } from "@/scripts/vitest/msg-crypt-vectors";

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
