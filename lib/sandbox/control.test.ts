import { describe, expect, it } from "vitest";
import { control, env, handleSandboxControl, platformAndToken, preauth, received, sandboxAudits, db, TOKEN, controlHarness, type Json } from "@/scripts/vitest/control-harness";

/** The control surface: who may use it, what the state says, and how bad input is refused. */
controlHarness();

describe("access", () => {
  it("answers 401 without credentials, with a wrong token, or for a signed-in non-admin", async () => {
    expect((await control("state", { token: null })).status).toBe(401);
    expect((await control("state", { token: null, user: { role: "operator" } })).status).toBe(401);
    expect((await control("state", { token: null, user: { role: "viewer" } })).status).toBe(401);
    const wrong = await control("state", { token: TOKEN + "x" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("unauthorized");
    // A wrong token is not rescued by an admin cookie.
    expect((await control("state", { token: "nope-nope-nope-nope", user: { role: "admin" } })).status).toBe(401);
    expect((await control("reset", { token: null })).status).toBe(401);
  });

  it("lets an admin session in, and requires JSON for its changes (no cross-site form posts)", async () => {
    expect((await control("state", { token: null, user: { role: "admin" } })).status).toBe(200);
    const form = await control("latency", { token: null, user: { role: "admin" }, contentType: "text/plain", body: { ms: 5 } });
    expect(form.status).toBe(415);
    const ok = await control("latency", { token: null, user: { role: "admin" }, body: { ms: 0, jitter_ms: 0 } });
    expect(ok.status).toBe(200);
  });

  it("is 404 everywhere when the sandbox is off", async () => {
    env.SANDBOX = false;
    try {
      expect(await control("state")).toEqual({ status: 404, body: { text: "Not Found" } });
      expect((await control("reset", { token: null })).status).toBe(404);
    } finally {
      env.SANDBOX = true;
    }
  });

  it("answers 404 for an unknown endpoint and 405 for a wrong method", async () => {
    const unknown = await control("nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body.endpoints).toContain("faults/clear");
    const req = new Request("http://localhost/sandbox/control/reset", { method: "GET", headers: { authorization: `Bearer ${TOKEN}` } });
    const res = await handleSandboxControl(req, ["reset"]);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("state", () => {
  it("shows platforms with their credentials, authorizers with their audit state, counters, settings, faults and pushes", async () => {
    const { platform, token } = await platformAndToken();
    expect(platform.component_appsecret).toMatch(/^[0-9a-f]{32}$/);
    expect(platform.verify_ticket).toMatch(/^ticket@@@/);
    await control("seed", { body: { authorizers: 3, component_appid: platform.component_appid } });
    await preauth(platform.component_appid, token);
    await preauth(platform.component_appid, "SBXC_not-a-real-token");

    const { status, body } = await control("state");
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["authorizers", "authorizers_total", "counters", "faults", "generated_at", "platforms", "pushes", "settings"]);
    expect(body.platforms).toHaveLength(1);
    expect(body.platforms[0]).toMatchObject({
      component_appid: platform.component_appid,
      component_appsecret: platform.component_appsecret,
      token: platform.token,
      encoding_aes_key: platform.encoding_aes_key,
      verify_ticket: platform.verify_ticket,
      name: "Test TP",
    });
    expect(body.authorizers_total).toBe(3);
    const one = body.authorizers[0];
    expect(one).toMatchObject({ component_appid: platform.component_appid, authorized: true, audit: null, trial: null, release: null, visit_status: 1 });
    expect(one.refresh_token).toMatch(/^refreshtoken@@@/);
    expect(one.func_info).toContain(18);
    expect(body.counters["/cgi-bin/component/api_create_preauthcode"]).toEqual({ total: 2, by_errcode: { "0": 1, "40001": 1 } });
    expect(body.counters["/cgi-bin/component/api_component_token"].by_errcode["0"]).toBe(1);
    expect(body.settings.tokenTtlSeconds).toBe(7200);
    expect(body.faults).toEqual([]);
    // The platform's first ticket was delivered to the console's auth-event URL at once.
    expect(body.pushes.delivered).toBe(1);
    expect(body.pushes.recent[0]).toMatchObject({ kind: "component_verify_ticket", status: "delivered", attempts: 1 });
    expect(received.map((r) => r.path)).toEqual([`/api/wechat/${platform.component_appid}/auth-events`]);
  });

  it("derives the audit column from the latest audit row, filters by appid and pages with a total", async () => {
    const { body: seeded } = await control("seed", { body: { authorizers: 5 } });
    expect(seeded).toMatchObject({ created: 5, platform_created: true });
    const { body: all } = await control("state?limit=2");
    expect(all.authorizers).toHaveLength(2);
    expect(all.authorizers_total).toBe(5);
    const appid = all.authorizers[1].appid as string;
    await db.insert(sandboxAudits).values([
      { appid, status: 1, userVersion: "1.0.0", request: {}, reason: "old" },
      { appid, status: 2, userVersion: "1.0.1", request: {} },
    ]);
    const { body: one } = await control(`state?appid=${appid}`);
    expect(one.authorizers_total).toBe(1);
    expect(one.authorizers[0].appid).toBe(appid);
    expect(one.authorizers[0].audit).toMatchObject({ status: 2, user_version: "1.0.1", reason: null });
    const byName = await control(`state?q=${encodeURIComponent(one.authorizers[0].nickname)}`);
    expect(byName.body.authorizers.map((a: Json) => a.appid)).toContain(appid);
    expect((await control("state?limit=5000")).status).toBe(400);
  });
});

describe("input validation", () => {
  it("refuses bad input with 400 and the issues, changing nothing", async () => {
    const cases: [string, unknown, string][] = [
      ["faults", { path: "/wxa/commit", errcode: 45009, probability: 2 }, "probability"],
      ["faults", { path: "/wxa/commit" }, "errcode"],
      ["faults", { path: "wxa/commit", errcode: 1 }, "path"],
      ["faults", { path: "/wxa/commit", errcode: 45009, http_status: 503 }, "http_status"],
      ["faults", { path: "/wxa/commit", errcode: 45009, colour: "red" }, ""],
      ["settings", { tokenTtlSeconds: 0 }, "tokenTtlSeconds"],
      ["settings", { autoDecide: { mode: "sometimes" } }, "autoDecide.mode"],
      ["latency", { jitter_ms: 5 }, "ms"],
      ["seed", { authorizers: 0 }, "authorizers"],
      ["audit", { appid: "wx1", result: "maybe" }, "result"],
      ["platforms", { callback_base: "ftp://x" }, "callback_base"],
    ];
    for (const [path, body, field] of cases) {
      const res = await control(path, { body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toBe("invalid_input");
      expect(res.body.issues.map((i: Json) => i.path), path).toContain(field);
    }
    const notJson = await control("faults", { body: "{nope" });
    expect(notJson).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    const { body: state } = await control("state");
    expect(state.faults).toEqual([]);
    expect(state.platforms).toEqual([]);
    expect(state.settings.tokenTtlSeconds).toBe(7200);
    expect(state.settings.latency).toEqual({ ms: 0, jitterMs: 0 });
  });

  it("a platform's callback_base may only be this console (APP_URL's origin)", async () => {
    for (const foreign of ["https://evil.example", "http://127.0.0.1:1", `${env.APP_URL.replace("http://", "https://")}/api`]) {
      const res = await control("platforms", { body: { name: "Elsewhere", callback_base: foreign } });
      expect(res.status, foreign).toBe(400);
      expect(res.body).toMatchObject({ error: "invalid_input", issues: [{ path: "callback_base", message: "validation.callbackOrigin" }] });
    }
    expect((await control("state")).body.platforms).toEqual([]);

    const own = await control("platforms", { body: { name: "Here", callback_base: `${env.APP_URL}/console` } });
    expect(own.status).toBe(200);
    expect(own.body.callback_base).toBe(`${env.APP_URL}/console`);
    // Its first ticket went to the console's origin, under the given base.
    expect(received.map((r) => r.path)).toEqual([`/console/api/wechat/${own.body.component_appid}/auth-events`]);
  });

  it("merges partial settings into the current ones", async () => {
    await control("settings", { body: { autoDecide: { mode: "approve", afterMs: 1500, reason: "ok" }, privacyScanMs: 10 } });
    const { status, body } = await control("settings", { body: { autoDecide: { mode: "reject" }, tokenTtlSeconds: 60 } });
    expect(status).toBe(200);
    expect(body.autoDecide).toEqual({ mode: "reject", afterMs: 1500, reason: "ok" });
    expect(body).toMatchObject({ tokenTtlSeconds: 60, privacyScanMs: 10 });
  });

  it("sets the QR-jump hosts (lower-cased) and rate limit group by group, and refuses a host that is not one", async () => {
    await control("settings", { body: { qrJump: { blacklistedHosts: ["Black.Example.cn"], requestsPerSecond: "5" } } });
    const { status, body } = await control("settings", { body: { qrJump: { hostsWithoutFile: ["nofile.example.cn"] } } });
    expect(status).toBe(200);
    expect(body.qrJump).toEqual({ hostsWithoutFile: ["nofile.example.cn"], blacklistedHosts: ["black.example.cn"], unfiledHosts: [], requestsPerSecond: 5 });
    expect((await control("settings", { body: { qrJump: { unfiledHosts: ["https://a.cn/x"] } } })).status).toBe(400);
    await control("settings", { body: { qrJump: { hostsWithoutFile: [], blacklistedHosts: [], requestsPerSecond: 0 } } });
  });
});
