import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { eq } from "drizzle-orm";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { PathnameContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { db } from "@/lib/db/client";
import { CATALOGS } from "@/lib/i18n/catalogs";
import type { Tenant } from "@/lib/db/schema";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { enqueueBaiduTicket } from "@/lib/sandbox/baidu/push";
import { createBaiduApp, createBaiduPlatform } from "@/lib/sandbox/baidu/registry";
import { sandboxBaiduPlatforms } from "@/lib/sandbox/baidu/schema";
import { updateBaiduSettings } from "@/lib/sandbox/baidu/settings";
import type { Locale } from "@/lib/vocab";
import { consoleBaiduAccount, consoleBaiduTenant } from "@/scripts/vitest/baidu-client";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld } from "@/scripts/vitest/wechat";
import TenantLayout from "./layout";
import CodePage from "./code/page";
import AuditPage from "./audit/page";
import ReleasePage from "./release/page";
import TemplatesPage from "../../templates/page";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => {
  const { intlServerModule } = await import("@/scripts/vitest/actions");
  const { createFormatter } = await import("next-intl");
  return {
    ...intlServerModule,
    getTimeZone: async () => "Asia/Shanghai",
    getFormatter: async () => createFormatter({ locale: await intlServerModule.getLocale(), timeZone: "Asia/Shanghai" }),
  };
});

/**
 * A Baidu tenant's pages rendered to HTML as the server sends them, beside a WeChat tenant's: the tabs, the version
 * board, the Code, Audit and Release tabs and the templates page show only what each platform can do (its
 * capabilities), read live from the emulators over HTTP.
 */

const sandbox = sandboxHarness();
let locale: Locale = "en";
let baidu: { tenant: Tenant; accountId: string };
let wechat: Tenant;

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
async function html(page: Promise<ReactNode>, pathname = "/"): Promise<string> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const routed = createElement(PathnameContext.Provider, { value: pathname }, await page);
  const children = createElement(AppRouterContext.Provider, { value: router as never }, createElement(QueryClientProvider, { client }, routed));
  const props = { locale, messages: CATALOGS[locale], timeZone: "Asia/Shanghai" } as ComponentProps<typeof NextIntlClientProvider>;
  return new Response(await renderToReadableStream(createElement(NextIntlClientProvider, props, children))).text();
}
const params = (tenant: Tenant) => ({ params: Promise.resolve({ tenantId: tenant.id }) });
const layout = (tenant: Tenant) => html(TenantLayout({ children: createElement("p", null, "TAB"), ...params(tenant) }), `/tenants/${tenant.id}`);

beforeAll(async () => {
  await updateBaiduSettings({ uploadDelayMs: 0, rollbackDelayMs: 0 });
  const created = await createBaiduPlatform();
  await enqueueBaiduTicket(created.clientId);
  const [platform] = await db.select().from(sandboxBaiduPlatforms).where(eq(sandboxBaiduPlatforms.clientId, created.clientId));
  const account = await consoleBaiduAccount(platform!, sandbox.wechatBase.replace(/\/wechat$/, "/baidu"));
  const app = await createBaiduApp({ clientId: created.clientId, appName: "百度花店" });
  baidu = { tenant: await consoleBaiduTenant(account, app), accountId: account.id };
  await createBaiduDraft(created.clientId, { userVersion: "3.1.0", userDesc: "春季草稿" });
  wechat = (await createWorld(sandbox, { nickname: "微信茶馆" })).tenant;
  await signInAs("operator");
});

describe("a Baidu tenant's pages", () => {
  it("the layout: no QR-jump tab; the board shows development / online packages, the upload and the rollback version, no gray, visit or base library", async () => {
    locale = "en";
    inLocale("en");
    const page = await layout(baidu.tenant);
    expect(page).toContain("百度花店");
    for (const tab of ["Overview", "Code", "Audit", "Release", "History"]) expect(page).toContain(`>${tab}</a>`);
    expect(page).not.toContain("QR-code jump");
    for (const cell of ["board-trial", "board-audit", "board-live", "board-upload", "board-rollback"]) expect(page).toContain(`data-testid="${cell}"`);
    for (const cell of ["board-gray", "board-visit", "board-base-library"]) expect(page).not.toContain(`data-testid="${cell}"`);
    expect(page).toContain("Development package");
    expect(page).toContain("Nothing uploaded");
    expect(page).not.toContain("Could not be read");
  });

  it("the Code tab: Baidu's default ext_json (extEnable), the upload status and no trial QR code", async () => {
    const page = await html(CodePage(params(baidu.tenant)));
    expect(page).toContain("&quot;extEnable&quot;: true");
    expect(page).toContain("Upload status");
    expect(page).not.toContain("Trial QR code");
  });

  it("the Audit tab: content + remark, no item_list builder or privacy gate", async () => {
    const page = await html(AuditPage(params(baidu.tenant)));
    expect(page).toContain('data-testid="text-submission"');
    expect(page).toContain("Audit description");
    expect(page).toContain("Note to the reviewers");
    expect(page).toContain("Upload status");
    expect(page).not.toContain("could not be read");
    expect(page).not.toContain("Declare the pages to review with their categories");
    expect(page).not.toContain("Audit profile");
  });

  it("the Release tab: release and rollback only", async () => {
    const page = await html(ReleasePage(params(baidu.tenant)));
    expect(page).toContain("Release the approved version");
    expect(page).toContain("Roll back");
    for (const title of ["Gray roll-out", "Visit status", "Minimum base library"]) expect(page).not.toContain(title);
  });

  it("the templates page: a Baidu draft is added with a description of at most 30 characters; in Chinese too", async () => {
    const page = await html(TemplatesPage({ searchParams: Promise.resolve({ account: baidu.accountId }) }));
    expect(page).toContain("3.1.0");
    expect(page).toContain("Template description");
    expect(page).toContain("At most 30 characters");
    locale = "zh-CN";
    inLocale("zh-CN");
    const zh = await layout(baidu.tenant);
    expect(zh).toContain("开发版代码包");
    expect(zh).toContain("可回滚到");
    locale = "en";
    inLocale("en");
  });
});

describe("a WeChat tenant's pages stay as they were", () => {
  it("keep the QR-jump tab, gray, visit and base library, the item_list builder and the trial QR code; no upload status", async () => {
    const page = await layout(wechat);
    expect(page).toContain("QR-code jump");
    for (const cell of ["board-gray", "board-visit", "board-base-library"]) expect(page).toContain(`data-testid="${cell}"`);
    expect(page).not.toContain('data-testid="board-upload"');
    expect(page).toContain("Trial version");
    const release = await html(ReleasePage(params(wechat)));
    for (const title of ["Gray roll-out", "Visit status", "Minimum base library"]) expect(release).toContain(title);
    const code = await html(CodePage(params(wechat)));
    expect(code).toContain("Trial QR code");
    expect(code).not.toContain("Upload status");
    const audit = await html(AuditPage(params(wechat)));
    expect(audit).not.toContain('data-testid="text-submission"');
    expect(audit).toContain("Declare the pages to review with their categories");
  });
});
