import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { encryptSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { xactLock } from "@/lib/db/locks";
import { platformAccounts, tenants } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { categoryBySecondId } from "./authorize-catalog";
import { setDraftPrivacyApis, setTemplatePrivacyApis } from "./code-privacy";
import { makeScreenshots } from "./media";
import { authorizerValues, DEFAULT_FUNC_INFO, newAppid } from "./registry";
import { sandboxAudits, sandboxAuthorizers, sandboxDrafts, sandboxPlatforms, sandboxTemplates } from "./schema";
import { chinaDay, chinaMonth } from "./state";
import type { AuthorizerCodeState, ReleasedVersion, SandboxCategory, TrialVersion } from "./types";

/**
 * Demo data for `npm run dev` (DEMO_SEED=1 and SANDBOX=1): one sandbox platform that the console already knows as
 * a platform account, a dozen authorized mini-programs caught at every step of the code workflow, templates and
 * drafts. Written straight into the emulator's tables (the state an operator would otherwise build by hand
 * through many calls) and into the console's tenants, which is what the console would have stored after each
 * authorization. Idempotent: nothing happens once any sandbox platform exists.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const DEMO_STATES = [
  "live", "gray", "auditing", "rejected", "trialOnly", "uncommitted", "unauthorized",
  "approved", "delayed", "withdrawn", "history", "iterating",
] as const;
export type DemoState = (typeof DEMO_STATES)[number];

const PAGES = ["pages/index/index", "pages/category/category", "pages/detail/detail", "pages/cart/cart", "pages/order/order", "pages/user/user"];
const LOCATION_USE = ["getLocation", "chooseLocation"];
const DRAFTS: { userVersion: string; userDesc: string; pages: string[]; privacyApis?: string[] }[] = [
  { userVersion: "1.2.0", userDesc: "门店基础版：首页、分类、商品详情、购物车与订单", pages: PAGES },
  { userVersion: "1.3.0", userDesc: "新增会员积分与优惠券", pages: [...PAGES, "pages/member/member", "pages/coupon/coupon"] },
  // Booking finds the nearest store: its code calls location APIs, so a commit must declare them (seed 002's 61040).
  { userVersion: "2.0.0", userDesc: "全新首页，支持在线预约", pages: [...PAGES, "pages/member/member", "pages/coupon/coupon", "pages/booking/booking"], privacyApis: LOCATION_USE },
  // Uploaded but not yet added to the template library.
  { userVersion: "2.1.0", userDesc: "修复订单页在部分 iOS 机型上的显示问题", pages: [...PAGES, "pages/member/member", "pages/coupon/coupon", "pages/booking/booking"], privacyApis: LOCATION_USE },
];

type Template = { templateId: number; draftId: number; userVersion: string; userDesc: string; pages: string[] };
type AuditSpec = { tpl: Template; status: 0 | 1 | 2 | 3 | 4; at: number; decidedAt?: number; reason?: string; screenshots?: number };
type Helpers = {
  audit: (spec: AuditSpec) => Promise<number>;
  trial: (tpl: Template, at: number) => TrialVersion;
  released: (tpl: Template, appVersion: number, auditid: number, at: number) => ReleasedVersion;
};
type Merchant = {
  state: DemoState;
  nickname: string;
  principalName: string;
  category: number;
  tag: string;
  authorizedDaysAgo: number;
  funcInfo?: number[];
  build: (h: Helpers, t: Template[], now: number) => Promise<AuthorizerCodeState>;
};

const REJECT_REASON = "1:小程序内容不符合规范:<br>(1):页面存在未完成的功能模块（“敬请期待”），请补充完善后再提交。<br>";
const DELAY_REASON = "你的小程序涉及在线教育服务，需补充《办学许可证》等相关资质，审核时间将适当延长。";

const MERCHANTS: Merchant[] = [
  { state: "live", nickname: "鲜果时光", principalName: "杭州鲜果时光商贸有限公司", category: 305, tag: "零售", authorizedDaysAgo: 40,
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[0]!, status: 0, at: now - 20 * DAY, decidedAt: now - 19 * DAY });
      const online = h.released(t[0]!, 1, a, now - 19 * DAY);
      return { trial: h.trial(t[0]!, now - 21 * DAY), latestAuditId: a, online, history: [online], nextAppVersion: 2 };
    } },
  { state: "gray", nickname: "老城根火锅", principalName: "成都老城根餐饮管理有限公司", category: 221, tag: "餐饮", authorizedDaysAgo: 60,
    build: async (h, t, now) => {
      const a1 = await h.audit({ tpl: t[0]!, status: 0, at: now - 30 * DAY, decidedAt: now - 29 * DAY });
      const online = h.released(t[0]!, 1, a1, now - 29 * DAY);
      const a2 = await h.audit({ tpl: t[1]!, status: 0, at: now - 3 * DAY, decidedAt: now - 2.5 * DAY });
      // The approved version stays releasable while 10 % of users get it (lib/sandbox/api/release.ts).
      const gray = { status: 1 as const, grayPercentage: 10, supportDebugerFirst: false, supportExperiencerFirst: true,
        createTimestamp: Math.floor((now - 2 * DAY) / 1000), version: h.released(t[1]!, 2, a2, now - 2 * DAY) };
      return { trial: h.trial(t[1]!, now - 4 * DAY), latestAuditId: a2, releasableAuditId: a2, online, history: [online], gray, nextAppVersion: 2 };
    } },
  { state: "auditing", nickname: "悦动健身工作室", principalName: "上海悦动体育发展有限公司", category: 616, tag: "健身", authorizedDaysAgo: 35,
    build: async (h, t, now) => {
      const a1 = await h.audit({ tpl: t[0]!, status: 0, at: now - 25 * DAY, decidedAt: now - 24 * DAY });
      const online = h.released(t[0]!, 1, a1, now - 24 * DAY);
      const a2 = await h.audit({ tpl: t[1]!, status: 2, at: now - 5 * HOUR });
      return { trial: h.trial(t[1]!, now - 6 * HOUR), latestAuditId: a2, online, history: [online], nextAppVersion: 2 };
    } },
  { state: "rejected", nickname: "书香阁书店", principalName: "南京书香阁文化传播有限公司", category: 652, tag: "文化", authorizedDaysAgo: 12,
    funcInfo: [17, 18, 19, 30, 31],
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[0]!, status: 1, at: now - 2 * DAY, decidedAt: now - DAY, reason: REJECT_REASON,
        screenshots: 2 });
      return { trial: h.trial(t[0]!, now - 2 * DAY - HOUR), latestAuditId: a };
    } },
  { state: "trialOnly", nickname: "晨光花艺", principalName: "广州晨光花卉有限公司", category: 305, tag: "鲜花", authorizedDaysAgo: 3,
    build: async (h, t, now) => ({ trial: h.trial(t[2]!, now - 2 * HOUR) }) },
  { state: "uncommitted", nickname: "小鹿宠物医院", principalName: "深圳小鹿宠物医疗有限公司", category: 612, tag: "宠物", authorizedDaysAgo: 1,
    build: async () => ({}) },
  { state: "unauthorized", nickname: "青禾烘焙", principalName: "苏州青禾食品有限公司", category: 221, tag: "烘焙", authorizedDaysAgo: 90,
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[0]!, status: 0, at: now - 70 * DAY, decidedAt: now - 69 * DAY });
      const online = h.released(t[0]!, 1, a, now - 69 * DAY);
      return { trial: h.trial(t[0]!, now - 71 * DAY), latestAuditId: a, online, history: [online], nextAppVersion: 2 };
    } },
  { state: "approved", nickname: "云栖民宿", principalName: "杭州云栖旅游开发有限公司", category: 640, tag: "民宿", authorizedDaysAgo: 8,
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[1]!, status: 0, at: now - DAY, decidedAt: now - 6 * HOUR });
      return { trial: h.trial(t[1]!, now - DAY - HOUR), latestAuditId: a, releasableAuditId: a };
    } },
  { state: "delayed", nickname: "智学在线课堂", principalName: "北京智学教育科技有限公司", category: 38, tag: "教育", authorizedDaysAgo: 15,
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[2]!, status: 4, at: now - 3 * DAY, decidedAt: now - 2 * DAY, reason: DELAY_REASON });
      return { trial: h.trial(t[2]!, now - 3 * DAY - HOUR), latestAuditId: a };
    } },
  { state: "withdrawn", nickname: "安心洗衣", principalName: "厦门安心生活服务有限公司", category: 652, tag: "生活服务", authorizedDaysAgo: 28,
    build: async (h, t, now) => {
      const a1 = await h.audit({ tpl: t[0]!, status: 0, at: now - 20 * DAY, decidedAt: now - 19 * DAY });
      const online = h.released(t[0]!, 1, a1, now - 19 * DAY);
      const a2 = await h.audit({ tpl: t[1]!, status: 3, at: now - 4 * HOUR, decidedAt: now - 3 * HOUR });
      const undo = { day: chinaDay(new Date(now - 3 * HOUR)), dayCount: 1, month: chinaMonth(new Date(now - 3 * HOUR)), monthCount: 1 };
      return { trial: h.trial(t[1]!, now - 5 * HOUR), latestAuditId: a2, online, history: [online], undo, nextAppVersion: 2 };
    } },
  { state: "history", nickname: "万家便利", principalName: "武汉万家商贸连锁有限公司", category: 305, tag: "便利店", authorizedDaysAgo: 120,
    build: async (h, t, now) => {
      const versions: ReleasedVersion[] = [];
      for (const [i, days] of [50, 30, 7].entries()) {
        const a = await h.audit({ tpl: t[i]!, status: 0, at: now - (days + 1) * DAY, decidedAt: now - days * DAY });
        versions.unshift(h.released(t[i]!, i + 1, a, now - days * DAY));
      }
      return { trial: h.trial(t[2]!, now - 9 * DAY), latestAuditId: versions[0]!.auditid, online: versions[0], history: versions, nextAppVersion: 4 };
    } },
  { state: "iterating", nickname: "匠心家居", principalName: "佛山匠心家居用品有限公司", category: 305, tag: "家居", authorizedDaysAgo: 45,
    build: async (h, t, now) => {
      const a = await h.audit({ tpl: t[1]!, status: 0, at: now - 11 * DAY, decidedAt: now - 10 * DAY });
      const online = h.released(t[1]!, 1, a, now - 10 * DAY);
      return { trial: h.trial(t[2]!, now - 3 * HOUR), latestAuditId: a, online, history: [online], nextAppVersion: 2 };
    } },
];

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const alnum = (length: number) => Array.from(randomBytes(length), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");
const seconds = (ms: number) => Math.floor(ms / 1000);

export type SandboxDemoSummary = { componentAppid: string; accountId: string; authorizers: number; templates: number; drafts: number };

export async function seedSandboxDemo(db: Db): Promise<SandboxDemoSummary | null> {
  return db.transaction(async (tx) => {
    // Two launchers starting on one empty database seed it once.
    await tx.execute(xactLock("sandboxDemoSeed"));
    if ((await tx.select({ id: sandboxPlatforms.componentAppid }).from(sandboxPlatforms).limit(1)).length > 0) return null;
    const now = Date.now();

    const [platform] = await tx
      .insert(sandboxPlatforms)
      .values({
        componentAppid: newAppid(), componentAppsecret: hex(16), token: alnum(24), encodingAesKey: alnum(43),
        name: "云帆代运营平台", verifyTicket: `ticket@@@${randomBytes(32).toString("base64url")}`, verifyTicketAt: new Date(now),
      })
      .returning();
    const componentAppid = platform!.componentAppid;
    // The console's side of the same platform: what an admin would type into the platform-account form.
    const [account] = await tx
      .insert(platformAccounts)
      .values({
        platform: "wechat", name: "云帆代运营平台", appId: componentAppid,
        secretEnc: encryptSecret(platform!.componentAppsecret), tokenEnc: encryptSecret(platform!.token),
        aesKeyEnc: encryptSecret(platform!.encodingAesKey), apiBase: `${env.APP_URL.replace(/\/$/, "")}/sandbox/wechat`,
        // As if the ticket push had already arrived: the console can get a component token at once instead of
        // waiting up to SANDBOX_TICKET_SECONDS for the next push.
        verifyTicketEnc: encryptSecret(platform!.verifyTicket!), verifyTicketAt: new Date(now),
      })
      .returning({ id: platformAccounts.id });

    const source = { sourceMiniprogramAppid: newAppid(), sourceMiniprogram: "云帆门店模板（开发版）", developer: "张伟" };
    const drafts = await tx
      .insert(sandboxDrafts)
      .values(DRAFTS.map(({ privacyApis: _uses, ...d }, i) => ({ componentAppid, ...source, ...d, createdAt: new Date(now - (80 - i * 20) * DAY) })))
      .returning();
    const usesOf = (draftId: number) => DRAFTS[drafts.findIndex((d) => d.draftId === draftId)]?.privacyApis ?? [];
    for (const d of drafts) await setDraftPrivacyApis(d.draftId, usesOf(d.draftId), tx);
    const templates: Template[] = await tx
      .insert(sandboxTemplates)
      .values(drafts.slice(0, 3).map((d) => ({ componentAppid, draftId: d.draftId, userVersion: d.userVersion, userDesc: d.userDesc, ...source, pages: d.pages, createdAt: d.createdAt })))
      .returning();
    for (const t of templates) await setTemplatePrivacyApis(t.templateId, usesOf(t.draftId), tx);

    let quotaUsed = 0;
    for (const merchant of MERCHANTS) {
      const appid = newAppid();
      const categories: SandboxCategory[] = [categoryBySecondId(merchant.category)!];
      const helpers: Helpers = {
        audit: async ({ tpl, status, at, decidedAt, reason, screenshots }) => {
          if (chinaMonth(new Date(at)) === chinaMonth(new Date(now))) quotaUsed++;
          const c = categories[0]!;
          // Same shape as lib/sandbox/api/audit.ts stores: the submitted body and the trial it audited.
          const body = { item_list: [{ address: "pages/index/index", tag: merchant.tag, first_class: c.first_class, second_class: c.second_class, first_id: c.first_id, second_id: c.second_id, title: "首页" }], version_desc: tpl.userDesc };
          const trial = { templateId: tpl.templateId, userVersion: tpl.userVersion, userDesc: tpl.userDesc, committedAt: at - HOUR };
          const [row] = await tx
            .insert(sandboxAudits)
            .values({ appid, status, reason: reason ?? null, screenshot: null, userVersion: tpl.userVersion, userDesc: tpl.userDesc,
              request: { body, trial }, submitTime: new Date(at), decidedAt: decidedAt ? new Date(decidedAt) : null })
            .returning({ auditid: sandboxAudits.auditid });
          // Real images the material API serves, as the platform's rejection screenshots are.
          if (screenshots) {
            const ids = await makeScreenshots(appid, row!.auditid, screenshots, tx);
            await tx.update(sandboxAudits).set({ screenshot: ids.join("|") }).where(eq(sandboxAudits.auditid, row!.auditid));
          }
          return row!.auditid;
        },
        trial: (tpl, at) => ({
          templateId: tpl.templateId, userVersion: tpl.userVersion, userDesc: tpl.userDesc, pages: tpl.pages, committedAt: at, scanReadyAt: at + 3000,
          // Declares what the template's code uses, as a real commit must, so the stored scan is clean.
          extJson: JSON.stringify({ extEnable: true, extAppid: appid, ext: { shopName: merchant.nickname, theme: "green" },
            ...(usesOf(tpl.draftId).length ? { requiredPrivateInfos: usesOf(tpl.draftId) } : {}) }),
          privacy: { withoutAuth: [], withoutConf: [] },
        }),
        released: (tpl, appVersion, auditid, at) => ({
          appVersion, userVersion: tpl.userVersion, userDesc: tpl.userDesc, commitTime: seconds(at - 2 * DAY), releasedAt: seconds(at), auditid,
        }),
      };
      const state = { visitStatus: 1 as const, ...(await merchant.build(helpers, templates, now)) };
      const authorized = merchant.state !== "unauthorized";
      const values = authorizerValues({ componentAppid, appid, nickname: merchant.nickname, principalName: merchant.principalName,
        categories, funcInfo: merchant.funcInfo ?? DEFAULT_FUNC_INFO, state, authorized });
      const authTime = new Date(now - merchant.authorizedDaysAgo * DAY);
      await tx.insert(sandboxAuthorizers).values({ ...values, authTime, createdAt: authTime });
      await tx.insert(tenants).values({
        accountId: account!.id, appid, nickname: values.nickname, principalName: values.principalName, avatarUrl: values.headImg,
        // As onboarding keeps it (api_get_authorizer_info's user_name): the ingress checks pushes' ToUserName against it.
        userName: values.userName,
        status: authorized ? "authorized" : "unauthorized", refreshTokenEnc: values.refreshToken ? encryptSecret(values.refreshToken) : null,
        permissionSets: values.funcInfo, tags: ["demo", merchant.tag],
      });
    }
    await tx
      .update(sandboxPlatforms)
      .set({ quotaMonth: chinaMonth(new Date(now)), auditQuotaUsed: quotaUsed })
      .where(eq(sandboxPlatforms.componentAppid, componentAppid));
    return { componentAppid, accountId: account!.id, authorizers: MERCHANTS.length, templates: templates.length, drafts: drafts.length };
  });
}
