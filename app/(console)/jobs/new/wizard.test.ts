import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { extJsonIssues } from "@/components/jobs/wizard/ext-check";
import { DEFAULT_BAIDU_EXT_JSON, DEFAULT_EXT_JSON, initialDraft, paramsFor, type WizardAccount } from "@/components/jobs/wizard/model";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, templates, tenants } from "@/lib/db/schema";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { commitParams, pipelineParams } from "@/lib/jobs/params";
import type { Locale } from "@/lib/vocab";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import NewJobPage from "./page";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The job wizard over a selection spanning a WeChat and a Baidu account: the parameters it builds (a template per
 * account, the text submission, Baidu's ext_json default and checks) and the page as the server renders it.
 */

const wx: WizardAccount = { accountId: "11111111-1111-4111-8111-111111111111", name: "微信", platform: "wechat", tenants: 2, textSubmission: false };
const bd: WizardAccount = { accountId: "22222222-2222-4222-8222-222222222222", name: "百度", platform: "baidu", tenants: 3, textSubmission: true };
const groups = [
  { accountId: wx.accountId, accountName: "微信", templates: [{ id: 11, userVersion: "1.0.0", userDesc: "" }, { id: 12, userVersion: "1.1.0", userDesc: "" }] },
  { accountId: bd.accountId, accountName: "百度", templates: [{ id: 21, userVersion: "2.0.0", userDesc: "" }] },
];

describe("the wizard's parameters", () => {
  it("asks a template per account across accounts, and sends templateId alone within one", () => {
    const draft = { ...initialDraft({}), templates: { [wx.accountId]: "12" } };
    const mixed = paramsFor("commit", draft, { accounts: [wx, bd], templates: groups });
    expect(mixed).toEqual({ templateId: 12, templates: { [wx.accountId]: 12, [bd.accountId]: 21 }, userVersion: "", userDesc: "", extJson: DEFAULT_BAIDU_EXT_JSON });
    expect(commitParams.safeParse(mixed).success).toBe(true);
    // An account with nothing chosen is sent as 0: the server names that account's field.
    const none = paramsFor("commit", { ...draft, templates: { [wx.accountId]: "", [bd.accountId]: "" } }, { accounts: [wx, bd], templates: groups }) as { templates: Record<string, number>; templateId: number };
    expect(none).toMatchObject({ templateId: 0, templates: { [wx.accountId]: 0, [bd.accountId]: 0 } });
    const issues = commitParams.safeParse(none).error!.issues.map((i) => i.path.join("."));
    expect(issues.sort()).toEqual(["templateId", `templates.${bd.accountId}`, `templates.${wx.accountId}`].sort());
    // One account: its template (the preselected one when it is the account's), no map; WeChat's default ext_json.
    expect(paramsFor("commit", initialDraft({}), { accounts: [wx], templates: groups, initialTemplateId: 12 })).toMatchObject({ templateId: 12, extJson: DEFAULT_EXT_JSON });
    expect(paramsFor("commit", initialDraft({}), { accounts: [wx], templates: groups })).not.toHaveProperty("templates");
  });

  it("sends a pipeline's text submission (content, remark) with the profile", () => {
    const draft = { ...initialDraft({ profileId: "33333333-3333-4333-8333-333333333333" }), content: "送审描述", remark: "备注" };
    const params = paramsFor("pipeline", draft, { accounts: [wx, bd], templates: groups });
    expect(params).toMatchObject({ submit: { profileId: draft.profileId, content: "送审描述", remark: "备注" }, after: "release", waitAudit: true });
    expect(pipelineParams.parse(params).submit).toMatchObject({ content: "送审描述", remark: "备注" });
  });

  it("checks the ext_json by each selected platform's rules", () => {
    expect(extJsonIssues(DEFAULT_BAIDU_EXT_JSON, ["wechat", "baidu"])).toEqual([]);
    const wechatOnly = extJsonIssues(DEFAULT_EXT_JSON, ["wechat", "baidu"]);
    expect(wechatOnly.map((p) => [p.platform, p.issues.map((i) => i.key)])).toEqual([["baidu", ["baiduExtEnableMissing"]]]);
    const pages = extJsonIssues('{"extEnable": true, "pages": ["a"], "extAppid": {{appid}}}', ["wechat", "baidu"]);
    expect(pages.map((p) => [p.platform, p.issues.map((i) => i.key)])).toEqual([["baidu", ["baiduUnknownKey"]]]);
  });
});

describe("the wizard's page over a WeChat and a Baidu account", () => {
  let ids: string[] = [];
  let accountIds: { wechat: string; baidu: string };
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  async function html(page: Promise<ReactNode>, locale: Locale): Promise<string> {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const children = createElement(AppRouterContext.Provider, { value: router as never }, createElement(QueryClientProvider, { client }, await page));
    const props = { locale, messages: CATALOGS[locale], timeZone: "Asia/Shanghai" } as ComponentProps<typeof NextIntlClientProvider>;
    return new Response(await renderToReadableStream(createElement(NextIntlClientProvider, props, children))).text();
  }

  beforeAll(async () => {
    const [w] = await db.insert(platformAccounts).values({ platform: "wechat", name: "微信主账号", appId: "wx00000000000000bb", secretEnc: encryptSecret("s") }).returning();
    const [b] = await db.insert(platformAccounts).values({ platform: "baidu", name: "百度主账号", appId: "baidu-client-2", secretEnc: encryptSecret("baidu-client-2") }).returning();
    accountIds = { wechat: w!.id, baidu: b!.id };
    await db.insert(templates).values([
      { accountId: w!.id, templateId: 101, userVersion: "1.0.0" },
      { accountId: b!.id, templateId: 201, userVersion: "2.0.0" },
    ]);
    const rows = await db
      .insert(tenants)
      .values([
        { accountId: w!.id, appid: "wx20000000000000b1", nickname: "微信店" },
        { accountId: b!.id, appid: "40000001", nickname: "百度店" },
      ])
      .returning({ id: tenants.id });
    ids = rows.map((r) => r.id);
    await signInAs("operator");
  });

  it("shows a template select per account, the text submission fields and Baidu's ext_json default; in Chinese too", async () => {
    inLocale("en");
    const page = await html(NewJobPage({ searchParams: Promise.resolve({ ids: ids.join(","), kind: "pipeline" }) }), "en");
    expect(page).toContain(`id="job-template-${accountIds.wechat}"`);
    expect(page).toContain(`id="job-template-${accountIds.baidu}"`);
    expect(page).toContain("Template for 百度主账号");
    expect(page).toContain("The selection spans 2 platform accounts");
    expect(page).toContain('data-testid="job-text-submission"');
    expect(page).toContain("1 selected smart program submits a text");
    expect(page).toContain("&quot;extEnable&quot;: true");
    expect(page).not.toContain("Finding the platform accounts");
    inLocale("zh-CN");
    const zh = await html(NewJobPage({ searchParams: Promise.resolve({ ids: ids.join(","), kind: "submit" }) }), "zh-CN");
    expect(zh).toContain("送审描述");
    expect(zh).not.toContain('id="job-template-');
  });

  it("asks no text within WeChat alone, and keeps WeChat's ext_json default", async () => {
    inLocale("en");
    const page = await html(NewJobPage({ searchParams: Promise.resolve({ ids: ids[0]!, kind: "pipeline" }) }), "en");
    expect(page).not.toContain('data-testid="job-text-submission"');
    expect(page).not.toContain("&quot;extEnable&quot;");
    expect(page).toContain(`id="job-template-${accountIds.wechat}"`);
    expect(page).not.toContain("Template for");
  });
});
