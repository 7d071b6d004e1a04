/** Shared vectors and helpers of the WXBizMsgCrypt tests (reference §2.3). Test-only. */
import { MsgCryptError, type MsgCryptErrorCode } from "../../lib/platforms/wechat/msg-crypt";
import { createCipheriv } from "node:crypto";

// Reference §2.3 V1: the official message_push page example ("debug_demo" event).
export const V1 = {
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
export const V2 = {
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
export function prng(seed: number) {
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

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomKey(r: ReturnType<typeof prng>): string {
  return r.pick(ALNUM, 43);
}

/** Encrypts raw plaintext bytes exactly like the platform, without any padding or framing. */
export function rawEncrypt(key: string, plain: Buffer): string {
  const k = Buffer.from(`${key}=`, "base64");
  const cipher = createCipheriv("aes-256-cbc", k, k.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

export function frame(msg: string, appid: string, msgLength = Buffer.byteLength(msg)): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msgLength, 0);
  return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(msg), Buffer.from(appid)]);
}

export function errorCode(fn: () => unknown): MsgCryptErrorCode | "no error" | "foreign error" {
  try {
    fn();
    return "no error";
  } catch (err) {
    return err instanceof MsgCryptError ? err.code : "foreign error";
  }
}
