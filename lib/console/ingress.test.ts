import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { inboundEvents, operations, platformAccounts } from "@/lib/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { eventXml, pushEncrypt, sealPush } from "@/lib/sandbox/push-crypto";
import { UNVERIFIED, receivePush } from "./ingress";
import { account, alnum, authPath, expectRefused, hex, post, run, settle, signed, state, tenantOf, ticketPush } from "@/scripts/vitest/ingress";

/**
 * The receiver is driven with requests built by the sandbox's own encoder (written apart from the console's
 * decoder) and with the reference's test vectors (§2.3). Every refusal is checked to change nothing.
 * ingress-guards.test.ts covers who a push may name (ToUserName), ticket order and what refusals reveal.
 */

describe("accepted pushes", () => {
  it("stores a verify ticket encrypted, answers `success`, and processes it after the response", async () => {
    const a = await account();
    const push = ticketPush(a);
    const res = await receivePush(post(authPath(a), push.query, push.body), { componentAppid: a.appId }, run);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("success");

    const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id));
    expect(row).toMatchObject({ kind: "component_verify_ticket", rawBody: push.body, authorizerAppid: null, processedAt: null });
    expect(row!.payload).toEqual({ AppId: a.appId, CreateTime: expect.any(String), InfoType: "component_verify_ticket", ComponentVerifyTicket: "[redacted]" });
    expect(JSON.stringify(row)).not.toContain(push.ticket);

    await settle();
    const [acc] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(acc!.verifyTicketEnc).not.toContain(push.ticket);
    expect(decryptSecret(acc!.verifyTicketEnc!)).toBe(push.ticket);
    const [done] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, row!.id));
    expect(done!.processedAt).toBeInstanceOf(Date);
    expect(done!.error).toBeNull();
    const history = await db.select().from(operations).where(eq(operations.action, "push.component_verify_ticket"));
    expect(history).toHaveLength(1);
    expect(history[0]!.ok).toBe(true);
    expect(JSON.stringify(history)).not.toContain(push.ticket);
  });

  it("never stores an authorization code or pre-auth code in clear", async () => {
    const a = await account();
    const code = `queryauthcode@@@${hex(16)}`;
    const xml = eventXml({
      AppId: a.appId,
      CreateTime: Math.floor(Date.now() / 1000),
      InfoType: "authorized",
      AuthorizerAppid: "wx00000000000000aa",
      AuthorizationCode: code,
      AuthorizationCodeExpiredTime: 1_700_000_000,
      PreAuthCode: "preauthcode@@@secret",
    });
    const push = sealPush({ token: a.token, encodingAesKey: a.aesKey, componentAppid: a.appId, outerTag: "AppId", outerValue: a.appId, xml });
    // Not processed here (that needs the platform; lib/console/events.test.ts does it): only what is stored counts.
    const res = await receivePush(post(authPath(a), push.query, push.body), { componentAppid: a.appId }, { schedule: () => {} });
    expect(await res.text()).toBe("success");
    const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id));
    expect(row!.payload).toMatchObject({ AuthorizationCode: "[redacted]", PreAuthCode: "[redacted]", AuthorizerAppid: "wx00000000000000aa", AuthorizationCodeExpiredTime: "1700000000" });
    expect(row!.authorizerAppid).toBe("wx00000000000000aa");
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain("preauthcode@@@secret");
  });

  it("accepts a push encrypted with the previous EncodingAESKey, not with any other", async () => {
    const previous = alnum(43);
    const a = await account({ previousAesKey: previous });
    const old = ticketPush({ ...a, aesKey: previous });
    const res = await receivePush(post(authPath(a), old.query, old.body), { componentAppid: a.appId }, run);
    expect(await res.text()).toBe("success");
    await settle();
    const [acc] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(decryptSecret(acc!.verifyTicketEnc!)).toBe(old.ticket);

    const stranger = ticketPush({ ...a, aesKey: alnum(43) });
    await expectRefused(a.id, post(authPath(a), stranger.query, stranger.body), { componentAppid: a.appId });
  });

  it("reference vector V1: the official debug_demo push is accepted at its own time, refused as stale now", async () => {
    const encrypt =
      "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
    const a = await account({ appId: "wx134c8103faa5a59e", token: "AAAAA", aesKey: "A".repeat(43) });
    const query =
      "signature=cc0c594499c1634947d5b502f158ee518947db27&timestamp=1715943329&nonce=1590219412&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=6c12a4205838198b8fa631b3220723bb07f1015c";
    const body = `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const path = `/api/wechat/${a.appId}/events/wxba5fad812f8e6fb9`;
    const target = { componentAppid: a.appId, authorizerAppid: "wxba5fad812f8e6fb9" };
    // The message names its mini-program by gh_ id: only a known tenant with that original id may receive it.
    await tenantOf(a.id, "wxba5fad812f8e6fb9", "gh_97417a04a28d");

    await expectRefused(a.id, post(path, query, body), target, /stale/);
    const res = await receivePush(post(path, query, body), target, { ...run, now: () => 1715943329_000 + 60_000 });
    expect(await res.text()).toBe("success");
    await settle();
    const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id));
    expect(row).toMatchObject({ kind: "debug_demo", authorizerAppid: "wxba5fad812f8e6fb9", timestamp: 1715943329, nonce: "1590219412" });
    expect(row!.payload).toMatchObject({ ToUserName: "gh_97417a04a28d", MsgType: "event", Event: "debug_demo", debug_str: "hello world" });
    // An event the console does not act on is still marked processed (the platform must not retry it).
    expect(row!.processedAt).toBeInstanceOf(Date);
  });

  it("reference vector V2 decrypts (signature and key verified) but is refused: its message is not XML", async () => {
    const a = await account({ appId: "wxb11529c136998cb6", token: "pamtest", aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" });
    const encrypt = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    const query = "timestamp=1409304348&nonce=xxxxxx&encrypt_type=aes&msg_signature=82c962d39941aa48552f90ef55aa323dc620cc10";
    const body = `<xml><AppId><![CDATA[${a.appId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const at = { ...run, now: () => 1409304348_000 };
    await expectRefused(a.id, post(authPath(a), query, body), { componentAppid: a.appId }, /XML|root element/, at);
    // The same vector with one signature digit changed fails earlier, on the signature.
    await expectRefused(a.id, post(authPath(a), query.replace("82c962", "82c963"), body), { componentAppid: a.appId }, /signature/, at);
  });
});

describe("the route handlers", () => {
  it("POST /api/wechat/{componentAppid}/auth-events answers `success`; without a request scope the work still runs", async () => {
    const { POST } = await import("@/app/api/wechat/[componentAppid]/auth-events/route");
    const a = await account();
    const push = ticketPush(a);
    const res = await POST(post(authPath(a), push.query, push.body), { params: Promise.resolve({ componentAppid: a.appId }) });
    expect(await res.text()).toBe("success");
    // `after()` throws outside Next's request scope; the receiver then runs the processing detached.
    await expect.poll(async () => (await db.select().from(platformAccounts).where(eq(platformAccounts.id, a.id)))[0]!.verifyTicketEnc, { timeout: 5000 }).not.toBeNull();
    const [acc] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(decryptSecret(acc!.verifyTicketEnc!)).toBe(push.ticket);
  });

  it("POST /api/wechat/{componentAppid}/events/{authorizerAppid} refuses a forged push with 400", async () => {
    const { POST } = await import("@/app/api/wechat/[componentAppid]/events/[authorizerAppid]/route");
    const a = await account();
    const forged = ticketPush({ ...a, token: alnum(24) });
    const params = Promise.resolve({ componentAppid: a.appId, authorizerAppid: "wx0000000000000002" });
    const before = await state(a.id);
    const res = await POST(post(`/api/wechat/${a.appId}/events/wx0000000000000002`, forged.query, forged.body), { params });
    expect(res.status).toBe(400);
    expect(await state(a.id)).toEqual(before);
  });
});

describe("refused pushes change nothing", () => {
  it("signature mismatch, wrong token", async () => {
    const a = await account();
    const push = ticketPush(a);
    const tampered = push.query.replace(/msg_signature=([0-9a-f])/, (_m, c: string) => `msg_signature=${c === "0" ? "1" : "0"}`);
    await expectRefused(a.id, post(authPath(a), tampered, push.body), { componentAppid: a.appId }, /signature/);
    const other = ticketPush({ ...a, token: alnum(24) });
    await expectRefused(a.id, post(authPath(a), other.query, other.body), { componentAppid: a.appId }, /signature/);
  });

  it("a plaintext encrypted for another appid", async () => {
    const a = await account();
    const xml = eventXml({ AppId: a.appId, CreateTime: 1, InfoType: "component_verify_ticket", ComponentVerifyTicket: "t" });
    const push = signed(a, pushEncrypt(a.aesKey, "wx1111111111111111", xml));
    await expectRefused(a.id, post(authPath(a), push.query, push.body), { componentAppid: a.appId }, /another appid/);
  });

  it("a replay: the same request twice is accepted once", async () => {
    const a = await account();
    const push = ticketPush(a);
    expect(await (await receivePush(post(authPath(a), push.query, push.body), { componentAppid: a.appId }, run)).text()).toBe("success");
    await settle();
    await expectRefused(a.id, post(authPath(a), push.query, push.body), { componentAppid: a.appId }, /replay/);
    // Upper-casing the signature still verifies, so it must still count as the same push.
    const upper = push.query.replace(/msg_signature=([0-9a-f]+)/, (_m, s: string) => `msg_signature=${s.toUpperCase()}`);
    await expectRefused(a.id, post(authPath(a), upper, push.body), { componentAppid: a.appId }, /replay/);
    expect(await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id))).toHaveLength(1);
  });

  it("a timestamp more than 5 minutes old or ahead", async () => {
    const a = await account();
    const xml = eventXml({ AppId: a.appId, CreateTime: 1, InfoType: "component_verify_ticket", ComponentVerifyTicket: "t" });
    const encrypt = pushEncrypt(a.aesKey, a.appId, xml);
    const now = Math.floor(Date.now() / 1000);
    // Well past the window: a slow run must not bring `now + 301` back inside it by the time it is checked.
    for (const ts of [now - 400, now + 400]) {
      const push = signed(a, encrypt, String(ts));
      await expectRefused(a.id, post(authPath(a), push.query, push.body), { componentAppid: a.appId }, /stale/);
    }
    const fresh = signed(a, encrypt, String(now - 240));
    expect(await (await receivePush(post(authPath(a), fresh.query, fresh.body), { componentAppid: a.appId }, run)).text()).toBe("success");
    await settle();
  });

  it("garbage bodies", async () => {
    const a = await account();
    const target = { componentAppid: a.appId };
    const push = ticketPush(a);
    const withBody = (body: string | undefined) => post(authPath(a), push.query, body);
    await expectRefused(a.id, withBody(undefined), target);
    await expectRefused(a.id, withBody(""), target);
    await expectRefused(a.id, withBody("not xml at all"), target);
    await expectRefused(a.id, withBody("<xml><Encrypt>unterminated"), target);
    await expectRefused(a.id, withBody('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xml><Encrypt>&e;</Encrypt></xml>'), target, /DOCTYPE/);
    await expectRefused(a.id, withBody(`<xml><AppId>${a.appId}</AppId></xml>`), target, /Encrypt/);
    await expectRefused(a.id, withBody(`<xml><Encrypt>${"A".repeat(70_000)}</Encrypt></xml>`), target, /too large/);
    await expectRefused(a.id, new Request(`http://localhost${authPath(a)}?${push.query}`, { method: "POST", body: new Uint8Array([0x3c, 0xff, 0xfe]) }), target, /UTF-8/);

    // Correctly signed, so they reach the decoder: bad base64, a length that is not whole blocks, bad padding.
    for (const encrypt of ["!!!not-base64!!!", Buffer.alloc(40, 7).toString("base64")]) {
      const s = signed(a, encrypt);
      await expectRefused(a.id, post(authPath(a), s.query, s.body), target, /base64|blocks/);
    }
    const key = Buffer.from(a.aesKey + "=", "base64");
    const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const badPadding = Buffer.concat([cipher.update(Buffer.alloc(64, 0x41)), cipher.final()]).toString("base64");
    const s = signed(a, badPadding);
    await expectRefused(a.id, post(authPath(a), s.query, s.body), target, /padding/);
    // A valid message with no InfoType on the auth-event URL, and a message-URL push without MsgType.
    const noType = signed(a, pushEncrypt(a.aesKey, a.appId, eventXml({ AppId: a.appId, CreateTime: 1 })));
    await expectRefused(a.id, post(authPath(a), noType.query, noType.body), target, /InfoType/);
    await expectRefused(a.id, post(`/api/wechat/${a.appId}/events/wx0000000000000001`, noType.query, noType.body), { ...target, authorizerAppid: "wx0000000000000001" }, /MsgType/);
  });

  it("missing or malformed query parameters, unknown component appid", async () => {
    const a = await account();
    const push = ticketPush(a);
    const target = { componentAppid: a.appId };
    for (const name of ["msg_signature", "timestamp", "nonce"]) {
      const q = new URLSearchParams(push.query);
      q.delete(name);
      await expectRefused(a.id, post(authPath(a), q.toString(), push.body), target, /msg_signature, timestamp or nonce/);
    }
    await expectRefused(a.id, post(authPath(a), "", push.body), target);
    await expectRefused(a.id, post(authPath(a), push.query.replace("encrypt_type=aes", "encrypt_type=raw"), push.body), target, /aes/);
    await expectRefused(a.id, post(authPath(a), push.query.replace(/timestamp=\d+/, "timestamp=12ab"), push.body), target);

    // Before the signature is verified, every refusal reads the same (ingress-guards.test.ts compares them byte for byte).
    const unverified = new RegExp(`^${UNVERIFIED}$`);
    await expectRefused(a.id, post("/api/wechat/wx9999999999999999/auth-events", push.query, push.body), { componentAppid: "wx9999999999999999" }, unverified);
    await expectRefused(a.id, post("/api/wechat/x/auth-events", push.query, push.body), { componentAppid: "' or 1=1 --" }, unverified);
    // A platform account without push keys cannot authenticate anything.
    const [bare] = await db
      .insert(platformAccounts)
      .values({ platform: "wechat", name: "no keys", appId: `wx${hex(8)}`, secretEnc: encryptSecret("s") })
      .returning();
    await expectRefused(a.id, post(`/api/wechat/${bare!.appId}/auth-events`, push.query, push.body), { componentAppid: bare!.appId }, unverified);
  });
});
