import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pushEncrypt, pushSignature } from "../push-crypto";
import { sandboxPushes } from "../schema";
import { baiduTime } from "./packages";
import type { BaiduPlatformRow } from "./registry";
import { sandboxBaiduPlatforms } from "./schema";

/**
 * Pushes from the emulated Baidu platform to the console (reference §8.2, seed 代码包审核状态推送):
 *   ticket and authorization events → {base}/api/baidu/{client_id}/auth
 *   package audit results          → {base}/api/baidu/{client_id}/message
 * The body is the JSON envelope `{Nonce, TimeStamp, Encrypt, MsgSignature}`: Encrypt is WXBizMsgCrypt's AES-256-CBC
 * of random16 ‖ len_be32 ‖ JSON message ‖ client_id (the sandbox's shared push-crypto.ts), MsgSignature the sha1 of
 * the sorted [token, TimeStamp, Nonce, Encrypt]. They go through the WeChat emulator's outbox (sandbox_pushes),
 * delivered and retried by the same background tick, to this console's origin only.
 */

const nowSeconds = () => Math.floor(Date.now() / 1000);

export const baiduAuthUrlPath = (clientId: string) => `/api/baidu/${encodeURIComponent(clientId)}/auth`;
export const baiduMessageUrlPath = (clientId: string) => `/api/baidu/${encodeURIComponent(clientId)}/message`;

/** The envelope posted to the console. */
export function sealBaiduPush(platform: Pick<BaiduPlatformRow, "token" | "encodingAesKey" | "clientId">, message: Record<string, unknown>): string {
  const encrypt = pushEncrypt(platform.encodingAesKey, platform.clientId, JSON.stringify(message));
  const timestamp = String(nowSeconds());
  const nonce = randomBytes(8).toString("hex");
  return JSON.stringify({ Nonce: nonce, TimeStamp: timestamp, Encrypt: encrypt, MsgSignature: pushSignature(platform.token, timestamp, nonce, encrypt) });
}

async function platformOf(clientId: string): Promise<BaiduPlatformRow> {
  const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, clientId));
  if (!platform) throw new Error(`sandbox baidu platform ${clientId} not found`);
  return platform;
}

async function enqueue(platform: BaiduPlatformRow, kind: string, path: string, message: Record<string, unknown>): Promise<number> {
  const base = (platform.callbackBase ?? env.APP_URL).replace(/\/$/, "");
  const [row] = await db
    .insert(sandboxPushes)
    .values({ componentAppid: platform.clientId, kind: `baidu:${kind}`, url: `${base}${path}`, body: sealBaiduPush(platform, message), plaintext: JSON.stringify(message) })
    .returning({ id: sandboxPushes.id });
  return row!.id;
}

/** A new ticket (the previous one stops being accepted by the TP-token endpoint), pushed to the auth URL. */
export async function enqueueBaiduTicket(clientId: string): Promise<number> {
  const ticket = `ticket.${randomBytes(24).toString("base64url")}`;
  await db.update(sandboxBaiduPlatforms).set({ ticket, ticketAt: new Date() }).where(eq(sandboxBaiduPlatforms.clientId, clientId));
  const platform = await platformOf(clientId);
  return enqueue(platform, "ticket", baiduAuthUrlPath(clientId), { Ticket: ticket, FromUserName: "SmartAPP", CreateTime: nowSeconds(), MsgType: "ticket", Event: "push" });
}

export type BaiduAuthEvent = "AUTHORIZED" | "UNAUTHORIZED" | "UPDATE_AUTHORIZED";

/** AUTHORIZED / UPDATE_AUTHORIZED carry the authorization code and its lifetime; UNAUTHORIZED does not. */
export async function enqueueBaiduAuthEvent(clientId: string, appId: number, event: BaiduAuthEvent, code?: { authorizationCode: string; expiresIn: number }) {
  const platform = await platformOf(clientId);
  const message: Record<string, unknown> = { appId, tpAppId: platform.tpAppId, eventTime: baiduTime(new Date(), "-"), event };
  if (event !== "UNAUTHORIZED" && code) Object.assign(message, { authorizationCode: code.authorizationCode, authorizationCodeExpiresIn: code.expiresIn });
  return enqueue(platform, event, baiduAuthUrlPath(clientId), message);
}

/** PACKAGE_AUDIT_PASS, or PACKAGE_AUDIT_FAIL with the reviewer's reason, to the message URL. */
export async function enqueueBaiduAuditEvent(clientId: string, appId: number, result: "pass" | "fail", reason?: string) {
  const platform = await platformOf(clientId);
  const message: Record<string, unknown> = {
    appId,
    tpAppId: platform.tpAppId,
    eventTime: baiduTime(new Date(), "-"),
    event: result === "pass" ? "PACKAGE_AUDIT_PASS" : "PACKAGE_AUDIT_FAIL",
  };
  if (result === "fail") message.reason = reason ?? "";
  return enqueue(platform, message.event as string, baiduMessageUrlPath(clientId), message);
}
