import "server-only";
import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { xactLock } from "@/lib/db/locks";
import { platformAccounts, tenants } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { chinaMonth } from "../state";
import { appInfo } from "./api/app-info";
import { PACKAGE_STATUS } from "./packages";
import { baiduAppValues, newBaiduNumericId } from "./registry";
import { sandboxBaiduApps, sandboxBaiduDrafts, sandboxBaiduPackages, sandboxBaiduPlatforms, sandboxBaiduTemplates } from "./schema";

/**
 * Demo data of the Baidu emulator for `npm run dev` (DEMO_SEED=1 and SANDBOX=1), beside the WeChat one
 * (lib/sandbox/demo.ts): one emulated Baidu third-party platform that the console already knows as a Baidu platform
 * account, a few smart programs caught at each step of the package workflow (uploaded, under audit, approved,
 * rejected, online with a version to go back to, rolled back), drafts and templates. Written straight into the
 * emulator's tables (what the package API would have left behind) and into the console's tenants (what onboarding
 * would have stored: the single-use refresh token, encrypted). No app token is stored: the console's first call
 * refreshes one, which spends the seeded refresh token as Baidu would. Idempotent: nothing happens once any Baidu
 * sandbox platform exists.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const UPLOAD_MS = 3000;

export const BAIDU_DEMO_STATES = ["uploaded", "auditing", "approved", "rejected", "online", "rolledBack"] as const;
export type BaiduDemoState = (typeof BAIDU_DEMO_STATES)[number];

// Descriptions stay within the template library's 30 characters (user_desc).
const DRAFTS = [
  { userVersion: "1.0.0", userDesc: "门店基础版：首页、菜单与订单" },
  { userVersion: "1.1.0", userDesc: "新增在线预约与会员积分" },
  // Uploaded from the developer tools, not yet added to the template library.
  { userVersion: "1.2.0", userDesc: "修复订单页在部分机型上的显示问题" },
];

type Tpl = { templateId: number; userVersion: string; userDesc: string };
/** One package as the emulator stores it; `id` names it for `previous` (the online package a release replaced). */
type Pkg = { id: string; tpl: number; status: number; at: number; submitted?: number; decided?: number; released?: number; msg?: string; previous?: string; rollbackAt?: number };
type Program = { state: BaiduDemoState; appName: string; tag: string; authorizedDaysAgo: number; packages: (now: number) => Pkg[] };

const CONTENT = "门店小程序：菜单浏览、在线预约、会员积分。";
const REMARK = "测试账号：13800000000 / 验证码 123456";
const REJECT_MSG = "小程序名称与实际打开后的名称不符，请修改后重新提交。";
const { online, development, auditing, approved, rejected, retired } = PACKAGE_STATUS;

const PROGRAMS: Program[] = [
  { state: "uploaded", appName: "拾光咖啡馆", tag: "餐饮", authorizedDaysAgo: 2,
    packages: (now) => [{ id: "dev", tpl: 0, status: development, at: now - 3 * HOUR }] },
  { state: "auditing", appName: "青松书院", tag: "教育", authorizedDaysAgo: 30,
    packages: (now) => [
      { id: "v1", tpl: 0, status: online, at: now - 20 * DAY, submitted: now - 20 * DAY + HOUR, decided: now - 19 * DAY, released: now - 19 * DAY },
      { id: "v2", tpl: 1, status: auditing, at: now - 5 * HOUR, submitted: now - 4 * HOUR },
    ] },
  { state: "approved", appName: "海岸线旅行", tag: "旅游", authorizedDaysAgo: 14,
    packages: (now) => [
      { id: "v1", tpl: 0, status: online, at: now - 12 * DAY, submitted: now - 12 * DAY + HOUR, decided: now - 11 * DAY, released: now - 11 * DAY },
      { id: "v2", tpl: 1, status: approved, at: now - DAY, submitted: now - DAY + HOUR, decided: now - 6 * HOUR },
    ] },
  { state: "rejected", appName: "云端健身房", tag: "健身", authorizedDaysAgo: 6,
    packages: (now) => [{ id: "v1", tpl: 0, status: rejected, at: now - 2 * DAY, submitted: now - 2 * DAY + HOUR, decided: now - DAY, msg: REJECT_MSG }] },
  { state: "online", appName: "北辰家政服务", tag: "生活服务", authorizedDaysAgo: 45,
    packages: (now) => [
      { id: "v1", tpl: 0, status: retired, at: now - 40 * DAY, submitted: now - 40 * DAY + HOUR, decided: now - 39 * DAY, released: now - 39 * DAY },
      { id: "v2", tpl: 1, status: online, at: now - 4 * DAY, submitted: now - 4 * DAY + HOUR, decided: now - 3 * DAY, released: now - 3 * DAY, previous: "v1" },
    ] },
  // v2 was released, then rolled back: it retired when the rollback ended, and v1 is online again.
  { state: "rolledBack", appName: "知味面馆", tag: "餐饮", authorizedDaysAgo: 60,
    packages: (now) => [
      { id: "v1", tpl: 0, status: online, at: now - 50 * DAY, submitted: now - 50 * DAY + HOUR, decided: now - 49 * DAY, released: now - 49 * DAY },
      { id: "v2", tpl: 1, status: retired, at: now - 3 * DAY, submitted: now - 3 * DAY + HOUR, decided: now - 2 * DAY, released: now - 2 * DAY, previous: "v1", rollbackAt: now - DAY },
    ] },
];

const alnum = (length: number) => Array.from(randomBytes(length), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");

export type BaiduDemoSummary = { clientId: string; accountId: string; programs: number; templates: number; drafts: number };

/** Seeds the Baidu demo world once (see above); null when a Baidu sandbox platform already exists. */
export async function seedBaiduDemo(db: Db): Promise<BaiduDemoSummary | null> {
  return db.transaction(async (tx) => {
    // The WeChat demo's lock: two launchers starting on one empty database seed either world once.
    await tx.execute(xactLock("sandboxDemoSeed"));
    if ((await tx.select({ id: sandboxBaiduPlatforms.clientId }).from(sandboxBaiduPlatforms).limit(1)).length > 0) return null;
    const now = Date.now();
    const month = chinaMonth(new Date(now));
    const name = "云帆百度代运营平台";

    const [platform] = await tx
      .insert(sandboxBaiduPlatforms)
      .values({ clientId: alnum(32), tpAppId: newBaiduNumericId(), name, token: alnum(24), encodingAesKey: alnum(43), ticket: `ticket.${randomBytes(24).toString("base64url")}`, ticketAt: new Date(now) })
      .returning();
    const clientId = platform!.clientId;
    // What an admin types into the account form for a Baidu platform (client_id, push token, key; no secret: the
    // NOT NULL secret column holds the client_id, as lib/console/accounts.ts stores it), and the ticket as if pushed.
    const [account] = await tx
      .insert(platformAccounts)
      .values({
        platform: "baidu", name, appId: clientId, secretEnc: encryptSecret(clientId),
        tokenEnc: encryptSecret(platform!.token), aesKeyEnc: encryptSecret(platform!.encodingAesKey),
        apiBase: `${env.APP_URL.replace(/\/$/, "")}/sandbox/baidu`,
        verifyTicketEnc: encryptSecret(platform!.ticket!), verifyTicketAt: new Date(now),
      })
      .returning({ id: platformAccounts.id });

    const drafts = await tx
      .insert(sandboxBaiduDrafts)
      .values(DRAFTS.map((d, i) => ({ clientId, ...d, createdAt: new Date(now - (70 - i * 30) * DAY) })))
      .returning();
    const templates: Tpl[] = await tx
      .insert(sandboxBaiduTemplates)
      .values(drafts.slice(0, 2).map((d) => ({ clientId, draftId: d.draftId, userVersion: d.userVersion, userDesc: d.userDesc, createdAt: d.createdAt })))
      .returning();

    for (const program of PROGRAMS) {
      const authTime = new Date(now - program.authorizedDaysAgo * DAY);
      const packages = program.packages(now);
      const submittedThisMonth = packages.filter((p) => p.submitted && chinaMonth(new Date(p.submitted)) === month).length;
      const values = { ...baiduAppValues({ clientId, appName: program.appName }), appDesc: `${program.appName}的百度智能小程序`, authTime, createdAt: authTime, quotaMonth: month, auditQuotaUsed: submittedThisMonth };
      const [app] = await tx.insert(sandboxBaiduApps).values(values).returning();

      const ids = new Map<string, number>();
      for (const p of packages) {
        const tpl = templates[p.tpl]!;
        const [row] = await tx
          .insert(sandboxBaiduPackages)
          .values({
            appId: app!.appId, templateId: tpl.templateId, version: tpl.userVersion, versionDesc: tpl.userDesc,
            extJson: JSON.stringify({ extEnable: true, extAppid: app!.appId, ext: { shopName: program.appName } }),
            status: p.status, createdAt: new Date(p.at), readyAt: new Date(p.at + UPLOAD_MS), committer: "张伟",
            ...(p.submitted ? { content: CONTENT, remark: REMARK, submittedAt: new Date(p.submitted) } : {}),
            ...(p.decided ? { decidedAt: new Date(p.decided), msg: p.msg ?? (p.status === rejected ? REJECT_MSG : "审核通过") } : {}),
            ...(p.released ? { releasedAt: new Date(p.released) } : {}),
            ...(p.previous ? { previousPackageId: ids.get(p.previous)! } : {}),
            ...(p.rollbackAt ? { rollbackUntil: new Date(p.rollbackAt) } : {}),
          })
          .returning({ packageId: sandboxBaiduPackages.packageId });
        ids.set(p.id, row!.packageId);
      }

      // What onboarding stores from the exchange and app/info (lib/console/onboarding/baidu.ts).
      const info = appInfo(app!);
      await tx.insert(tenants).values({
        accountId: account!.id, appid: String(app!.appId), nickname: info.app_name, principalName: info.qualification.name,
        avatarUrl: info.photo_addr || null, status: "authorized", refreshTokenEnc: encryptSecret(app!.refreshToken!),
        authorizedAt: authTime, tags: ["demo", program.tag],
      });
    }
    return { clientId, accountId: account!.id, programs: PROGRAMS.length, templates: templates.length, drafts: drafts.length };
  });
}
