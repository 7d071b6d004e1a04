// First: this file's APP_URL is a local recorder, the only origin the sandbox pushes to.
import { appUrl, onRequest, type Received } from "@/scripts/vitest/app-url-server";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { openBaiduPush } from "@/scripts/vitest/baidu-push";
import { deliverDuePushes } from "../push";
import { sandboxPushes } from "../schema";
import { createBaiduDraft } from "./api/templates";
import { decideBaiduAudit, runBaiduAutoDecide } from "./audit";
import { pushDueBaiduTickets } from "./background";
import { enqueueBaiduAuthEvent, enqueueBaiduTicket, sealBaiduPush } from "./push";
import { createBaiduPlatform } from "./registry";
import { sandboxBaiduPlatforms } from "./schema";
import { updateBaiduSettings } from "./settings";

const baidu = baiduHarness();
let received: Received[] = [];
let answers: string[] = [];
onRequest((req) => {
  received.push(req);
  return { body: answers.shift() ?? "success" };
});

async function deliverAll() {
  await db.update(sandboxPushes).set({ nextAttemptAt: new Date(0) }).where(eq(sandboxPushes.status, "pending"));
  return deliverDuePushes();
}

describe("the push envelope", () => {
  it("opens with the documented scheme: signature, AES-256-CBC, the client_id as receiver", () => {
    const platform = { clientId: "cid0123456789", token: "tokentoken", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" };
    const message = { Ticket: "t-中文-1", FromUserName: "SmartAPP", CreateTime: 1, MsgType: "ticket", Event: "push" };
    const body = sealBaiduPush(platform, message);
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(["Encrypt", "MsgSignature", "Nonce", "TimeStamp"]);
    const opened = openBaiduPush(body, platform);
    expect(opened.signatureOk).toBe(true);
    expect(opened.receiver).toBe(platform.clientId);
    expect(opened.message).toEqual(message);
    expect(openBaiduPush(body, { ...platform, token: "other" }).signatureOk).toBe(false);
  });
});

describe("pushes to the console's Baidu receivers", () => {
  it("a ticket goes to /api/baidu/<client_id>/auth as JSON, and becomes the TP token's ticket", async () => {
    received = [];
    const platform = await createBaiduPlatform();
    await enqueueBaiduTicket(platform.clientId);
    expect(await deliverAll()).toBe(1);
    expect(received).toHaveLength(1);
    const [push] = received;
    expect(push!.path).toBe(`/api/baidu/${platform.clientId}/auth`);
    expect(push!.search).toBe("");
    expect(push!.headers["content-type"]).toMatch(/^application\/json/);
    const opened = openBaiduPush(push!.body.toString("utf8"), platform);
    expect(opened.signatureOk).toBe(true);
    expect(opened.receiver).toBe(platform.clientId);
    expect(opened.message).toMatchObject({ FromUserName: "SmartAPP", MsgType: "ticket", Event: "push", CreateTime: expect.any(Number) });
    const ticket = opened.message.Ticket as string;
    const tp = await baidu.call("/public/2.0/smartapp/auth/tp/token", { method: "GET", params: { client_id: platform.clientId, ticket } });
    expect(tp.body.errno).toBe(0);
  });

  it("audit results go to /message: PACKAGE_AUDIT_PASS, and PACKAGE_AUDIT_FAIL with the reason", async () => {
    const { platform, app, token, tp } = await baidu.appWithToken();
    const draft = await createBaiduDraft(platform.clientId, { userVersion: "1.0.0" });
    const templateId = (await baidu.call("/rest/2.0/smartapp/template/addtotemplate", { token: tp, params: { draft_id: draft.draftId, user_desc: "t" } })).body.data.template_id;
    const submitNew = async (version: string) => {
      await baidu.call("/rest/2.0/smartapp/package/upload", { token, params: { template_id: templateId, ext_json: JSON.stringify({ extEnable: false }), user_version: version, user_desc: "d" } });
      const packages = (await baidu.call("/rest/2.0/smartapp/package/get", { method: "GET", token })).body.data as { status: number; package_id: number }[];
      const dev = packages.find((p) => p.status === 3)!;
      expect((await baidu.call("/rest/2.0/smartapp/package/submitaudit", { token, params: { package_id: dev.package_id, content: "c", remark: "r" } })).body.errno).toBe(0);
    };
    await deliverAll();
    received = [];
    await submitNew("1.0.0");
    await decideBaiduAudit(app.appId, { result: "reject", reason: "名称过长（名称控制在10个字以内）。" });
    await submitNew("1.0.1");
    await decideBaiduAudit(app.appId, { result: "approve" });
    await deliverAll();
    expect(received.map((r) => r.path)).toEqual([`/api/baidu/${platform.clientId}/message`, `/api/baidu/${platform.clientId}/message`]);
    // Delivered concurrently: found by event, not by arrival order.
    const opened = received.map((r) => openBaiduPush(r.body.toString("utf8"), platform));
    const fail = opened.find((o) => o.message.event === "PACKAGE_AUDIT_FAIL");
    const pass = opened.find((o) => o.message.event === "PACKAGE_AUDIT_PASS");
    expect(fail!.signatureOk && pass!.signatureOk).toBe(true);
    expect(fail!.message).toEqual({ appId: app.appId, tpAppId: platform.tpAppId, eventTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), event: "PACKAGE_AUDIT_FAIL", reason: "名称过长（名称控制在10个字以内）。" });
    expect(pass!.message).toEqual({ appId: app.appId, tpAppId: platform.tpAppId, eventTime: expect.any(String), event: "PACKAGE_AUDIT_PASS" });
  });

  it("authorization events carry the code and its lifetime; UNAUTHORIZED does not", async () => {
    received = [];
    const platform = await createBaiduPlatform();
    await enqueueBaiduAuthEvent(platform.clientId, 12345678, "UPDATE_AUTHORIZED", { authorizationCode: "authcode.x", expiresIn: 3600 });
    await enqueueBaiduAuthEvent(platform.clientId, 12345678, "UNAUTHORIZED");
    await deliverAll();
    const messages = received.map((r) => openBaiduPush(r.body.toString("utf8"), platform).message);
    const update = messages.find((m) => m.event === "UPDATE_AUTHORIZED");
    const gone = messages.find((m) => m.event === "UNAUTHORIZED");
    expect(update).toMatchObject({ appId: 12345678, tpAppId: platform.tpAppId, event: "UPDATE_AUTHORIZED", authorizationCode: "authcode.x", authorizationCodeExpiresIn: 3600 });
    expect(gone).toEqual({ appId: 12345678, tpAppId: platform.tpAppId, eventTime: expect.any(String), event: "UNAUTHORIZED" });
  });

  it("a reply other than success is retried, three attempts in all", async () => {
    received = [];
    const platform = await createBaiduPlatform();
    answers = ["fail", "fail", "fail"];
    const id = await enqueueBaiduTicket(platform.clientId);
    for (let i = 0; i < 4; i++) await deliverAll();
    const [row] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.id, id));
    expect([row!.status, row!.attempts, received.length]).toEqual(["failed", 3, 3]);
    answers = [];
  });
});

describe("the background steps", () => {
  it("pushes a due ticket once, however many ticks race for it", async () => {
    const platform = await createBaiduPlatform();
    const results = await Promise.all([pushDueBaiduTickets(600), pushDueBaiduTickets(600), pushDueBaiduTickets(600)]);
    expect(results.flat().filter((id) => id === platform.clientId)).toHaveLength(1);
    const [row] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, platform.clientId));
    expect(row!.ticket).toMatch(/^ticket\./);
    expect(await pushDueBaiduTickets(600)).not.toContain(platform.clientId);
  });

  it("auto-decide approves packages under audit after afterMs, and pushes the result", async () => {
    const { platform, app, token, tp } = await baidu.appWithToken();
    const draft = await createBaiduDraft(platform.clientId, { userVersion: "1.0.0" });
    const templateId = (await baidu.call("/rest/2.0/smartapp/template/addtotemplate", { token: tp, params: { draft_id: draft.draftId, user_desc: "t" } })).body.data.template_id;
    await baidu.call("/rest/2.0/smartapp/package/upload", { token, params: { template_id: templateId, ext_json: JSON.stringify({ extEnable: false }), user_version: "1", user_desc: "d" } });
    const dev = ((await baidu.call("/rest/2.0/smartapp/package/get", { method: "GET", token })).body.data as { package_id: number }[])[0]!;
    await baidu.call("/rest/2.0/smartapp/package/submitaudit", { token, params: { package_id: dev.package_id, content: "c", remark: "r" } });
    expect(await runBaiduAutoDecide()).toBe(0);
    await updateBaiduSettings({ autoDecide: { mode: "approve", afterMs: 0 } });
    try {
      expect(await runBaiduAutoDecide()).toBeGreaterThanOrEqual(1);
      const status = ((await baidu.call("/rest/2.0/smartapp/package/get", { method: "GET", token })).body.data as { status: number }[])[0]!.status;
      expect(status).toBe(6);
      const pushes = await db.select().from(sandboxPushes).where(eq(sandboxPushes.kind, "baidu:PACKAGE_AUDIT_PASS"));
      expect(pushes.some((p) => p.url === `${appUrl}/api/baidu/${platform.clientId}/message` && JSON.parse(p.plaintext).appId === app.appId)).toBe(true);
    } finally {
      await updateBaiduSettings({ autoDecide: { mode: "off" } });
    }
  });
});
