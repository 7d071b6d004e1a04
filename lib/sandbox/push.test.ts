// First: this file's APP_URL is a local recorder, the only origin the sandbox pushes to.
import { appUrl, onRequest } from "@/scripts/vitest/app-url-server";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decryptMessage, parseEnvelope, parsePlainXml, verifySignature } from "@/lib/platforms/wechat/msg-crypt";
import { deliverDuePushes, enqueueAuditEvent, enqueueAuthChange, enqueueTicketPush } from "./push";
import { pushEncrypt, pushSignature } from "./push-crypto";
import { createAuthorizer, createPlatform } from "./registry";
import { sandboxPlatforms, sandboxPushes } from "./schema";

describe("the sandbox's WXBizMsgCrypt matches the reference test vectors (§2.3)", () => {
  it("V1: official debug_demo push: signature and ciphertext", () => {
    const encrypt =
      "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
    expect(pushSignature("AAAAA", "1715943329", "1590219412", encrypt)).toBe("6c12a4205838198b8fa631b3220723bb07f1015c");
    const msg =
      "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>";
    expect(pushEncrypt("A".repeat(43), "wx134c8103faa5a59e", msg, Buffer.from("1205899eaf019bbd"))).toBe(encrypt);
  });

  it("V1 reply and V2 (Chinese text)", () => {
    const reply = pushEncrypt("A".repeat(43), "wx134c8103faa5a59e", "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>", Buffer.from("999951349e8ee746"));
    expect(reply).toBe(
      "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7",
    );
    expect(pushSignature("AAAAA", "1713424427", "415670741", reply)).toBe("03e0812039325c2712ef5f0f980fd14c70d6e307");
    const v2 = pushEncrypt("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6", "我是中文abcd123", Buffer.from("aaaabbbbccccdddd"));
    expect(v2).toBe("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
    expect(pushSignature("pamtest", "1409304348", "xxxxxx", v2)).toBe("82c962d39941aa48552f90ef55aa323dc620cc10");
  });
});

/** A stand-in for the console's callback endpoint (it is APP_URL): records every delivery and answers from a script. */
type Received = { path: string; query: URLSearchParams; body: string };
let received: Received[] = [];
let answers: string[] = [];
const base = appUrl;
onRequest((req) => {
  received.push({ path: req.path, query: req.query, body: req.body.toString("utf8") });
  return { body: answers.shift() ?? "success" };
});

async function deliverAll() {
  // Retries are scheduled a few seconds out; make every pending push due now, then deliver.
  await db.update(sandboxPushes).set({ nextAttemptAt: new Date(0) }).where(eq(sandboxPushes.status, "pending"));
  return deliverDuePushes();
}

describe("pushes to the console", () => {
  it("a verify-ticket push decrypts with the console's decoder, built only from the reference", async () => {
    received = [];
    const platform = await createPlatform({ callbackBase: base });
    await enqueueTicketPush(platform.componentAppid);
    await deliverAll();
    expect(received).toHaveLength(1);
    const [push] = received;
    expect(push!.path).toBe(`/api/wechat/${platform.componentAppid}/auth-events`);
    expect(push!.query.get("encrypt_type")).toBe("aes");
    const envelope = parseEnvelope(push!.body);
    expect(envelope.appId).toBe(platform.componentAppid);
    expect(verifySignature(platform.token, push!.query.get("timestamp")!, push!.query.get("nonce")!, envelope.encrypt, push!.query.get("msg_signature")!)).toBe(true);
    const { xml } = decryptMessage({ encodingAesKeys: [platform.encodingAesKey], encrypt: envelope.encrypt, expectedAppid: platform.componentAppid });
    const fields = parsePlainXml(xml);
    const [stored] = await db.select().from(sandboxPlatforms).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    expect(fields.InfoType).toBe("component_verify_ticket");
    expect(fields.ComponentVerifyTicket).toBe(stored!.verifyTicket);
    expect(fields.AppId).toBe(platform.componentAppid);
  });

  it("authorization and audit pushes carry the documented fields to the documented URLs", async () => {
    received = [];
    const platform = await createPlatform({ callbackBase: base });
    const authorizer = await createAuthorizer({ componentAppid: platform.componentAppid });
    await enqueueAuthChange(platform.componentAppid, "authorized", authorizer.appid, {
      authorizationCode: "queryauthcode@@@x",
      expiresAt: new Date(1_700_000_000_000),
      preAuthCode: "preauthcode@@@y",
    });
    await enqueueAuditEvent(platform.componentAppid, authorizer, "weapp_audit_fail", { reason: "1:账号信息不符合规范", screenshot: "m1|m2" });
    await deliverAll();
    const open = (r: Received) =>
      parsePlainXml(decryptMessage({ encodingAesKeys: [platform.encodingAesKey], encrypt: parseEnvelope(r.body).encrypt, expectedAppid: platform.componentAppid }).xml);
    const auth = received.find((r) => r.path.endsWith("/auth-events"))!;
    expect(open(auth)).toMatchObject({
      InfoType: "authorized",
      AuthorizerAppid: authorizer.appid,
      AuthorizationCode: "queryauthcode@@@x",
      AuthorizationCodeExpiredTime: "1700000000",
      PreAuthCode: "preauthcode@@@y",
    });
    const audit = received.find((r) => r.path === `/api/wechat/${platform.componentAppid}/events/${authorizer.appid}`)!;
    expect(parseEnvelope(audit.body).toUserName).toBe(authorizer.userName);
    expect(open(audit)).toMatchObject({ MsgType: "event", Event: "weapp_audit_fail", Reason: "1:账号信息不符合规范", ScreenShot: "m1|m2" });
  });

  it("retries a reply other than `success`, three attempts in all", async () => {
    received = [];
    const platform = await createPlatform({ callbackBase: base });
    answers = ["error", "fail"];
    const id = await enqueueTicketPush(platform.componentAppid);
    for (let i = 0; i < 3; i++) await deliverAll();
    let [row] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.id, id));
    expect(row!.status).toBe("delivered");
    expect(row!.attempts).toBe(3);

    answers = ["no", "no", "no", "no"];
    const failing = await enqueueTicketPush(platform.componentAppid);
    for (let i = 0; i < 5; i++) await deliverAll();
    [row] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.id, failing));
    expect(row!.status).toBe("failed");
    expect(row!.attempts).toBe(3);
    expect(row!.lastError).toContain("no");
    answers = [];
  });
});

describe("pushes go to this console only", () => {
  it("a platform cannot be created with a callback base on another origin", async () => {
    await expect(createPlatform({ callbackBase: "http://127.0.0.2:9/elsewhere" })).rejects.toThrow(/APP_URL/);
    const here = await createPlatform({ callbackBase: `${appUrl}/some/path` });
    expect(here.callbackBase).toBe(`${appUrl}/some/path`);
  });

  it("a push to a foreign callback base written directly is failed without being sent", async () => {
    received = [];
    const platform = await createPlatform();
    // What the registry and the control surface refuse, written behind their backs.
    await db.update(sandboxPlatforms).set({ callbackBase: "http://127.0.0.2:9" }).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    const id = await enqueueTicketPush(platform.componentAppid);
    expect(await deliverAll()).toBe(1);
    const [row] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.id, id));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.url.startsWith("http://127.0.0.2:9/api/wechat/")).toBe(true);
    expect(row!.lastError).toMatch(/not delivered: http:\/\/127\.0\.0\.2:9 is not this console's origin/);
    // Failed for good: later sweeps do not send it either.
    expect(await deliverAll()).toBe(0);
    expect(received).toHaveLength(0);

    // The same platform pointed back at the console delivers again.
    await db.update(sandboxPlatforms).set({ callbackBase: null }).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    await enqueueTicketPush(platform.componentAppid);
    await deliverAll();
    expect(received.map((r) => r.path)).toEqual([`/api/wechat/${platform.componentAppid}/auth-events`]);
  });
});
