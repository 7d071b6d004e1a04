// First: sets the control token and aims APP_URL at a recorder before any project module is imported.
import { baiduBase, control, controlHarness, received, type Json } from "@/scripts/vitest/control-harness";
import { describe, expect, it } from "vitest";
import { openBaiduPush } from "@/scripts/vitest/baidu-push";

controlHarness();

/** A Baidu call over HTTP: GET with the query, POST as a form. */
async function baidu(path: string, params: Record<string, string | number>, method = "POST"): Promise<{ status: number; body: Json }> {
  const url = new URL(baiduBase() + path);
  const form = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (method === "GET") for (const [k, v] of form) url.searchParams.set(k, v);
  const res = await fetch(url, method === "GET" ? {} : { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? (JSON.parse(text) as Json) : { text } };
}

/** A platform, seeded apps, the TP token and the first app's tokens, all through the control surface and HTTP. */
async function seeded(apps = 1) {
  const { body: platform } = await control("baidu/platforms", { body: { name: "百度 TP" } });
  const { body: seed } = await control("baidu/seed", { body: { apps, client_id: platform.client_id } });
  const { body: tp } = await baidu("/public/2.0/smartapp/auth/tp/token", { client_id: platform.client_id, ticket: platform.ticket }, "GET");
  const refresh = await baidu("/rest/2.0/oauth/token", { access_token: tp.data.access_token, refresh_token: seed.apps[0].refresh_token, grant_type: "app_to_tp_refresh_token" }, "GET");
  expect(refresh.status).toBe(200);
  return { platform, seed, tp: tp.data.access_token as string, app: seed.apps[0] as Json, token: refresh.body.access_token as string };
}

async function submitted(world: Awaited<ReturnType<typeof seeded>>) {
  const { body: draft } = await control("baidu/drafts", { body: { client_id: world.platform.client_id, user_version: "1.0.0" } });
  const { body: added } = await baidu("/rest/2.0/smartapp/template/addtotemplate", { access_token: world.tp, draft_id: draft.draft_id, user_desc: "t" });
  await baidu("/rest/2.0/smartapp/package/upload", { access_token: world.token, template_id: added.data.template_id, ext_json: '{"extEnable":false}', user_version: "1.0.0", user_desc: "d" });
  const { body: list } = await baidu("/rest/2.0/smartapp/package/get", { access_token: world.token }, "GET");
  const packageId = list.data[0].package_id as number;
  expect((await baidu("/rest/2.0/smartapp/package/submitaudit", { access_token: world.token, package_id: packageId, content: "c", remark: "r" })).body.errno).toBe(0);
  return packageId;
}

describe("/sandbox/control/baidu/*", () => {
  it("refuses a caller without the control token", async () => {
    expect((await control("baidu/state", { token: null })).status).toBe(401);
    expect((await control("baidu/platforms", { token: "wrong-token-wrong-token" })).status).toBe(401);
  });

  it("platforms: a new TP gets its ticket pushed to /api/baidu/<client_id>/auth at once", async () => {
    const { status, body } = await control("baidu/platforms", { body: { name: "百度 TP" } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "百度 TP", auth_url_path: `/api/baidu/${body.client_id}/auth`, message_url_path: `/api/baidu/${body.client_id}/message` });
    expect(body.encoding_aes_key).toHaveLength(43);
    expect(body.tp_app_id).toEqual(expect.any(Number));
    const pushes = received.filter((r) => r.path === `/api/baidu/${body.client_id}/auth`);
    expect(pushes).toHaveLength(1);
    const opened = openBaiduPush(pushes[0]!.body, { token: body.token, encodingAesKey: body.encoding_aes_key });
    expect(opened.signatureOk).toBe(true);
    expect(opened.message.Ticket).toBe(body.ticket);
    expect((await control("baidu/push-ticket", { body: { client_id: "nobody" } })).status).toBe(404);
    const again = await control("baidu/push-ticket", { body: { client_id: body.client_id } });
    expect(again.body).toMatchObject({ pushed: [body.client_id], delivered: 1 });
    const { body: stateAfter } = await control(`baidu/state?client_id=${body.client_id}`);
    expect(stateAfter.platforms[0].ticket).not.toBe(body.ticket);
  });

  it("seed, app flags and state: the flags gate submitaudit and release", async () => {
    const world = await seeded(3);
    expect(world.seed).toMatchObject({ client_id: world.platform.client_id, created: 3, platform_created: false });
    expect((await control("baidu/settings", { body: { uploadDelayMs: 0 } })).body.uploadDelayMs).toBe(0);
    expect((await control("baidu/apps", { body: { app_id: 1, basic_info_approved: false } })).status).toBe(404);
    const flagged = await control("baidu/apps", { body: { app_id: world.app.app_id, basic_info_approved: false, audit_quota_limit: 5 } });
    expect(flagged.body).toMatchObject({ basic_info_approved: false, audit_quota: { limit: 5 } });
    const { body: draft } = await control("baidu/drafts", { body: { client_id: world.platform.client_id, user_version: "1.0.0" } });
    const { body: added } = await baidu("/rest/2.0/smartapp/template/addtotemplate", { access_token: world.tp, draft_id: draft.draft_id, user_desc: "t" });
    await baidu("/rest/2.0/smartapp/package/upload", { access_token: world.token, template_id: added.data.template_id, ext_json: '{"extEnable":false}', user_version: "1.0.0", user_desc: "d" });
    const { body: state } = await control(`baidu/state?app_id=${world.app.app_id}`);
    expect(state.apps).toHaveLength(1);
    expect(state.apps[0].packages).toEqual([expect.objectContaining({ status: 3, upload: "ready", version: "1.0.0" })]);
    const packageId = state.apps[0].packages[0].package_id;
    expect((await baidu("/rest/2.0/smartapp/package/submitaudit", { access_token: world.token, package_id: packageId, content: "c", remark: "r" })).body.errno).toBe(60003);
    await control("baidu/apps", { body: { app_id: world.app.app_id, basic_info_approved: true } });
    expect((await baidu("/rest/2.0/smartapp/package/submitaudit", { access_token: world.token, package_id: packageId, content: "c", remark: "r" })).body.errno).toBe(0);
    const { body: quota } = await baidu("/rest/2.0/smartapp/package/auditquota", { access_token: world.token }, "GET");
    expect(quota.data).toEqual({ quota_type: 1, quota_times: 5, remain_times: 4 });
  });

  it("audit: 409 with nothing under audit; approve pushes PACKAGE_AUDIT_PASS; reject carries the reason", async () => {
    const world = await seeded();
    await control("baidu/settings", { body: { uploadDelayMs: 0 } });
    expect((await control("baidu/audit", { body: { app_id: world.app.app_id, result: "approve" } })).status).toBe(409);
    const packageId = await submitted(world);
    received.length = 0;
    const rejected = await control("baidu/audit", { body: { app_id: world.app.app_id, result: "reject", reason: "类目不符" } });
    expect(rejected.body).toMatchObject({ package_id: packageId, status: 5, delivered: 1 });
    const message = received.find((r) => r.path === `/api/baidu/${world.platform.client_id}/message`)!;
    expect(openBaiduPush(message.body, { token: world.platform.token, encodingAesKey: world.platform.encoding_aes_key }).message).toMatchObject({
      event: "PACKAGE_AUDIT_FAIL",
      reason: "类目不符",
      appId: world.app.app_id,
    });
    expect((await control("baidu/audit", { body: { app_id: world.app.app_id, result: "maybe" } })).status).toBe(400);
  });

  it("unauthorize: tokens die, UNAUTHORIZED is pushed, a second time is 409", async () => {
    const world = await seeded();
    received.length = 0;
    const done = await control("baidu/unauthorize", { body: { app_id: world.app.app_id } });
    expect(done.body).toMatchObject({ app_id: world.app.app_id, client_id: world.platform.client_id, delivered: 1 });
    const push = openBaiduPush(received[0]!.body, { token: world.platform.token, encodingAesKey: world.platform.encoding_aes_key });
    expect(push.message).toMatchObject({ event: "UNAUTHORIZED", appId: world.app.app_id });
    expect((await baidu("/rest/2.0/smartapp/app/info", { access_token: world.token }, "GET")).body.errno).toBe(110);
    expect((await control("baidu/unauthorize", { body: { app_id: world.app.app_id } })).status).toBe(409);
  });

  it("shared faults answer in Baidu's envelope for one app; a lost answer still applies; the request log counts it", async () => {
    const world = await seeded();
    await control("baidu/settings", { body: { uploadDelayMs: 0 } });
    const appid = String(world.app.app_id);
    expect((await control("faults", { body: { path: "/rest/2.0/smartapp/package/get", errcode: 60002, count: 1, appid } })).status).toBe(200);
    expect((await baidu("/rest/2.0/smartapp/package/get", { access_token: world.token }, "GET")).body).toEqual({ errno: 60002, msg: "sandbox injected fault" });
    expect((await baidu("/rest/2.0/smartapp/package/get", { access_token: world.token }, "GET")).body).toEqual({ errno: 0, msg: "success", data: [] });

    const { body: draft } = await control("baidu/drafts", { body: { client_id: world.platform.client_id, user_version: "1.0.0" } });
    const { body: added } = await baidu("/rest/2.0/smartapp/template/addtotemplate", { access_token: world.tp, draft_id: draft.draft_id, user_desc: "t" });
    await control("faults", { body: { path: "/rest/2.0/smartapp/package/upload", lose_answer: true, count: 1, appid } });
    const lost = await baidu("/rest/2.0/smartapp/package/upload", { access_token: world.token, template_id: added.data.template_id, ext_json: '{"extEnable":false}', user_version: "1.0.0", user_desc: "d" });
    expect(lost.status).toBe(504);
    expect((await baidu("/rest/2.0/smartapp/package/get", { access_token: world.token }, "GET")).body.data).toHaveLength(1);
    const { body: log } = await control(`requests?appid=${appid}&path=/rest/2.0/smartapp/package/upload`);
    expect(log.total).toMatchObject({ calls: 1, lost: 1 });
    expect(log.applied).toMatchObject({ total: 1, duplicates: [] });
  });

  it("reset empties the Baidu tables and restores the Baidu settings", async () => {
    await seeded(2);
    await control("baidu/settings", { body: { uploadDelayMs: 0, autoDecide: { mode: "approve" } } });
    expect((await control("reset")).body.tables).toEqual(expect.arrayContaining(["sandbox_baidu_apps", "sandbox_baidu_packages", "sandbox_baidu_platforms"]));
    const { body } = await control("baidu/state");
    expect(body.platforms).toEqual([]);
    expect(body.apps).toEqual([]);
    expect(body.settings).toMatchObject({ uploadDelayMs: 3000, rollbackDelayMs: 5000, tpTokenTtlSeconds: 2_592_000, appTokenTtlSeconds: 3600, autoDecide: { mode: "off" } });
    expect((await control("baidu/settings", { body: { uploadDelayMs: -1 } })).status).toBe(400);
    expect((await control("baidu/drafts", { body: { user_version: "1" } })).status).toBe(409);
  });
});
