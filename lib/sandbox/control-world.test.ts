import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { control, db, platformAndToken, preauth, received, sandboxAudits, sandboxPushes, sandboxTokens, controlHarness, wechat, type Json } from "@/scripts/vitest/control-harness";

/** What the control surface changes in the emulated platform, checked over HTTP through the WeChat API. */
controlHarness();

describe("faults and latency over HTTP", () => {
  it("a counted fault answers its errcode once, then the call succeeds again", async () => {
    const { platform, token } = await platformAndToken();
    const added = await control("faults", { body: { path: "/cgi-bin/component/api_create_preauthcode", errcode: 45009, count: 1 } });
    expect(added.status).toBe(200);
    expect(added.body.faults).toEqual([expect.objectContaining({ path: "/cgi-bin/component/api_create_preauthcode", errcode: 45009, remaining: 1, probability: 1 })]);
    const first = await preauth(platform.component_appid, token);
    expect(first.body.errcode).toBe(45009);
    const second = await preauth(platform.component_appid, token);
    expect(second.body.pre_auth_code).toMatch(/^preauthcode@@@/);
    const { body: state } = await control("state");
    expect(state.faults).toEqual([]);
    expect(state.counters["/cgi-bin/component/api_create_preauthcode"].by_errcode).toEqual({ "0": 1, "45009": 1 });
  });

  it("a fault with probability 0 never fires; a glob HTTP fault fires until cleared", async () => {
    const { platform, token } = await platformAndToken();
    await control("faults", { body: { path: "/cgi-bin/component/api_create_preauthcode", errcode: -1, probability: 0 } });
    for (let i = 0; i < 15; i++) expect((await preauth(platform.component_appid, token)).body.pre_auth_code).toBeTruthy();

    await control("faults", { body: { path: "/sandbox/wechat/cgi-bin/component/*", http_status: 503 } });
    const { body: state } = await control("state");
    expect(state.faults.map((f: Json) => f.path)).toEqual(["/cgi-bin/component/api_create_preauthcode", "/cgi-bin/component/*"]);
    expect((await preauth(platform.component_appid, token)).status).toBe(503);
    const cleared = await control("faults/clear");
    expect(cleared.body.removed).toBe(2);
    expect((await preauth(platform.component_appid, token)).status).toBe(200);
  });

  it("latency delays every call by at least its ms", async () => {
    const { platform, token } = await platformAndToken();
    const fast = await preauth(platform.component_appid, token);
    expect((await control("latency", { body: { ms: 400 } })).body).toEqual({ ms: 400, jitterMs: 0 });
    const slow = await preauth(platform.component_appid, token);
    expect(slow.body.pre_auth_code).toBeTruthy();
    expect(slow.ms).toBeGreaterThanOrEqual(390);
    expect(slow.ms - fast.ms).toBeGreaterThan(300);
  });
});

describe("world changes", () => {
  it("reset empties platforms, authorizers, faults, settings and counters", async () => {
    const { platform, token } = await platformAndToken();
    await control("seed", { body: { authorizers: 2 } });
    await control("faults", { body: { path: "/wxa/*", errcode: -1 } });
    await control("latency", { body: { ms: 50, jitter_ms: 10 } });
    await preauth(platform.component_appid, token);
    expect((await control("reset")).body.tables).toEqual(expect.arrayContaining(["sandbox_platforms", "sandbox_faults", "sandbox_settings", "sandbox_counters"]));
    const { body } = await control("state");
    expect(body).toMatchObject({ platforms: [], authorizers: [], authorizers_total: 0, faults: [], counters: {} });
    expect(body.settings.latency).toEqual({ ms: 0, jitterMs: 0 });
    expect(body.pushes).toMatchObject({ pending: 0, delivered: 0, failed: 0 });
    // The old component token died with its platform.
    expect((await preauth(platform.component_appid, token)).body.errcode).toBe(40001);
  });

  it("seed creates N authorizers on the given platform, and refuses an unknown one", async () => {
    const { platform } = await platformAndToken();
    const { status, body } = await control("seed", { body: { authorizers: 40, component_appid: platform.component_appid } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ component_appid: platform.component_appid, created: 40, platform_created: false });
    expect(typeof body.elapsed_ms).toBe("number");
    expect((await control("state?limit=0")).body.authorizers_total).toBe(40);
    expect(await control("seed", { body: { authorizers: 1, component_appid: "wx0000000000000000" } })).toMatchObject({ status: 404, body: { error: "platform_not_found" } });
  });

  it("unauthorize revokes the tokens (api_authorizer_token → 61003) and pushes `unauthorized`", async () => {
    const { platform, token } = await platformAndToken();
    await control("seed", { body: { authorizers: 1 } });
    const a = (await control("state")).body.authorizers[0] as Json;
    const refresh = () =>
      wechat(
        "/cgi-bin/component/api_authorizer_token",
        { component_appid: platform.component_appid, authorizer_appid: a.appid, authorizer_refresh_token: a.refresh_token },
        { component_access_token: token },
      );
    expect((await refresh()).body.authorizer_access_token).toMatch(/^SBXA_/);
    expect(await db.select().from(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, a.appid))).toHaveLength(1);

    const res = await control("unauthorize", { body: { appid: a.appid } });
    expect(res).toMatchObject({ status: 200, body: { appid: a.appid, component_appid: platform.component_appid } });
    expect((await refresh()).body.errcode).toBe(61003);
    expect(await db.select().from(sandboxTokens).where(eq(sandboxTokens.authorizerAppid, a.appid))).toHaveLength(0);
    const [push] = await db.select().from(sandboxPushes).where(eq(sandboxPushes.id, res.body.push_id));
    expect(push).toMatchObject({ kind: "unauthorized", status: "pending" });
    expect(push!.plaintext).toContain(`<AuthorizerAppid><![CDATA[${a.appid}]]></AuthorizerAppid>`);
    const { body: after } = await control(`state?appid=${a.appid}`);
    expect(after.authorizers[0]).toMatchObject({ authorized: false, refresh_token: null });

    expect(await control("unauthorize", { body: { appid: a.appid } })).toMatchObject({ status: 409, body: { error: "already_unauthorized" } });
    expect(await control("unauthorize", { body: { appid: "wxnobody" } })).toMatchObject({ status: 404, body: { error: "authorizer_not_found" } });
  });

  it("push-ticket replaces the ticket and delivers it at once; deliver sends what is due", async () => {
    const { platform } = await platformAndToken();
    received.length = 0;
    const res = await control("push-ticket", { body: { component_appid: platform.component_appid } });
    expect(res.body).toEqual({ pushed: [platform.component_appid], delivered: 1 });
    const { body } = await control("state");
    expect(body.platforms[0].verify_ticket).not.toBe(platform.verify_ticket);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toContain(`<AppId><![CDATA[${platform.component_appid}]]></AppId>`);
    expect(await control("push-ticket", { body: { component_appid: "wxunknown" } })).toMatchObject({ status: 404 });

    // An unauthorize push waits for the background (or `deliver`), unlike a ticket push.
    await control("seed", { body: { authorizers: 1 } });
    await control("unauthorize", { body: { appid: (await control("state")).body.authorizers[0].appid } });
    expect((await control("state")).body.pushes.pending).toBe(1);
    expect((await control("deliver")).body).toEqual({ attempted: 1 });
    expect((await control("state")).body.pushes.pending).toBe(0);
  });

  it("audit decisions go to the authorizer's audit under review, and are refused without one", async () => {
    await control("seed", { body: { authorizers: 1 } });
    const appid = (await control("state")).body.authorizers[0].appid as string;
    expect(await control("audit", { body: { appid, result: "approve" } })).toMatchObject({ status: 409, body: { error: "no_audit_under_review" } });
    expect(await control("audit", { body: { appid: "wxnobody", result: "approve" } })).toMatchObject({ status: 404 });
    const [audit] = await db.insert(sandboxAudits).values({ appid, status: 2, userVersion: "2.0.0", request: {} }).returning();
    const res = await control("audit", { body: { appid, result: "reject", reason: "1:bad<br>", screenshot: "m1|m2" } });
    expect(res).toMatchObject({ status: 200, body: { auditid: audit!.auditid, status: 1 } });
    const { body } = await control(`state?appid=${appid}`);
    expect(body.authorizers[0].audit).toMatchObject({ status: 1, reason: "1:bad<br>", screenshot: "m1|m2" });
  });

  it("counters/reset empties the call counters only", async () => {
    const { platform, token } = await platformAndToken();
    await preauth(platform.component_appid, token);
    expect((await control("counters/reset")).status).toBe(200);
    const { body } = await control("state");
    expect(body.counters).toEqual({});
    expect(body.platforms).toHaveLength(1);
  });
});
