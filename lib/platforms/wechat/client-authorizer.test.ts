import { beforeAll, describe, expect, it } from "vitest";
import { decide } from "@/lib/sandbox/control-ops";
import { trialQrText } from "@/lib/sandbox/api/code";
import { DEFAULT_CATEGORIES, getAuthorizer } from "@/lib/sandbox/registry";
import { updateSettings } from "@/lib/sandbox/settings";
import { insertTemplate, readQr, sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, oneCall, type World } from "@/scripts/vitest/wechat";

/**
 * One mini-program's calls (authorizer_access_token) against the sandbox over HTTP, one happy path per method,
 * in the order a real version goes: commit → trial → audit → release → gray → rollback; then settings and QR-jump.
 * The tests of this file share one world and run in order.
 */

const sandbox = sandboxHarness();
let w: World;
let templateId: number;
const PAGES = ["pages/index/index", "pages/list/list", "pages/detail/detail"];
const ext = (version: string) => JSON.stringify({ extAppid: "", ext: { shop: "沙盒小店", version } });
const item = (address: string) => ({ address, tag: "工具 效率", title: "首页", ...DEFAULT_CATEGORIES[0]! });

beforeAll(async () => {
  // The privacy scan after a commit would make submit_audit answer 61039 for 3 s; this file is not about that.
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox);
  templateId = await insertTemplate(w.platform.componentAppid, { pages: PAGES });
  await w.client.getCategory(); // warm both tokens: every call below costs exactly one upstream request
});

/** Submits the trial for audit and has the sandbox's reviewer approve it. */
async function approvedVersion(version: string) {
  await w.client.commit({ template_id: templateId, ext_json: ext(version), user_version: version, user_desc: `desc ${version}` });
  const { auditid } = await w.client.submitAudit({ item_list: [item(PAGES[0]!)] });
  await decide({ appid: w.authorizer.appid, result: "approve" });
  return Number(auditid);
}

describe("code: commit and the trial version", () => {
  it("reads the categories", async () => {
    const answer = await oneCall(() => w.client.getCategory());
    expect(answer.category_list).toEqual(DEFAULT_CATEGORIES);
  });

  it("commits, then reads the trial's pages, version info and privacy scan", async () => {
    expect(await oneCall(() => w.client.commit({ template_id: templateId, ext_json: ext("V1.0"), user_version: "V1.0", user_desc: "第一版" }))).toEqual({
      errcode: 0,
      errmsg: "ok",
    });
    expect((await getAuthorizer(w.authorizer.appid))!.state.trial).toMatchObject({ templateId, userVersion: "V1.0", extJson: ext("V1.0") });
    expect((await oneCall(() => w.client.getPage())).page_list).toEqual(PAGES);
    const info = await oneCall(() => w.client.getVersionInfo());
    expect(info.exp_info).toMatchObject({ exp_version: "V1.0", exp_desc: "第一版", exp_time: expect.any(Number) });
    expect(info.release_info).toBeUndefined();
    expect(await oneCall(() => w.client.getCodePrivacyInfo())).toMatchObject({ without_auth_list: [], without_conf_list: [] });
  });

  it("downloads the trial QR code as a JPEG that opens the requested page", async () => {
    const qr = await oneCall(() => w.client.getTrialQrcode({ path: "pages/list/list?from=console&x=1" }));
    expect(qr.contentType).toBe("image/jpeg");
    expect([...qr.bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(readQr(qr.bytes).text).toBe(trialQrText(w.authorizer.appid, "pages/list/list?from=console&x=1"));
    // Without a path: the home page.
    expect(readQr((await w.client.getTrialQrcode()).bytes).text).toBe(trialQrText(w.authorizer.appid, PAGES[0]!));
  });
});

describe("audit", () => {
  let auditid: number;

  it("submits for audit and reads the status both ways", async () => {
    const submitted = await oneCall(() => w.client.submitAudit({ item_list: [item(PAGES[0]!), item(PAGES[1]!)], version_desc: "首次提审" }));
    auditid = Number(submitted.auditid);
    expect(auditid).toBeGreaterThan(0);
    expect(await oneCall(() => w.client.getAuditStatus({ auditid }))).toMatchObject({ status: 2, reason: "", screenshot: "" });
    const latest = await oneCall(() => w.client.getLatestAuditStatus());
    expect(latest).toMatchObject({ auditid, status: 2, user_version: "V1.0", user_desc: "第一版", screenshot: "" });
    expect(latest).not.toHaveProperty("ScreenShot");
  });

  it("speeds the audit up and shows the platform's quotas spent", async () => {
    expect(await oneCall(() => w.client.speedupAudit({ auditid }))).toMatchObject({ errcode: 0 });
    expect(await oneCall(() => w.client.queryQuota())).toMatchObject({ rest: 19, limit: 20, speedup_rest: 9, speedup_limit: 10 });
  });

  it("withdraws the audit (status 3)", async () => {
    expect(await oneCall(() => w.client.undoAudit())).toMatchObject({ errcode: 0 });
    expect((await w.client.getAuditStatus({ auditid })).status).toBe(3);
  });

  it("reads a rejection's reason and screenshot", async () => {
    await w.client.submitAudit({ item_list: [item(PAGES[0]!)] });
    await decide({ appid: w.authorizer.appid, result: "reject", reason: "信息不完整", screenshot: "media1|media2" });
    expect(await w.client.getLatestAuditStatus()).toMatchObject({ status: 1, reason: "信息不完整", screenshot: "media1|media2" });
  });
});

describe("release, gray release and rollback", () => {
  it("releases an approved version", async () => {
    await approvedVersion("V1.0");
    expect(await oneCall(() => w.client.release())).toMatchObject({ errcode: 0 });
    expect((await w.client.getVersionInfo()).release_info).toMatchObject({ release_version: "V1.0", release_desc: "desc V1.0" });
    const history = await oneCall(() => w.client.getHistoryVersions());
    expect(history.version_list).toEqual([{ app_version: 1, user_version: "V1.0", user_desc: "desc V1.0", commit_time: expect.any(Number) }]);
  });

  it("rolls the next version out to 10 %, reads the plan, cancels it", async () => {
    await approvedVersion("V1.1");
    expect(await oneCall(() => w.client.grayRelease({ gray_percentage: 10, support_experiencer_first: true }))).toMatchObject({ errcode: 0 });
    const plan = await oneCall(() => w.client.getGrayReleasePlan());
    expect(plan.gray_release_plan).toMatchObject({ status: 1, gray_percentage: 10, support_debuger_first: false, support_experiencer_first: true });
    expect(await oneCall(() => w.client.revertGrayRelease())).toMatchObject({ errcode: 0 });
    expect((await w.client.getGrayReleasePlan()).gray_release_plan.status).toBe(4);
  });

  it("releases it to everyone, then rolls back to the previous and to a named version", async () => {
    await w.client.release();
    expect((await w.client.getVersionInfo()).release_info?.release_version).toBe("V1.1");
    expect(await oneCall(() => w.client.revertCodeRelease())).toMatchObject({ errcode: 0 });
    expect((await w.client.getVersionInfo()).release_info?.release_version).toBe("V1.0");

    await approvedVersion("V1.2");
    await w.client.release();
    const versions = (await w.client.getHistoryVersions()).version_list;
    expect(versions.map((v) => v.user_version)).toEqual(["V1.2", "V1.0", "V1.1"]);
    const v11 = versions.find((v) => v.user_version === "V1.1")!;
    await oneCall(() => w.client.revertCodeRelease({ app_version: v11.app_version }));
    expect((await w.client.getVersionInfo()).release_info?.release_version).toBe("V1.1");
  });
});

describe("visit status, base library, quota", () => {
  it("closes and reopens the mini-program", async () => {
    expect((await oneCall(() => w.client.getVisitStatus())).status).toBe(1);
    await oneCall(() => w.client.changeVisitStatus({ action: "close" }));
    expect((await w.client.getVisitStatus()).status).toBe(0);
    await w.client.changeVisitStatus({ action: "open" });
    expect((await w.client.getVisitStatus()).status).toBe(1);
  });

  it("reads and sets the minimum base library version", async () => {
    const before = await oneCall(() => w.client.getSupportVersion());
    expect(before.now_version).toBe("1.0.0");
    expect(before.uv_info.items.length).toBeGreaterThan(5);
    expect(before.uv_info.items.reduce((sum, i) => sum + i.percentage, 0)).toBeCloseTo(100, 5);
    await oneCall(() => w.client.setSupportVersion({ version: "2.32.3" }));
    expect((await w.client.getSupportVersion()).now_version).toBe("2.32.3");
  });

  it("clears its own API quota", async () => {
    await oneCall(() => w.client.clearQuota());
    expect((await getAuthorizer(w.authorizer.appid))!.state.clearQuota?.used).toBe(1);
  });
});

describe("QR-code jump rules", () => {
  const prefix = "https://shop.example.com/qr/";

  it("adds a rule, downloads the verification file, publishes and deletes it", async () => {
    const rule = { prefix, permit_sub_rule: 1 as const, path: "pages/index/index", open_version: 3 as const, debug_url: [`${prefix}1`] };
    await oneCall(() => w.client.qrcodeJumpAdd(rule));
    const listed = await oneCall(() => w.client.qrcodeJumpGet());
    expect(listed).toMatchObject({ qrcodejump_open: 1, list_size: 1, qrcodejump_pub_quota: 100 });
    expect(listed.rule_list).toEqual([{ ...rule, state: 1 }]);

    const file = await oneCall(() => w.client.qrcodeJumpDownload());
    expect(file.file_name).toMatch(/^[0-9a-f]{10}\.txt$/);
    expect(file.file_content).toMatch(/^[0-9a-f]{32}$/);

    await oneCall(() => w.client.qrcodeJumpPublish({ prefix }));
    expect(await w.client.qrcodeJumpGet()).toMatchObject({ rule_list: [{ prefix, state: 2 }], qrcodejump_pub_quota: 99 });
    await oneCall(() => w.client.qrcodeJumpDelete({ prefix }));
    expect((await w.client.qrcodeJumpGet()).rule_list).toEqual([]);
  });
});
