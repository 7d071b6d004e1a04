import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { platformAccounts, type PlatformAccount } from "@/lib/db/schema";
import { eventXml, sealPush } from "@/lib/sandbox/push-crypto";
import { account as keyedAccount, ticketPush } from "@/scripts/vitest/ingress";
import { normalizePush } from ".";

/**
 * The platform-neutral door for pushes: a WeChat account's push (its kind and fields) comes out as the port's
 * PlatformEvent, the only shape lib/console/events.ts dispatches on.
 */

const wechat = { platform: "wechat" } as PlatformAccount;
const APPID = "wx00000000000000aa";
const at = 1_750_000_000;
const push = (kind: string, authorizerAppid: string | null = null) => ({ kind, authorizerAppid, rawBody: "" });

describe("normalizePush (WeChat)", () => {
  it("maps the ticket and the authorization changes", () => {
    expect(normalizePush(wechat, push("component_verify_ticket"), { ComponentVerifyTicket: "ticket@@@x", CreateTime: String(at) })).toEqual({
      type: "ticket",
      ticket: "ticket@@@x",
      createdAt: new Date(at * 1000),
    });
    expect(normalizePush(wechat, push("authorized"), { AuthorizerAppid: APPID, AuthorizationCode: "code@@@1" })).toEqual({
      type: "authorized",
      authorizerAppid: APPID,
      authorizationCode: "code@@@1",
      change: "authorized",
    });
    expect(normalizePush(wechat, push("updateauthorized"), { AuthorizerAppid: APPID })).toEqual({
      type: "authorized",
      authorizerAppid: APPID,
      authorizationCode: null,
      change: "updated",
    });
    expect(normalizePush(wechat, push("unauthorized"), { AuthorizerAppid: APPID })).toEqual({ type: "unauthorized", authorizerAppid: APPID });
  });

  it("maps each audit result to the neutral state, keeping a reason only for a rejection or delay and screenshots only for a rejection", () => {
    const fields = { CreateTime: String(at), Reason: "不合规<br>", ScreenShot: "m1| m2 |", ToUserName: "gh_1" };
    const audit = (kind: string) => normalizePush(wechat, push(kind, APPID), fields);
    const base = { type: "audit", authorizerAppid: APPID, at: new Date(at * 1000) };
    expect(audit("weapp_audit_success")).toEqual({ ...base, state: "approved", reason: null, screenshots: [] });
    expect(audit("weapp_audit_fail")).toEqual({ ...base, state: "rejected", reason: "不合规<br>", screenshots: ["m1", "m2"] });
    expect(audit("weapp_audit_delay")).toEqual({ ...base, state: "delayed", reason: "不合规<br>", screenshots: [] });
    expect(() => normalizePush(wechat, push("weapp_audit_success"), fields)).toThrow(/authorizer appid/);
  });

  it("passes on anything the console does not react to as ignored", () => {
    expect(normalizePush(wechat, push("wxa_nickname_audit", APPID), {})).toEqual({ type: "ignored", kind: "wxa_nickname_audit" });
  });

  it("re-derives the fields of a stored push from its encrypted body when none are given (a retry)", async () => {
    const keys = await keyedAccount();
    const [account] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, keys.id));
    const ticket = ticketPush(keys, "ticket@@@stored", at);
    expect(normalizePush(account!, { kind: "component_verify_ticket", authorizerAppid: null, rawBody: ticket.body })).toEqual({
      type: "ticket",
      ticket: "ticket@@@stored",
      createdAt: new Date(at * 1000),
    });
    const xml = eventXml({ ToUserName: "gh_1", CreateTime: at, MsgType: "event", Event: "weapp_audit_fail", Reason: "r", ScreenShot: "a|b" });
    const sealed = sealPush({ token: keys.token, encodingAesKey: keys.aesKey, componentAppid: keys.appId, outerTag: "ToUserName", outerValue: "gh_1", xml });
    expect(normalizePush(account!, { kind: "weapp_audit_fail", authorizerAppid: APPID, rawBody: sealed.body })).toMatchObject({
      type: "audit",
      state: "rejected",
      reason: "r",
      screenshots: ["a", "b"],
    });
  });

  it("sends a Baidu account's push to Baidu's parser (the smart program named inside, not by the URL)", () => {
    const baidu = { platform: "baidu" } as PlatformAccount;
    expect(normalizePush(baidu, push("UNAUTHORIZED"), { appId: "1452365" })).toEqual({ type: "unauthorized", authorizerAppid: "1452365" });
    expect(normalizePush(baidu, push("component_verify_ticket"), { ComponentVerifyTicket: "x" })).toEqual({ type: "ignored", kind: "component_verify_ticket" });
  });
});
