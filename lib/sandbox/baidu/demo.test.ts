import { describe, expect, it } from "vitest";
import { eq, ne } from "drizzle-orm";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, type Tenant } from "@/lib/db/schema";
import { refreshSnapshot } from "@/lib/console/fleet";
import { platformForAccount, platformForTenant } from "@/lib/platforms";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { seedBaiduDemo } from "./demo";
import { createBaiduPlatform } from "./registry";
import { sandboxBaiduApps, sandboxBaiduDrafts, sandboxBaiduPackages, sandboxBaiduPlatforms, sandboxBaiduTemplates } from "./schema";

/**
 * The Baidu demo world (lib/sandbox/baidu/demo.ts): what it writes, that it writes it once, and that the console's
 * real Baidu client reads each smart program at its step over HTTP and can move it on (the seeded refresh tokens, the
 * ticket and the packages are accepted by the emulator).
 */

const baidu = baiduHarness();

const counts = async () => ({
  platforms: (await db.select().from(sandboxBaiduPlatforms)).length,
  apps: (await db.select().from(sandboxBaiduApps)).length,
  packages: (await db.select().from(sandboxBaiduPackages)).length,
  templates: (await db.select().from(sandboxBaiduTemplates)).length,
  drafts: (await db.select().from(sandboxBaiduDrafts)).length,
  accounts: (await db.select().from(platformAccounts)).length,
  tenants: (await db.select().from(tenants)).length,
});

/** The refresh tokens as seeded, by appid (the client's first call spends each). */
const seeded = new Map<string, string>();
const tenantNamed = async (name: string): Promise<Tenant> => (await db.select().from(tenants).where(eq(tenants.nickname, name)))[0]!;
const statusesOf = async (appid: string) =>
  (await db.select({ status: sandboxBaiduPackages.status }).from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.appId, Number(appid))).orderBy(sandboxBaiduPackages.packageId)).map((p) => p.status);

// Runs in order: the first test needs the database before any demo data.
describe("seedBaiduDemo", () => {
  it("does nothing when a Baidu sandbox platform already exists", async () => {
    const existing = await createBaiduPlatform();
    expect(await seedBaiduDemo(db)).toBeNull();
    expect(await counts()).toMatchObject({ platforms: 1, apps: 0, accounts: 0, tenants: 0 });
    await db.delete(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, existing.clientId));
  });

  it("seeds one platform that the console knows as a Baidu account, with encrypted push secrets and the ticket", async () => {
    const summary = await seedBaiduDemo(db);
    expect(summary).toMatchObject({ programs: 6, templates: 2, drafts: 3 });
    const [platform] = await db.select().from(sandboxBaiduPlatforms);
    expect(platform!.clientId).toBe(summary!.clientId);
    expect(platform!.ticket).toMatch(/^ticket\./);
    const [account] = await db.select().from(platformAccounts);
    expect(account).toMatchObject({ id: summary!.accountId, platform: "baidu", appId: platform!.clientId, name: platform!.name });
    expect(account!.apiBase).toMatch(/\/sandbox\/baidu$/);
    for (const [stored, plain] of [
      [account!.secretEnc, platform!.clientId],
      [account!.tokenEnc!, platform!.token],
      [account!.aesKeyEnc!, platform!.encodingAesKey],
      [account!.verifyTicketEnc!, platform!.ticket!],
    ] as const) {
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain(plain);
      expect(decryptSecret(stored)).toBe(plain);
    }
  });

  it("is idempotent", async () => {
    const before = await counts();
    expect(await seedBaiduDemo(db)).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("stores a tenant per smart program with its name and an encrypted copy of its live refresh token", async () => {
    const apps = await db.select().from(sandboxBaiduApps);
    const rows = await db.select().from(tenants);
    expect(rows.map((t) => t.appid).sort()).toEqual(apps.map((a) => String(a.appId)).sort());
    for (const app of apps) {
      const t = rows.find((r) => r.appid === String(app.appId))!;
      expect(t).toMatchObject({ nickname: app.appName, status: "authorized", principalName: "沙盒科技有限公司" });
      expect(t.tags[0]).toBe("demo");
      expect(t.refreshTokenEnc).toMatch(/^v1:/);
      expect(t.refreshTokenEnc).not.toContain(app.refreshToken!);
      expect(decryptSecret(t.refreshTokenEnc!)).toBe(app.refreshToken);
      seeded.set(t.appid, app.refreshToken!);
    }
    // The audit quota counts this month's submissions of each program.
    const auditing = apps.find((a) => a.appName === "青松书院")!;
    expect(auditing.auditQuotaUsed).toBeGreaterThan(0);
  });

  it("holds every step of the package workflow, read by the console's client over HTTP", async () => {
    // The demo points the account at APP_URL's emulator; here that is this file's sandbox server.
    await db.update(platformAccounts).set({ apiBase: baidu.base }).where(ne(platformAccounts.apiBase, ""));
    const [account] = await db.select().from(platformAccounts);
    const templates = await platformForAccount(account!).listTemplates();
    expect(templates.map((t) => [t.userVersion, t.userDesc])).toEqual(
      expect.arrayContaining([["1.0.0", "门店基础版：首页、菜单与订单"], ["1.1.0", "新增在线预约与会员积分"]]),
    );
    const read = async (name: string) => {
      const port = await platformForTenant(await tenantNamed(name));
      return {
        versions: (await port.versions()).map((v) => `${v.kind} ${v.userVersion}`),
        audit: await port.latestAudit(),
        upload: await port.commitStatus(),
        back: (await port.releasedVersions()).map((v) => v.userVersion),
      };
    };

    const uploaded = await read("拾光咖啡馆");
    expect(uploaded).toMatchObject({ versions: ["trial 1.0.0"], audit: null, upload: { state: "ready", userVersion: "1.0.0" }, back: [] });
    const auditing = await read("青松书院");
    expect(auditing.versions).toEqual(expect.arrayContaining(["auditing 1.1.0", "live 1.0.0"]));
    expect(auditing.audit).toMatchObject({ state: "auditing", userVersion: "1.1.0" });
    const approved = await read("海岸线旅行");
    expect(approved.versions).toEqual(["live 1.0.0"]);
    expect(approved.audit).toMatchObject({ state: "approved", userVersion: "1.1.0" });
    const rejected = await read("云端健身房");
    expect(rejected.audit).toMatchObject({ state: "rejected", reason: expect.stringContaining("名称") });
    const online = await read("北辰家政服务");
    expect(online).toMatchObject({ versions: ["live 1.1.0"], back: ["1.0.0"] });
    const rolledBack = await read("知味面馆");
    expect(rolledBack).toMatchObject({ versions: ["live 1.0.0"], back: [] });
  });

  it("gives the fleet board a snapshot of each (the bulk 'refresh version info' step, as over the whole demo fleet)", async () => {
    const snapshots: Record<string, unknown> = {};
    for (const tenant of await db.select().from(tenants)) {
      const s = await refreshSnapshot(tenant, await platformForTenant(tenant));
      snapshots[tenant.nickname] = { trial: s.trialVersion, audit: s.auditState, live: s.liveVersion };
    }
    expect(snapshots).toEqual({
      拾光咖啡馆: { trial: "1.0.0", audit: "none", live: null },
      青松书院: { trial: null, audit: "auditing", live: "1.0.0" },
      海岸线旅行: { trial: null, audit: "approved", live: "1.0.0" },
      云端健身房: { trial: null, audit: "rejected", live: null },
      // Released packages leave the audit slot empty: nothing approved waits (the Baidu adapter's latest audit).
      北辰家政服务: { trial: null, audit: "none", live: "1.1.0" },
      知味面馆: { trial: null, audit: "none", live: "1.0.0" },
    });
  });

  it("moves on from there: the approved package is released, the online one rolled back, the uploaded one submitted", async () => {
    const approved = await tenantNamed("海岸线旅行");
    await (await platformForTenant(approved)).release();
    expect(await statusesOf(approved.appid)).toEqual([0, 1]);
    expect((await (await platformForTenant(approved)).releasedVersions()).map((v) => v.userVersion)).toEqual(["1.0.0"]);

    const online = await tenantNamed("北辰家政服务");
    await (await platformForTenant(online)).rollback();
    expect(await statusesOf(online.appid)).toEqual([0, 8]);

    const uploaded = await tenantNamed("拾光咖啡馆");
    const port = await platformForTenant(uploaded);
    const { auditid } = await port.submitAudit({
      items: [], versionDesc: "首次提交", orderPath: null, feedbackInfo: "测试账号见备注", feedbackMedia: [], previewPictures: [], previewVideos: [], ugc: null, privacyApiNotUse: false,
    });
    expect(await port.auditStatus(auditid)).toMatchObject({ state: "auditing" });
    const [pkg] = await db.select().from(sandboxBaiduPackages).where(eq(sandboxBaiduPackages.packageId, auditid));
    expect(pkg).toMatchObject({ status: 4, content: "首次提交", remark: "测试账号见备注" });

    // The console's first call spent each seeded refresh token, and it keeps the live one.
    expect(seeded.size).toBe(6);
    for (const t of await db.select().from(tenants)) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, t.id));
      const [app] = await db.select().from(sandboxBaiduApps).where(eq(sandboxBaiduApps.appId, Number(t.appid)));
      expect(decryptSecret(row!.refreshTokenEnc!)).toBe(app!.refreshToken);
      expect(app!.refreshToken).not.toBe(seeded.get(t.appid));
    }
  });
});
