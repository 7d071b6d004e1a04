import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/crypto";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { platformAccounts, templates, tenantSnapshots, tenants } from "@/lib/db/schema";
import type { Locale } from "@/lib/vocab";
import { parseSelection } from "@/components/jobs/fleet-params";
import FleetPage from "./page";
import QrWallPage from "./qr-wall/page";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => ({ ...(await import("@/scripts/vitest/actions")).intlServerModule, getTimeZone: async () => "Asia/Shanghai" }));

/**
 * The fleet board and the QR wall rendered to HTML as the server sends them (server components awaited, client
 * components server-rendered inside the providers the layout gives them), as a viewer and as an operator.
 */

let locale: Locale = "en";
const ids: Record<string, string> = {};

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
async function html(page: Promise<ReactNode>): Promise<string> {
  const children = createElement(AppRouterContext.Provider, { value: router as never }, await page);
  const props = { locale, messages: CATALOGS[locale], timeZone: "Asia/Shanghai" } as ComponentProps<typeof NextIntlClientProvider>;
  const tree = createElement(NextIntlClientProvider, props, children);
  return new Response(await renderToReadableStream(tree)).text();
}
const fleet = (search: Record<string, string> = {}) => html(FleetPage({ searchParams: Promise.resolve(search) }));
const wall = (search: Record<string, string>) => html(QrWallPage({ searchParams: Promise.resolve(search) }));

beforeAll(async () => {
  const [account] = await db.insert(platformAccounts).values({ platform: "wechat", name: "page", appId: "wxpage0000000000001", secretEnc: encryptSecret("s") }).returning();
  await db.insert(templates).values({ accountId: account!.id, templateId: 31, userVersion: "1.2.0", userDesc: "春季版" });
  const seed = [
    { nickname: "Alpha 茶馆", snapshot: { liveVersion: "1.2.0", liveTemplateId: 31, trialVersion: "1.2.0", trialTemplateId: 31, auditState: "approved" as const } },
    { nickname: "Beta 面包", snapshot: { liveVersion: "1.1.0", liveTemplateId: 29, grayPercentage: 20, grayVersion: "1.2.0", auditState: "rejected" as const } },
    { nickname: "Gamma 花店", snapshot: null },
  ];
  for (const [i, s] of seed.entries()) {
    const [tenant] = await db.insert(tenants).values({ accountId: account!.id, appid: `wxpage${String(i).padStart(12, "0")}`, nickname: s.nickname }).returning();
    ids[s.nickname.split(" ")[0]!] = tenant!.id;
    if (s.snapshot) await db.insert(tenantSnapshots).values({ tenantId: tenant!.id, ...s.snapshot });
  }
});

describe("/fleet", () => {
  it("a viewer sees every mini-program's versions with their templates and the summary, and no job links", async () => {
    await signInAs("viewer");
    locale = "en";
    inLocale("en");
    const page = await fleet();
    for (const name of ["Alpha 茶馆", "Beta 面包", "Gamma 花店"]) expect(page).toContain(name);
    expect(page).toContain("template 31 (1.2.0)");
    expect(page).toContain("20% of users");
    expect(page).toContain("Never read");
    expect(page).toContain("3 mini-programs match");
    expect(page).toMatch(/1 on template 31 \(1\.2\.0\)/);
    expect(page).toContain("1 never read");
    expect(page).toContain('scope="col"');
    expect(page).not.toContain("/jobs/new");
  });

  it("drift from a target: the drifted ones listed, the counts, and for an operator the job links with the filter", async () => {
    await signInAs("operator");
    const page = await fleet({ driftFrom: "31", tag: "" });
    expect(page).not.toContain("Alpha 茶馆");
    expect(page).toContain("Beta 面包");
    expect(page).toContain("Gamma 花店");
    expect(page).toContain("Against template 31 (1.2.0): 1 up to date, 2 drifted");
    expect(page).toContain('href="/jobs/new?kind=pipeline&amp;all=1&amp;driftFrom=31"');
    expect(page).toContain('href="/jobs/new?kind=refresh_versions&amp;all=1&amp;driftFrom=31"');
    expect(page).toContain(`/fleet/qr-wall?ids=${ids.Beta},${ids.Gamma}`);
  });

  it("without a filter, an operator's 'refresh version info' selects the whole fleet (all=1, which the wizard reads)", async () => {
    await signInAs("operator");
    const page = await fleet();
    expect(page).toContain('href="/jobs/new?kind=refresh_versions&amp;all=1"');
    expect(parseSelection({ kind: "refresh_versions", all: "1" })).toEqual({ filter: {}, except: [] });
  });

  it("gray only, in Chinese", async () => {
    await signInAs("viewer");
    locale = "zh-CN";
    inLocale("zh-CN");
    const page = await fleet({ gray: "true" });
    expect(page).toContain("Beta 面包");
    expect(page).not.toContain("Alpha 茶馆");
    expect(page).toContain("匹配 1 个小程序");
    expect(page).toContain("20% 用户");
    locale = "en";
    inLocale("en");
  });
});

describe("/fleet/qr-wall", () => {
  it("one lazy image per tenant with a trial (or never read), opening the page asked; 'no trial version' otherwise", async () => {
    await signInAs("viewer");
    const page = await wall({ ids: `${ids.Alpha},${ids.Beta},not-a-uuid,${ids.Gamma},${ids.Alpha}`, path: "pages/index/index?from=wall" });
    const qr = (id: string) => `/tenants/${id}/qr?page=pages%2Findex%2Findex&amp;query=from%3Dwall`;
    expect(page).toContain(`src="${qr(ids.Alpha!)}"`);
    expect(page).toContain(`src="${qr(ids.Gamma!)}"`);
    expect(page).not.toContain(qr(ids.Beta!));
    expect(page.match(/loading="lazy"/g)).toHaveLength(2);
    expect(page.match(/No trial version/g)).toHaveLength(1);
    expect(page).toContain("Trial 1.2.0");
    expect(page).toContain("3 mini-programs");
    expect(page).toContain("Print");
  });

  it("without ids: an empty state", async () => {
    await signInAs("viewer");
    expect(await wall({ ids: "" })).toContain("No mini-programs chosen");
  });
});
