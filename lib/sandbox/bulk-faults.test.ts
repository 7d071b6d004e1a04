import { describe, expect, it } from "vitest";
import { call, commit, control, controlHarness, fleet, requests, submitAudit, tokenFor, type Json } from "@/scripts/vitest/sandbox-bulk";

/** Lost answers, faults and latency for one account, and the request log that proves what reached the handler. */
controlHarness();

describe("lost answers (fault lose_answer)", () => {
  it("commit runs, the caller gets HTTP 504 and no platform answer; the log counts the call as lost and applied", async () => {
    const f = await fleet(1);
    const a = f.authorizers[0]!;
    const token = await tokenFor(f, a);
    const added = await control("faults", { body: { path: "/wxa/commit", lose_answer: true, count: 1 } });
    expect(added.status).toBe(200);
    expect(added.body.faults).toEqual([expect.objectContaining({ path: "/wxa/commit", lose_answer: true, appid: null, remaining: 1, errcode: null })]);

    const lost = await commit(token, f.templateId, { extAppid: "wx0000000000000001" }, "2.0.0");
    expect(lost.status).toBe(504);
    expect(lost.text).toBe("gateway timeout");
    expect(lost.body).toEqual({});
    // The commit was stored all the same: the trial is the new version.
    const info = await call("/wxa/getversioninfo", { token });
    expect(info.body.exp_info).toMatchObject({ exp_version: "2.0.0", exp_desc: "bulk" });
    const log = await requests({ appid: a.appid, path: "/wxa/commit" });
    expect(log.rows).toEqual([{ appid: a.appid, path: "/wxa/commit", errcode: 0, count: 1, lost: 1 }]);
    expect(log.total).toEqual({ calls: 1, lost: 1, by_errcode: { "0": 1 } });
    expect(log.applied).toMatchObject({ total: 1, appids: 1, duplicates: [], rows: [{ appid: a.appid, path: "/wxa/commit", count: 1 }] });

    // A caller that retries blindly commits twice: the duplicates list names it.
    const again = await commit(token, f.templateId, { extAppid: "wx0000000000000001" }, "2.0.0");
    expect(again).toMatchObject({ status: 200, body: { errcode: 0, errmsg: "ok" } });
    const after = await requests({ appid: a.appid });
    expect(after.applied.duplicates).toEqual([{ appid: a.appid, path: "/wxa/commit", count: 2 }]);
    expect(after.rows).toEqual(expect.arrayContaining([{ appid: a.appid, path: "/wxa/commit", errcode: 0, count: 2, lost: 1 }]));
  });

  it("submit_audit runs (the audit is under review, the quota spent) while the caller sees no answer", async () => {
    const f = await fleet(1, { page_sets: [["pages/index/index"]] });
    const a = f.authorizers[0]!;
    const token = await tokenFor(f, a);
    await control("faults", { body: { path: "/wxa/submit_audit", lose_answer: true, count: 1 } });
    const lost = await submitAudit(token);
    expect(lost.status).toBe(504);
    expect(lost.body.auditid).toBeUndefined();

    const latest = await call("/wxa/get_latest_auditstatus", { token, method: "GET" });
    expect(latest.body).toMatchObject({ errcode: 0, status: 2, user_version: "seed" });
    expect((await call("/wxa/queryquota", { token, method: "GET" })).body).toMatchObject({ rest: 19, limit: 20 });
    // The retry the caller might make is refused by the state the lost call left.
    expect((await submitAudit(token)).body.errcode).toBe(85009);
    const log = await requests({ appid: a.appid, path: "/wxa/submit_audit" });
    expect(log.rows).toEqual([
      { appid: a.appid, path: "/wxa/submit_audit", errcode: 0, count: 1, lost: 1 },
      { appid: a.appid, path: "/wxa/submit_audit", errcode: 85009, count: 1, lost: 0 },
    ]);
    expect(log.applied.rows).toEqual([{ appid: a.appid, path: "/wxa/submit_audit", count: 1 }]);
  });

  it("a refused call loses its answer too; timeout_ms holds the 504 back; the fault's count is honoured", async () => {
    const f = await fleet(1);
    const token = await tokenFor(f, f.authorizers[0]!);
    await control("faults", { body: { path: "/wxa/submit_audit", lose_answer: true, timeout_ms: 300, count: 1 } });
    const lost = await submitAudit(token);
    expect(lost.status).toBe(504);
    expect(lost.ms).toBeGreaterThanOrEqual(290);
    // Nothing committed: the platform refused (85086), and that refusal was lost as well.
    const log = await requests({ appid: f.authorizers[0]!.appid });
    expect(log.rows).toEqual([{ appid: f.authorizers[0]!.appid, path: "/wxa/submit_audit", errcode: 85086, count: 1, lost: 1 }]);
    expect(log.applied.total).toBe(0);
    expect((await submitAudit(token)).body.errcode).toBe(85086);
  });

  it("refuses lose_answer with an errcode or an HTTP status, and a fault with nothing to do", async () => {
    for (const body of [
      { path: "/wxa/commit", lose_answer: true, errcode: -1 },
      { path: "/wxa/commit", lose_answer: true, http_status: 502 },
    ]) {
      const res = await control("faults", { body });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: Json) => i.path)).toContain("lose_answer");
    }
    expect((await control("faults", { body: { path: "/wxa/commit", lose_answer: false } })).body.issues.map((i: Json) => i.path)).toContain("errcode");
    expect((await control("faults", { body: { path: "/wxa/commit", appid: "bad appid!", errcode: -1 } })).body.issues.map((i: Json) => i.path)).toContain("appid");
    expect((await control("state")).body.faults).toEqual([]);
  });
});

describe("faults and latency for one account", () => {
  it("a fault naming an appid fails only that authorizer's calls (resolved from its token)", async () => {
    const f = await fleet(2);
    const [a, b] = f.authorizers as [Json, Json];
    const [ta, tb] = [await tokenFor(f, a), await tokenFor(f, b)];
    await control("faults", { body: { path: "/wxa/*", appid: a.appid, errcode: 45009 } });
    const refused = await commit(ta, f.templateId);
    expect(refused.body).toMatchObject({ errcode: 45009 });
    expect((await commit(tb, f.templateId)).body).toMatchObject({ errcode: 0 });
    expect((await call("/wxa/get_category", { token: ta, method: "GET" })).body.errcode).toBe(45009);
    expect((await call("/wxa/get_category", { token: tb, method: "GET" })).body.errcode).toBe(0);
    // Nothing was applied for the faulted account; its refusals are in its log.
    const log = await requests({ appid: a.appid });
    expect(log.applied.total).toBe(0);
    expect(log.total).toMatchObject({ calls: 2, by_errcode: { "45009": 2 } });
    expect((await requests({ appid: b.appid })).applied.total).toBe(1);
  });

  it("a lost-answer fault for one appid loses only that authorizer's answers", async () => {
    const f = await fleet(2);
    const [a, b] = f.authorizers as [Json, Json];
    const [ta, tb] = [await tokenFor(f, a), await tokenFor(f, b)];
    await control("faults", { body: { path: "/wxa/commit", appid: b.appid, lose_answer: true } });
    expect((await commit(ta, f.templateId)).status).toBe(200);
    expect((await commit(tb, f.templateId)).status).toBe(504);
    expect((await commit(tb, f.templateId)).status).toBe(504);
    const log = await requests({ path: "/wxa/commit" });
    expect(log.rows).toEqual(
      expect.arrayContaining([
        { appid: a.appid, path: "/wxa/commit", errcode: 0, count: 1, lost: 0 },
        { appid: b.appid, path: "/wxa/commit", errcode: 0, count: 2, lost: 2 },
      ]),
    );
    expect(log.applied.duplicates).toEqual([{ appid: b.appid, path: "/wxa/commit", count: 2 }]);
  });

  it("latency for one appid slows that authorizer only, on top of the global latency, and can be removed", async () => {
    const f = await fleet(2);
    const [a, b] = f.authorizers as [Json, Json];
    const [ta, tb] = [await tokenFor(f, a), await tokenFor(f, b)];
    const set = await control("latency", { body: { appid: a.appid, ms: 400 } });
    expect(set.body).toEqual({ appid: a.appid, ms: 400, jitterMs: 0 });
    const slow = await call("/wxa/get_category", { token: ta, method: "GET" });
    const fast = await call("/wxa/get_category", { token: tb, method: "GET" });
    expect(slow.body.errcode).toBe(0);
    expect(slow.ms).toBeGreaterThanOrEqual(390);
    expect(slow.ms - fast.ms).toBeGreaterThan(300);
    expect((await control("state?limit=0")).body.settings.latencyByAppid).toEqual({ [a.appid]: { ms: 400, jitterMs: 0 } });
    // The same through the settings patch: another appid added, then both removed (null, or 0 ms and no jitter).
    await control("settings", { body: { latencyByAppid: { [b.appid]: { ms: 5, jitterMs: 5 } } } });
    expect((await control("state?limit=0")).body.settings.latencyByAppid).toEqual({ [a.appid]: { ms: 400, jitterMs: 0 }, [b.appid]: { ms: 5, jitterMs: 5 } });
    await control("settings", { body: { latencyByAppid: { [b.appid]: null } } });
    expect((await control("latency", { body: { appid: a.appid, ms: 0 } })).body).toEqual({ appid: a.appid, ms: 0, jitterMs: 0 });
    expect((await control("state?limit=0")).body.settings.latencyByAppid).toEqual({});
    expect((await call("/wxa/get_category", { token: ta, method: "GET" })).ms).toBeLessThan(300);
  });
});

describe("the request log (GET /sandbox/control/requests)", () => {
  it("counts calls per account, path and errcode, component calls under the platform, and starts again on counters/reset", async () => {
    const f = await fleet(2);
    const [a, b] = f.authorizers as [Json, Json];
    const ta = await tokenFor(f, a);
    await tokenFor(f, b);
    await commit(ta, f.templateId);
    await commit(ta, f.templateId, { extAppid: "wx0000000000000001", pages: ["nope"] });
    await submitAudit(ta, { item_list: "not a list" });

    const mine = await requests({ appid: a.appid });
    expect(mine.rows).toEqual([
      { appid: a.appid, path: "/wxa/commit", errcode: 0, count: 1, lost: 0 },
      { appid: a.appid, path: "/wxa/commit", errcode: 85045, count: 1, lost: 0 },
      { appid: a.appid, path: "/wxa/submit_audit", errcode: 47001, count: 1, lost: 0 },
    ]);
    expect(mine.applied).toMatchObject({ total: 1, appids: 1 });
    // The token calls are the platform's: its component appid is the account.
    const platformCalls = await requests({ appid: f.componentAppid });
    expect(platformCalls.rows).toEqual([{ appid: f.componentAppid, path: "/cgi-bin/component/api_authorizer_token", errcode: 0, count: 2, lost: 0 }]);
    const commits = await requests({ path: "/wxa/commit" });
    expect(commits.total).toEqual({ calls: 2, lost: 0, by_errcode: { "0": 1, "85045": 1 } });
    expect((await requests({ path: "/wxa/commit", limit: "1" })).rows).toHaveLength(1);
    expect((await control("requests?limit=-1")).status).toBe(400);
    expect((await control("requests?path=wxa")).status).toBe(400);

    expect((await control("counters/reset")).status).toBe(200);
    const empty = await requests();
    expect(empty).toMatchObject({ total: { calls: 0, lost: 0 }, rows: [], applied: { total: 0, appids: 0, rows: [] }, traced: { calls: 0, max_in_flight: 0 } });
    expect((await control("state?limit=0")).body.counters).toEqual({});
  });

  it("traces calls while traceCalls is on: three calls at once, then one alone, are 4 traced and 3 in hand at most", async () => {
    const f = await fleet(1);
    const token = await tokenFor(f, f.authorizers[0]!);
    await control("counters/reset");
    // Off by default: calls are counted, not traced.
    await call("/wxa/get_category", { token, method: "GET" });
    expect((await requests()).traced).toEqual({ calls: 0, max_in_flight: 0 });

    expect((await control("settings", { body: { traceCalls: true, latency: { ms: 150 } } })).status).toBe(200);
    const together = await Promise.all([1, 2, 3].map(() => call("/wxa/get_category", { token, method: "GET" })));
    expect(together.every((r) => r.body.errcode === 0 && r.ms >= 140)).toBe(true);
    await call("/wxa/get_category", { token, method: "GET" });
    expect((await requests()).traced).toEqual({ calls: 4, max_in_flight: 3 });

    await control("settings", { body: { traceCalls: false, latency: { ms: 0 } } });
    expect((await control("counters/reset")).status).toBe(200);
    expect((await requests()).traced).toEqual({ calls: 0, max_in_flight: 0 });
  });
});
