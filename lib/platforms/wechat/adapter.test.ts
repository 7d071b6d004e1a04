import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decide } from "@/lib/sandbox/control-ops";
import { DEFAULT_CATEGORIES, newRefreshToken } from "@/lib/sandbox/registry";
import { sandboxAuthorizers } from "@/lib/sandbox/schema";
import { updateSettings } from "@/lib/sandbox/settings";
import { insertTemplate, sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, expireCachedToken, type World } from "@/scripts/vitest/wechat";
import { platformForAccount, platformForTenant } from "@/lib/platforms";
import { PlatformError, type TenantPlatform } from "@/lib/platforms/port";
import { refreshEvidence } from "./grants";
import { authorizerKey } from "./tokens";

/**
 * The WeChat adapter against the sandbox over HTTP: the port's operations in the console's words (audit states,
 * versions), and every refusal a PlatformError with code and meaning in both languages. The tests share one world
 * and run in order, as a version goes: nothing submitted → auditing → delayed → rejected → withdrawn → approved →
 * released → gray → rolled back.
 */

const sandbox = sandboxHarness();
let w: World;
let tenant: TenantPlatform;
let templateId: number;
const PAGES = ["pages/index/index"];

beforeAll(async () => {
  await updateSettings({ privacyScanMs: 0 });
  w = await createWorld(sandbox);
  templateId = await insertTemplate(w.platform.componentAppid, { pages: PAGES });
  tenant = await platformForTenant(w.tenant);
});

const refusalOf = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as PlatformError);

/** Commits `version` through the port and submits it (the port has no submit yet: the release-workflow issue adds it). */
async function submitted(version: string) {
  await tenant.commit({ templateId, extJson: JSON.stringify({ ext: { version } }), userVersion: version, userDesc: `desc ${version}` });
  const { auditid } = await w.client.submitAudit({ item_list: [{ address: PAGES[0]!, tag: "工具", title: "首页", ...DEFAULT_CATEGORIES[0]! }] });
  return Number(auditid);
}

describe("a tenant that never submitted anything", () => {
  it("has no latest audit, and no version", async () => {
    expect(tenant).toMatchObject({ platform: "wechat", tenantId: w.tenant.id, appid: w.tenant.appid, capabilities: { grayRelease: true } });
    expect(await tenant.latestAudit()).toBeNull();
    expect(await tenant.versions()).toEqual([]);
  });

  it("is refused a release with the platform's code and its meaning in both languages", async () => {
    const error = await refusalOf(tenant.release());
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platform: "wechat", code: 85019, errorClass: "state" });
    expect(error!.meaning).toEqual({
      "zh-CN": "没有审核版本",
      en: "There is no approved version to release: submit a version and wait for the audit to pass.",
    });
    expect(error!.describe("zh-CN")).toBe("85019 — 没有审核版本");
    expect(error!.rawMessage).toContain("no version is under auditing");
    expect(error!.options).toMatchObject({ path: "/wxa/release", needsReauth: false });
  });
});

describe("audit states through the adapter", () => {
  it("auditing: the newest submission, its version and time; the version under audit beside the trial", async () => {
    const auditid = await submitted("V1.0");
    const latest = await tenant.latestAudit();
    expect(latest).toMatchObject({ auditid, state: "auditing", reason: null, screenshots: [], userVersion: "V1.0" });
    expect(Math.abs(latest!.submittedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await tenant.auditStatus(auditid)).toEqual({ auditid, state: "auditing", reason: null, screenshots: [], userVersion: null, submittedAt: null });
    expect((await tenant.versions()).map((v) => [v.kind, v.userVersion])).toEqual([
      ["trial", "V1.0"],
      ["auditing", "V1.0"],
    ]);
  });

  it("delayed: with its reason, still under audit", async () => {
    await decide({ appid: w.authorizer.appid, result: "delay", reason: "审核排队中" });
    expect(await tenant.latestAudit()).toMatchObject({ state: "delayed", reason: "审核排队中", screenshots: [] });
    expect((await tenant.versions()).map((v) => v.kind)).toEqual(["trial", "auditing"]);
  });

  it("rejected: with its reason and screenshots", async () => {
    await decide({ appid: w.authorizer.appid, result: "reject", reason: "信息不完整", screenshot: "media1|media2" });
    expect(await tenant.latestAudit()).toMatchObject({ state: "rejected", reason: "信息不完整", screenshots: ["media1", "media2"] });
    expect((await tenant.versions()).map((v) => v.kind)).toEqual(["trial"]);
  });

  it("withdrawn", async () => {
    const auditid = await submitted("V1.1");
    await tenant.withdrawAudit();
    expect(await tenant.auditStatus(auditid)).toMatchObject({ auditid, state: "withdrawn", reason: null });
  });

  it("approved, then released: the live version", async () => {
    const auditid = await submitted("V1.2");
    await decide({ appid: w.authorizer.appid, result: "approve" });
    expect(await tenant.latestAudit()).toMatchObject({ auditid, state: "approved", reason: null });
    await tenant.release();
    expect((await tenant.versions()).map((v) => [v.kind, v.userVersion])).toEqual([
      ["trial", "V1.2"],
      ["live", "V1.2"],
    ]);
  });

  it("a gray release holds the approved version beside the live one; a rollback brings the previous one back", async () => {
    await submitted("V2.0");
    await decide({ appid: w.authorizer.appid, result: "approve" });
    await w.client.grayRelease({ gray_percentage: 10 });
    expect((await tenant.versions()).map((v) => [v.kind, v.userVersion])).toEqual([
      ["trial", "V2.0"],
      ["gray", "V2.0"],
      ["live", "V1.2"],
    ]);
    await tenant.release();
    expect((await tenant.versions()).find((v) => v.kind === "live")!.userVersion).toBe("V2.0");
    await tenant.rollback();
    expect((await tenant.versions()).find((v) => v.kind === "live")!.userVersion).toBe("V1.2");
  });

  it("reads the quota and changes the visit status", async () => {
    const quota = await tenant.auditQuota();
    expect(quota).toEqual({ submitsLeft: expect.any(Number), submitLimit: expect.any(Number), speedupsLeft: expect.any(Number), speedupLimit: expect.any(Number) });
    expect(quota.submitLimit - quota.submitsLeft).toBe(4);
    await tenant.setVisible(false);
    expect((await w.client.getVisitStatus()).status).toBe(0);
    await tenant.setVisible(true);
    expect((await w.client.getVisitStatus()).status).toBe(1);
  });
});

describe("the platform account through the adapter", () => {
  it("reads a tenant's identity, the templates and the current grants", async () => {
    const account = platformForAccount(w.account);
    expect(await account.tenantInfo(w.authorizer.appid)).toMatchObject({
      appid: w.authorizer.appid,
      nickname: w.authorizer.nickname,
      principalName: w.authorizer.principalName,
      originalId: w.authorizer.userName,
    });
    expect((await account.listTemplates()).map((t) => t.templateId)).toContain(templateId);
    const grants = await account.grants({ offset: 0, count: 500 });
    expect(grants.total).toBe(1);
    expect(grants.grants).toEqual([{ appid: w.authorizer.appid, grant: expect.any(String) }]);
  });

  it("builds authorization links on one pre-auth code", async () => {
    const links = await platformForAccount(w.account).authorizationLinks({ redirectUri: "http://localhost:3000/cb", authType: 2 });
    const code = new URL(links.pcUrl).searchParams.get("pre_auth_code");
    expect(code).toMatch(/^preauthcode@@@/);
    expect(new URL(links.h5Url).searchParams.get("pre_auth_code")).toBe(code);
    expect(links.expiresIn).toBe(600);
  });
});

describe("a grant the platform refuses", () => {
  it("arrives as a PlatformError that asks for re-authorization and names the refused grant", async () => {
    const [stored] = await db.select().from(sandboxAuthorizers).where(eq(sandboxAuthorizers.appid, w.authorizer.appid));
    await db.update(sandboxAuthorizers).set({ refreshToken: newRefreshToken() }).where(eq(sandboxAuthorizers.appid, w.authorizer.appid));
    await expireCachedToken(authorizerKey(w.tenant.id));
    const error = await refusalOf(tenant.latestAudit());
    expect(error).toMatchObject({ code: 61023, errorClass: "permission", options: { needsReauth: true, evidence: refreshEvidence(stored!.refreshToken!) } });
    expect(error!.meaning["zh-CN"]).toMatch(/refresh_token 无效/);
  });
});
