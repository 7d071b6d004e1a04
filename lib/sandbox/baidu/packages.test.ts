import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { createBaiduDraft } from "./api/templates";
import { decideBaiduAudit } from "./audit";
import { sandboxBaiduApps } from "./schema";
import { updateBaiduSettings } from "./settings";

const baidu = baiduHarness();
const P = "/rest/2.0/smartapp/package";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type World = Awaited<ReturnType<typeof baidu.appWithToken>> & { templateId: number };

async function world(flags: Partial<{ basicInfoApproved: boolean; principalVerified: boolean }> = {}): Promise<World> {
  const made = await baidu.appWithToken(flags);
  const draft = await createBaiduDraft(made.platform.clientId, { userVersion: "1.0.0", userDesc: "draft" });
  const added = await baidu.call("/rest/2.0/smartapp/template/addtotemplate", { token: made.tp, params: { draft_id: draft.draftId, user_desc: "模板" } });
  return { ...made, templateId: added.body.data.template_id as number };
}

const ext = (appId: number | string) => JSON.stringify({ extEnable: true, extAppid: String(appId), directCommit: false, ext: { name: "x" } });
const upload = (w: World, version: string, extra: Record<string, string | number> = {}) =>
  baidu.call(`${P}/upload`, { token: w.token, params: { template_id: w.templateId, ext_json: ext(w.app.appId), user_version: version, user_desc: `desc ${version}`, ...extra } });
const list = async (w: World) => (await baidu.call(`${P}/get`, { method: "GET", token: w.token })).body.data as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const dev = async (w: World) => (await list(w)).find((p) => p.status === 3)!;
const op = (w: World, name: string, params: Record<string, string | number>) => baidu.call(`${P}/${name}`, { token: w.token, params });
const submit = (w: World, packageId: number) => op(w, "submitaudit", { package_id: packageId, content: "送审描述", remark: "备注" });
const flags = (w: World, set: Partial<typeof sandboxBaiduApps.$inferInsert>) => db.update(sandboxBaiduApps).set(set).where(eq(sandboxBaiduApps.appId, w.app.appId));

describe("upload", () => {
  it("makes the development package: the list shows it with status 3 and a numeric package_id", async () => {
    const w = await world();
    expect((await upload(w, "1.0.1")).body).toEqual({ errno: 0, msg: "success" });
    const [pkg] = await list(w);
    expect(pkg).toMatchObject({ version: "1.0.1", version_desc: "desc 1.0.1", status: 3, remark: "", msg: "", committer: "--" });
    expect(typeof pkg!.package_id).toBe("number");
    expect(pkg!.commit_time).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("keeps at most one development package: a new upload replaces it", async () => {
    const w = await world();
    await upload(w, "1.0.1");
    await upload(w, "1.0.2");
    const packages = await list(w);
    expect(packages.map((p) => [p.version, p.status])).toEqual([["1.0.2", 3]]);
  });

  it("accepts ext_json as a JSON object in a JSON body, and extAppid as a number", async () => {
    const w = await world();
    const answer = await baidu.call(`${P}/upload`, {
      token: w.token,
      json: { template_id: String(w.templateId), ext_json: { extEnable: true, extAppid: w.app.appId }, user_version: "2.0.0", user_desc: "json" },
    });
    expect(answer.body.errno).toBe(0);
    expect((await dev(w)).version).toBe("2.0.0");
  });

  it("refuses a missing template (60008), bad ext_json and missing parameters (40001)", async () => {
    const w = await world();
    expect((await upload(w, "1", { template_id: 999_999 })).body.errno).toBe(60008);
    expect((await upload(w, "1", { ext_json: "{not json" })).body.errno).toBe(40001);
    expect((await upload(w, "1", { ext_json: JSON.stringify({ extAppid: w.app.appId }) })).body.errno).toBe(40001);
    expect((await upload(w, "1", { ext_json: ext(12345678) })).body).toEqual({ errno: 40001, msg: "参数错误: ext_json.extAppid is not this smart program" });
    const noVersion = await baidu.call(`${P}/upload`, { token: w.token, params: { template_id: w.templateId, ext_json: ext(w.app.appId) } });
    expect(noVersion.body).toEqual({ errno: 40001, msg: "参数错误: user_version is required" });
    expect((await upload(w, "1", { template_id: "abc" })).body.errno).toBe(40001);
    expect(await list(w)).toEqual([]);
  });

  it("takes effect after the upload delay: upload_status 1 (no package_id) until then", async () => {
    const w = await world();
    await updateBaiduSettings({ uploadDelayMs: 400 });
    try {
      await upload(w, "3.0.0");
      const [uploading] = await list(w);
      expect(uploading).toEqual({ version: "3.0.0", commit_time: expect.any(String), version_desc: "desc 3.0.0", upload_status: 1, upload_status_desc: "上传中" });
      await sleep(450);
      expect((await dev(w)).package_id).toEqual(expect.any(Number));
    } finally {
      await updateBaiduSettings({ uploadDelayMs: 0 });
    }
  });

  it("a failing upload shows upload_status 3", async () => {
    const w = await world();
    await flags(w, { failUploads: true });
    await upload(w, "4.0.0");
    expect(await list(w)).toEqual([{ version: "4.0.0", commit_time: expect.any(String), version_desc: "desc 4.0.0", upload_status: 3, upload_status_desc: "上传失败" }]);
  });
});

describe("submitaudit, withdraw, audit decisions", () => {
  it("needs approved basic info (60003), then moves the development package to audit (4)", async () => {
    const w = await world({ basicInfoApproved: false });
    await upload(w, "1.0.0");
    const pkg = await dev(w);
    expect((await submit(w, pkg.package_id)).body.errno).toBe(60003);
    await flags(w, { basicInfoApproved: true });
    expect((await submit(w, pkg.package_id)).body).toEqual({ errno: 0, msg: "success" });
    const packages = await list(w);
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ package_id: pkg.package_id, status: 4, remark: "备注" });
  });

  it("refuses an unknown package (60001), a non-development one (60002), a second audit (60010), missing content (40001)", async () => {
    const w = await world();
    await upload(w, "1.0.0");
    const first = await dev(w);
    expect((await submit(w, 987_654)).body.errno).toBe(60001);
    expect((await op(w, "submitaudit", { package_id: first.package_id, remark: "r" })).body.errno).toBe(40001);
    expect((await submit(w, first.package_id)).body.errno).toBe(0);
    expect((await submit(w, first.package_id)).body.errno).toBe(60002);
    await upload(w, "1.0.1");
    expect((await submit(w, (await dev(w)).package_id)).body.errno).toBe(60010);
  });

  it("withdraws only the package under audit, which becomes the development package again", async () => {
    const w = await world();
    await upload(w, "1.0.0");
    const pkg = await dev(w);
    expect((await op(w, "withdraw", { package_id: pkg.package_id })).body.errno).toBe(60002);
    await submit(w, pkg.package_id);
    expect((await op(w, "withdraw", { package_id: String(pkg.package_id) })).body.errno).toBe(0);
    expect((await list(w)).map((p) => [p.package_id, p.status])).toEqual([[pkg.package_id, 3]]);
  });

  it("counts the audit quota: remain_times falls, and at zero submitaudit answers 60005", async () => {
    const w = await world();
    await flags(w, { auditQuotaLimit: 1 });
    const quota = async () => (await baidu.call(`${P}/auditquota`, { method: "GET", token: w.token })).body.data;
    expect(await quota()).toEqual({ quota_type: 1, quota_times: 1, remain_times: 1 });
    await upload(w, "1.0.0");
    const pkg = await dev(w);
    await submit(w, pkg.package_id);
    expect(await quota()).toEqual({ quota_type: 1, quota_times: 1, remain_times: 0 });
    await op(w, "withdraw", { package_id: pkg.package_id });
    expect((await submit(w, pkg.package_id)).body.errno).toBe(60005);
  });

  it("a rejection keeps the reason in msg; a new submission replaces the rejected audit package", async () => {
    const w = await world();
    await upload(w, "1.0.0");
    const first = await dev(w);
    await submit(w, first.package_id);
    expect(await decideBaiduAudit(w.app.appId, { result: "reject", reason: "名称过长" })).toMatchObject({ package_id: first.package_id, status: 5 });
    expect((await list(w))[0]).toMatchObject({ status: 5, msg: "名称过长" });
    await upload(w, "1.0.1");
    const second = await dev(w);
    await submit(w, second.package_id);
    expect((await list(w)).map((p) => [p.version, p.status])).toEqual([["1.0.1", 4]]);
    expect(await decideBaiduAudit(w.app.appId, { result: "approve" })).toMatchObject({ status: 6 });
    expect(await decideBaiduAudit(w.app.appId, { result: "approve" })).toBeNull();
  });
});

describe("release and rollback", () => {
  async function approved(w: World, version: string) {
    await upload(w, version);
    const pkg = await dev(w);
    await submit(w, pkg.package_id);
    await decideBaiduAudit(w.app.appId, { result: "approve" });
    return pkg.package_id as number;
  }

  it("releases only an approved package, with the principal verified (60004)", async () => {
    const w = await world({ principalVerified: false });
    await upload(w, "1.0.0");
    const pkg = await dev(w);
    expect((await op(w, "release", { package_id: pkg.package_id })).body.errno).toBe(60002);
    await submit(w, pkg.package_id);
    expect((await op(w, "release", { package_id: pkg.package_id })).body.errno).toBe(60002);
    await decideBaiduAudit(w.app.appId, { result: "approve" });
    expect((await op(w, "release", { package_id: pkg.package_id })).body.errno).toBe(60004);
    await flags(w, { principalVerified: true });
    expect((await op(w, "release", { package_id: pkg.package_id })).body.errno).toBe(0);
    expect(await list(w)).toEqual([expect.objectContaining({ package_id: pkg.package_id, status: 1, rollback_version: "" })]);
    // Nothing to go back to yet.
    expect((await op(w, "rollback", { package_id: pkg.package_id })).body.errno).toBe(60007);
  });

  it("rolls back after the delay: status 8 meanwhile (release refused, 60012), then the previous package is online", async () => {
    const w = await world();
    const first = await approved(w, "1.0.0");
    await op(w, "release", { package_id: first });
    const second = await approved(w, "1.1.0");
    await op(w, "release", { package_id: second });
    expect(await list(w)).toEqual([expect.objectContaining({ package_id: second, status: 1, rollback_version: "1.0.0" })]);
    expect((await op(w, "rollback", { package_id: first })).body.errno).toBe(60001);
    const third = await approved(w, "1.2.0");
    await updateBaiduSettings({ rollbackDelayMs: 400 });
    try {
      expect((await op(w, "rollback", { package_id: second })).body).toEqual({ errno: 0, msg: "success" });
      const during = await list(w);
      expect(during.map((p) => [p.package_id, p.status])).toEqual([
        [second, 8],
        [third, 6],
      ]);
      expect((await op(w, "release", { package_id: third })).body.errno).toBe(60012);
      expect((await op(w, "rollback", { package_id: second })).body.errno).toBe(60012);
      await sleep(450);
      const after = await list(w);
      expect(after.map((p) => [p.package_id, p.status, p.version])).toEqual([
        [first, 1, "1.0.0"],
        [third, 6, "1.2.0"],
      ]);
    } finally {
      await updateBaiduSettings({ rollbackDelayMs: 0 });
    }
  });
});

describe("getdetail", () => {
  it("finds a package by type (online by default) or by package_id, and answers 60001 / 40001 otherwise", async () => {
    const w = await world();
    const detail = (params: Record<string, string | number>) => baidu.call(`${P}/getdetail`, { method: "GET", token: w.token, params });
    expect((await detail({})).body.errno).toBe(60001);
    await upload(w, "1.0.0");
    const pkg = await dev(w);
    expect((await detail({ type: 3 })).body.data).toMatchObject({ package_id: pkg.package_id, status: 3, version: "1.0.0" });
    await submit(w, pkg.package_id);
    const byId = await detail({ package_id: pkg.package_id });
    expect(byId.body.errno).toBe(0);
    expect(Object.keys(byId.body.data).sort()).toEqual(["commit_time", "committer", "msg", "package_id", "remark", "status", "version", "version_desc"]);
    expect(byId.body.data.status).toBe(4);
    expect((await detail({ type: 3 })).body.errno).toBe(60001);
    expect((await detail({ type: 2 })).body.errno).toBe(40001);
  });
});
