/**
 * Shared helpers of the push receiver's tests (ingress.test.ts, ingress-guards.test.ts). Test-only. Requests are
 * built with the sandbox's own encoder (written apart from the console's decoder).
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { count, eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { inboundEvents, operations, platformAccounts, tenantAudits, tenants } from "../../lib/db/schema";
import { encryptSecret } from "../../lib/crypto";
import { eventXml, pushSignature, sealPush } from "../../lib/sandbox/push-crypto";
import { receivePush, type IngressOptions, type PushTarget } from "../../lib/console/ingress";

export const hex = (n: number) => randomBytes(n).toString("hex");
export const alnum = (n: number) => Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type Keys = { appId: string; token: string; aesKey: string; previousAesKey?: string };

export async function account(keys: Partial<Keys> = {}) {
  const k: Keys = { appId: `wx${hex(8)}`, token: alnum(24), aesKey: alnum(43), ...keys };
  const [row] = await db
    .insert(platformAccounts)
    .values({
      platform: "wechat",
      name: "ingress test",
      appId: k.appId,
      secretEnc: encryptSecret("secret"),
      tokenEnc: encryptSecret(k.token),
      aesKeyEnc: encryptSecret(k.aesKey),
      previousAesKeyEnc: k.previousAesKey ? encryptSecret(k.previousAesKey) : null,
    })
    .returning();
  return { ...k, id: row!.id };
}

/** A mini-program of the account as onboarding leaves it: appid and gh_ original id (null: none stored). */
export async function tenantOf(accountId: string, appid = `wx${hex(8)}`, userName: string | null = `gh_${hex(6)}`) {
  const [row] = await db.insert(tenants).values({ accountId, appid, userName, nickname: "ingress tenant" }).returning();
  return row!;
}

// Like `after()`: nothing runs until the response is out (settle() plays the end of the request).
const tasks: (() => Promise<void>)[] = [];
export const run: IngressOptions = { schedule: (task) => void tasks.push(task) };
export const settle = async () => void (await Promise.all(tasks.splice(0).map((task) => task())));

export function post(path: string, query: string, body: string | BodyInit | undefined) {
  return new Request(`http://localhost${path}${query ? `?${query}` : ""}`, { method: "POST", body, headers: { "content-type": "text/xml" } });
}

export const authPath = (a: { appId: string }) => `/api/wechat/${a.appId}/auth-events`;
export const messagePath = (a: { appId: string }, appid: string) => `/api/wechat/${a.appId}/events/${appid}`;

export function ticketPush(a: Keys, ticket = `ticket@@@${hex(16)}`, createTime = nowSeconds()) {
  const xml = eventXml({ AppId: a.appId, CreateTime: createTime, InfoType: "component_verify_ticket", ComponentVerifyTicket: ticket });
  const sealed = sealPush({ token: a.token, encodingAesKey: a.aesKey, componentAppid: a.appId, outerTag: "AppId", outerValue: a.appId, xml });
  return { ...sealed, ticket };
}

/** A push to the message URL; `fields` are the message's (ToUserName included, or left out on purpose). */
export function messagePush(a: Keys, fields: Record<string, string | number>) {
  const xml = eventXml({ FromUserName: "o_test", CreateTime: nowSeconds(), MsgType: "event", Event: "wxa_nickname_audit", ...fields });
  const outer = typeof fields.ToUserName === "string" ? fields.ToUserName : "gh_outer";
  return sealPush({ token: a.token, encodingAesKey: a.aesKey, componentAppid: a.appId, outerTag: "ToUserName", outerValue: outer, xml });
}

/** A push signed correctly over an arbitrary Encrypt value, to reach the decryption and XML checks. */
export function signed(a: Keys, encrypt: string, timestamp = String(nowSeconds())) {
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const query = new URLSearchParams({ timestamp, nonce, encrypt_type: "aes", msg_signature: pushSignature(a.token, timestamp, nonce, encrypt) });
  return { query: query.toString(), body: `<xml><AppId><![CDATA[${a.appId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
}

export async function state(accountId: string) {
  const n = async (table: typeof inboundEvents | typeof operations | typeof tenants | typeof tenantAudits) => (await db.select({ n: count() }).from(table))[0]!.n;
  const [acc] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
  return { events: await n(inboundEvents), operations: await n(operations), tenants: await n(tenants), audits: await n(tenantAudits), ticket: acc!.verifyTicketEnc };
}

/** Posts and checks the answer is a 400 refusal (its text matching `reason`) that changed nothing; returns the text. */
export async function expectRefused(accountId: string, req: Request, target: PushTarget, reason?: RegExp, options: IngressOptions = run) {
  const before = await state(accountId);
  const res = await receivePush(req, target, options);
  await settle();
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  const text = await res.text();
  expect(text).not.toBe("success");
  if (reason) expect(text).toMatch(reason);
  expect(await state(accountId)).toEqual(before);
  return text;
}
