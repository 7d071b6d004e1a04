import { describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount } from "@/lib/db/schema";
import { MsgCryptError } from "@/lib/platforms/wechat/msg-crypt";
import { normalizePush } from "@/lib/platforms";
import { sealBaiduPush } from "@/lib/sandbox/baidu/push";
import { createBaiduPlatform } from "@/lib/sandbox/baidu/registry";
import { baiduPushBody, baiduSignature, sealBaiduMessage, type BaiduPushKeys } from "@/scripts/vitest/baidu-seal";
import { baiduPushEnvelope, baiduPushRefusal, BaiduPushRefused, openSignedBaiduPush, storedBaiduPushPayload, UNVERIFIED } from "./push";

/**
 * Baidu's push envelope: the signature, the decryption and the receiver (the platform's client_id) checked against a
 * vector computed from the documented scheme; forged, foreign and malformed pushes refused; each documented kind
 * comes out as the port's event.
 */

// Computed once from the documented scheme (scripts/vitest/baidu-seal.ts does the same independently).
const VECTOR = {
  token: "baidutoken",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  clientId: "baidu_client_1",
  random16: "0123456789abcdef",
  timestamp: "1715943329",
  nonce: "123456",
  message: JSON.stringify({ Ticket: "ticket-vector-1", FromUserName: "SmartAPP", CreateTime: "1715943329", MsgType: "ticket", Event: "push" }),
  encrypt:
    "Q3stYC6hdFzMh9T8HCvyDCKT03gol59dEOBYdaMo6i7ZLH1RuQgMBlPe1ZFljJEgl5LwiD2CMFBqOxDd5h0AzpBCo/9Zp7C3Dj60kC/J+9qRzCrSNPrd0DgX7i+qj0ogn9HwruaphY5tPW4DHzyea5Irinnk3G7UGcFhbmOlz9ysq9O3u24EU+IH0QDbd1wD9UuT5gqOIjXCj2qUSqxqug==",
  msgSignature: "3778089b6737f866f6712151e8cdb8dd6d49e075",
};
const AT_MS = Number(VECTOR.timestamp) * 1000;

async function baiduAccount(keys: BaiduPushKeys, platform: "baidu" | "wechat" = "baidu"): Promise<PlatformAccount> {
  const [row] = await db
    .insert(platformAccounts)
    .values({
      platform,
      name: `push ${keys.clientId}`,
      appId: keys.clientId,
      secretEnc: encryptSecret("secret"),
      tokenEnc: encryptSecret(keys.token),
      aesKeyEnc: encryptSecret(keys.encodingAesKey),
    })
    .returning();
  return row!;
}

const vectorBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ Nonce: VECTOR.nonce, TimeStamp: VECTOR.timestamp, Encrypt: VECTOR.encrypt, MsgSignature: VECTOR.msgSignature, ...over });

const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return baiduPushRefusal(error);
  }
  throw new Error("expected a refusal");
};

describe("the push vector from the documented scheme", () => {
  it("is what the scheme gives (seal and signature recomputed independently)", () => {
    expect(sealBaiduMessage(VECTOR, VECTOR.message, Buffer.from(VECTOR.random16))).toBe(VECTOR.encrypt);
    expect(baiduSignature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.msgSignature);
  });

  it("verifies, decrypts for the account's client_id and reads the ticket push", async () => {
    const account = await baiduAccount(VECTOR);
    const envelope = baiduPushEnvelope(vectorBody(), AT_MS);
    const opened = openSignedBaiduPush(account, envelope);
    expect(opened.kind).toBe("ticket");
    expect(opened.fields).toEqual({ Ticket: "ticket-vector-1", FromUserName: "SmartAPP", CreateTime: "1715943329", MsgType: "ticket", Event: "push" });
    expect(normalizePush(account, { kind: opened.kind, authorizerAppid: null, rawBody: vectorBody() }, opened.fields)).toEqual({
      type: "ticket",
      ticket: "ticket-vector-1",
      createdAt: new Date(AT_MS),
    });
    // A retry re-derives the fields from the stored (still encrypted) body; the stored payload has the ticket redacted.
    expect(normalizePush(account, { kind: "ticket", authorizerAppid: null, rawBody: vectorBody() })).toMatchObject({ type: "ticket", ticket: "ticket-vector-1" });
    expect(JSON.stringify(storedBaiduPushPayload(opened.parsed))).not.toContain("ticket-vector-1");
  });
});

describe("refusals", () => {
  it("refuses a forged signature, an unknown account, a WeChat account and an account without keys with the same answer", async () => {
    const account = await baiduAccount({ ...VECTOR, clientId: "baidu_client_forged" });
    const forged = baiduPushEnvelope(vectorBody({ MsgSignature: "0".repeat(40) }), AT_MS);
    expect(refusalOf(() => openSignedBaiduPush(account, forged))).toEqual({ answer: UNVERIFIED, reason: "signature mismatch" });
    const good = baiduPushEnvelope(vectorBody(), AT_MS);
    expect(refusalOf(() => openSignedBaiduPush(undefined, good))?.answer).toBe(UNVERIFIED);
    const wechat = await baiduAccount({ ...VECTOR, clientId: "wx_same_keys" }, "wechat");
    expect(refusalOf(() => openSignedBaiduPush(wechat, good))?.answer).toBe(UNVERIFIED);
    expect(refusalOf(() => openSignedBaiduPush({ ...account, aesKeyEnc: null }, good))?.answer).toBe(UNVERIFIED);
    // A tampered Encrypt breaks the signature too.
    const tampered = baiduPushEnvelope(vectorBody({ Encrypt: VECTOR.encrypt.replace("Q3st", "Q3su") }), AT_MS);
    expect(refusalOf(() => openSignedBaiduPush(account, tampered))?.answer).toBe(UNVERIFIED);
  });

  it("refuses a push sealed for another client_id even when signed with the account's token", async () => {
    const keys = { ...VECTOR, clientId: "baidu_client_receiver" };
    const account = await baiduAccount(keys);
    const body = baiduPushBody({ ...keys, clientId: "someone_else" }, { MsgType: "ticket", Ticket: "t" }, Math.floor(AT_MS / 1000));
    expect(() => openSignedBaiduPush(account, baiduPushEnvelope(body, AT_MS))).toThrow(MsgCryptError);
    expect(refusalOf(() => openSignedBaiduPush(account, baiduPushEnvelope(body, AT_MS)))?.answer).toMatch(/another appid/);
  });

  it("refuses malformed envelopes and stale timestamps before any key is used", () => {
    for (const body of ["not json", "[]", "null", JSON.stringify({ Nonce: "1", TimeStamp: VECTOR.timestamp, Encrypt: "x" }), vectorBody({ MsgSignature: "xyz" }), vectorBody({ Nonce: "a b" }), vectorBody({ TimeStamp: "soon" })]) {
      expect(() => baiduPushEnvelope(body, AT_MS), body).toThrow(BaiduPushRefused);
    }
    expect(() => baiduPushEnvelope(vectorBody(), AT_MS + 301_000)).toThrow(/stale/);
    expect(() => baiduPushEnvelope(vectorBody(), AT_MS - 301_000)).toThrow(/stale/);
    // TimeStamp as a number is the same push.
    expect(baiduPushEnvelope(vectorBody({ TimeStamp: Number(VECTOR.timestamp) }), AT_MS).timestamp).toBe(VECTOR.timestamp);
  });

  it("refuses a decrypted message that is not a JSON object, or has neither event nor MsgType", async () => {
    const keys = { ...VECTOR, clientId: "baidu_client_bad_inner" };
    const account = await baiduAccount(keys);
    const at = Math.floor(AT_MS / 1000);
    for (const message of ["<xml><a>1</a></xml>", "[1,2]", JSON.stringify({ appId: 1 })]) {
      const envelope = baiduPushEnvelope(baiduPushBody(keys, message, at), AT_MS);
      expect(() => openSignedBaiduPush(account, envelope), message).toThrow(BaiduPushRefused);
    }
  });
});

describe("the documented pushes as platform events", () => {
  it("maps authorization changes and audit results (appId kept as its digits, Beijing times)", async () => {
    const keys = { ...VECTOR, clientId: "baidu_client_events" };
    const account = await baiduAccount(keys);
    const at = Math.floor(AT_MS / 1000);
    const event = (message: Record<string, unknown>) => {
      const body = baiduPushBody(keys, message, at);
      const opened = openSignedBaiduPush(account, baiduPushEnvelope(body, AT_MS));
      return normalizePush(account, { kind: opened.kind, authorizerAppid: null, rawBody: body }, opened.fields);
    };
    const base = { appId: 1452365, tpAppId: 17328232, eventTime: "2019-01-14 12:45:10" };
    expect(event({ ...base, event: "AUTHORIZED", authorizationCode: "code-1", authorizationCodeExpiresIn: 60 })).toEqual({
      type: "authorized",
      authorizerAppid: "1452365",
      authorizationCode: "code-1",
      change: "authorized",
    });
    expect(event({ ...base, event: "UPDATE_AUTHORIZED", authorizationCode: "code-2" })).toMatchObject({ type: "authorized", change: "updated", authorizationCode: "code-2" });
    expect(event({ ...base, event: "UNAUTHORIZED" })).toEqual({ type: "unauthorized", authorizerAppid: "1452365" });
    expect(event({ ...base, event: "PACKAGE_AUDIT_PASS" })).toEqual({
      type: "audit",
      authorizerAppid: "1452365",
      state: "approved",
      reason: null,
      screenshots: [],
      at: new Date("2019-01-14T04:45:10Z"),
    });
    expect(event({ ...base, event: "PACKAGE_AUDIT_FAIL", reason: "名称过长" })).toMatchObject({ type: "audit", state: "rejected", reason: "名称过长" });
    expect(event({ ...base, event: "SOMETHING_NEW" })).toEqual({ type: "ignored", kind: "SOMETHING_NEW" });
    expect(() => event({ event: "PACKAGE_AUDIT_PASS" })).toThrow(/appId/);
  });
});

describe("pushes sealed by the emulator", () => {
  it("are opened for the account mirroring the emulated platform, and one sealed for another platform is not", async () => {
    const platform = await createBaiduPlatform();
    const account = await baiduAccount({ token: platform.token, encodingAesKey: platform.encodingAesKey, clientId: platform.clientId });
    const body = sealBaiduPush(platform, { appId: 1452365, tpAppId: platform.tpAppId, eventTime: "2019-01-14 12:45:10", event: "PACKAGE_AUDIT_FAIL", reason: "r" });
    const opened = openSignedBaiduPush(account, baiduPushEnvelope(body, Date.now()));
    expect(normalizePush(account, { kind: opened.kind, authorizerAppid: null, rawBody: body }, opened.fields)).toMatchObject({ type: "audit", state: "rejected", reason: "r", authorizerAppid: "1452365" });
    const other = await createBaiduPlatform();
    const foreign = sealBaiduPush(other, { event: "UNAUTHORIZED", appId: 1 });
    expect(refusalOf(() => openSignedBaiduPush(account, baiduPushEnvelope(foreign, Date.now())))?.answer).toBe(UNVERIFIED);
  });
});
