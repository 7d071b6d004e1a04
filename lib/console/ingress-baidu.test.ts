import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { inboundEvents, operations, platformAccounts, tenantAudits, tenants } from "@/lib/db/schema";
import { baiduPushBody, baiduSignature, sealBaiduMessage, type BaiduPushKeys } from "@/scripts/vitest/baidu-seal";
import type { IngressOptions } from "./ingress";
import { receiveBaiduPush, type BaiduPushTarget } from "./ingress-baidu";

/**
 * The Baidu push receiver's guards, with pushes sealed by the test's own implementation of the documented scheme:
 * an accepted push is answered `success` and stored redacted; a forged, malformed, stale, replayed or misdirected one
 * is refused with 400 and changes nothing (no event, no history, no ticket, no tenant).
 */

const alnum = (n: number) => Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");

async function account(): Promise<BaiduPushKeys & { id: string }> {
  const keys = { clientId: alnum(32), token: alnum(24), encodingAesKey: alnum(43) };
  const [row] = await db
    .insert(platformAccounts)
    .values({
      platform: "baidu",
      name: "baidu ingress",
      appId: keys.clientId,
      secretEnc: encryptSecret(keys.clientId),
      tokenEnc: encryptSecret(keys.token),
      aesKeyEnc: encryptSecret(keys.encodingAesKey),
    })
    .returning();
  return { ...keys, id: row!.id };
}

const tasks: (() => Promise<void>)[] = [];
const run: IngressOptions = { schedule: (task) => void tasks.push(task) };
const settle = async () => void (await Promise.all(tasks.splice(0).map((task) => task())));

const post = (body: string | undefined, clientId: string, channel: BaiduPushTarget["channel"] = "auth") =>
  [new Request(`http://localhost/api/baidu/${clientId}/${channel}`, { method: "POST", body, headers: { "content-type": "application/json" } }), { clientId, channel }] as const;

const ticketMessage = (ticket = `ticket.${alnum(20)}`) => ({ Ticket: ticket, FromUserName: "SmartAPP", CreateTime: Math.floor(Date.now() / 1000), MsgType: "ticket", Event: "push" });

async function state(accountId: string) {
  const n = async (table: typeof inboundEvents | typeof operations | typeof tenants | typeof tenantAudits) => (await db.select({ n: count() }).from(table))[0]!.n;
  const [acc] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  return { events: await n(inboundEvents), operations: await n(operations), tenants: await n(tenants), audits: await n(tenantAudits), ticket: acc!.verifyTicketEnc };
}

async function expectRefused(accountId: string, [req, target]: ReturnType<typeof post>, reason: RegExp) {
  const before = await state(accountId);
  const res = await receiveBaiduPush(req, target, run);
  await settle();
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await res.text()).toMatch(reason);
  expect(await state(accountId)).toEqual(before);
}

describe("an accepted push", () => {
  it("answers success, stores the raw envelope and the redacted message, then stores the ticket", async () => {
    const a = await account();
    const message = ticketMessage();
    const body = baiduPushBody(a, message);
    const res = await receiveBaiduPush(...post(body, a.clientId), run);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("success");
    await settle();
    const [event] = await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id));
    expect(event).toMatchObject({ kind: "ticket", rawBody: body, error: null });
    expect(event!.processedAt).not.toBeNull();
    expect(JSON.stringify(event!.payload)).not.toContain(message.Ticket);
    const [row] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(decryptSecret(row!.verifyTicketEnc!)).toBe(message.Ticket);
  });

  it("keeps an authorization code only as its sha256, and the program's appId as the event's appid", async () => {
    const a = await account();
    const code = `code.${alnum(24)}`;
    const body = baiduPushBody(a, { appId: 12345678, tpAppId: 1, eventTime: "2024-05-01 10:00:00", event: "UNAUTHORIZED", authorizationCode: code });
    expect((await receiveBaiduPush(...post(body, a.clientId), run)).status).toBe(200);
    const [event] = await db.select().from(inboundEvents).where(eq(inboundEvents.accountId, a.id));
    await settle();
    expect(event).toMatchObject({ kind: "UNAUTHORIZED", authorizerAppid: "12345678" });
    expect(JSON.stringify(event!.payload)).not.toContain(code);
    expect((event!.payload as Record<string, unknown>).AuthorizationCodeSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("refusals change nothing", () => {
  it("a forged signature, another account's token, an unknown client_id", async () => {
    const a = await account();
    const body = JSON.parse(baiduPushBody(a, ticketMessage())) as Record<string, string>;
    await expectRefused(a.id, post(JSON.stringify({ ...body, MsgSignature: "0".repeat(40) }), a.clientId), /signature mismatch/);
    await expectRefused(a.id, post(baiduPushBody({ ...a, token: alnum(24) }, ticketMessage()), a.clientId), /signature mismatch/);
    const unknown = await expectRefusedText(post(baiduPushBody(a, ticketMessage()), alnum(32)));
    expect(unknown).toBe("signature mismatch");
  });

  it("a message sealed for another client_id (the receiver check), or with another key", async () => {
    const a = await account();
    await expectRefused(a.id, post(baiduPushBody({ ...a, clientId: alnum(32) }, ticketMessage()), a.clientId), /./);
    await expectRefused(a.id, post(baiduPushBody({ ...a, encodingAesKey: alnum(43) }, ticketMessage()), a.clientId), /./);
  });

  it("malformed bodies: not JSON, not an object, fields missing, an Encrypt that is not a sealed message, a decrypted text that is not JSON", async () => {
    const a = await account();
    await expectRefused(a.id, post("<xml></xml>", a.clientId), /not JSON/);
    await expectRefused(a.id, post("[1,2]", a.clientId), /not a JSON object/);
    await expectRefused(a.id, post(JSON.stringify({ Nonce: "n1", TimeStamp: String(Math.floor(Date.now() / 1000)) }), a.clientId), /malformed/);
    await expectRefused(a.id, post(undefined, a.clientId), /empty body|not JSON/);
    const ts = String(Math.floor(Date.now() / 1000));
    const garbage = Buffer.from("not a sealed message at all").toString("base64");
    await expectRefused(a.id, post(JSON.stringify({ Nonce: "n2", TimeStamp: ts, Encrypt: garbage, MsgSignature: baiduSignature(a.token, ts, "n2", garbage) }), a.clientId), /./);
    const notJson = sealBaiduMessage(a, "<xml>ticket</xml>");
    await expectRefused(a.id, post(JSON.stringify({ Nonce: "n3", TimeStamp: ts, Encrypt: notJson, MsgSignature: baiduSignature(a.token, ts, "n3", notJson) }), a.clientId), /not JSON/);
    await expectRefused(a.id, post("x".repeat(70 * 1024), a.clientId), /too large/);
  });

  it("a stale timestamp, and the same push replayed", async () => {
    const a = await account();
    await expectRefused(a.id, post(baiduPushBody(a, ticketMessage(), Math.floor(Date.now() / 1000) - 3600), a.clientId), /stale/);
    const body = baiduPushBody(a, ticketMessage());
    expect((await receiveBaiduPush(...post(body, a.clientId), run)).status).toBe(200);
    await settle();
    await expectRefused(a.id, post(body, a.clientId, "message"), /replayed/);
  });

  it("a WeChat account's appid is not a Baidu client_id", async () => {
    const a = await account();
    await db.update(platformAccounts).set({ platform: "wechat" }).where(eq(platformAccounts.id, a.id));
    await expectRefused(a.id, post(baiduPushBody(a, ticketMessage()), a.clientId), /signature mismatch/);
  });
});

async function expectRefusedText([req, target]: ReturnType<typeof post>) {
  const before = await db.select({ n: count() }).from(inboundEvents);
  const res = await receiveBaiduPush(req, target, run);
  await settle();
  expect(res.status).toBe(400);
  expect(await db.select({ n: count() }).from(inboundEvents)).toEqual(before);
  return res.text();
}
