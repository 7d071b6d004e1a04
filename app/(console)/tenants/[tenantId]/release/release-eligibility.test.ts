import { describe, expect, it, vi } from "vitest";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { submitForTenant } from "@/lib/console/audit-submit";
import { reconcileAudits } from "@/lib/console/audit-reconcile";
import { waitForUpload } from "@/lib/console/audits-upload";
import { commitForTenant } from "@/lib/console/commits";
import { releaseTenant } from "@/lib/console/releases";
import { addDraftToTemplates, listTemplates } from "@/lib/console/templates";
import { forgetBoard } from "@/lib/console/versions";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { platformForTenant } from "@/lib/platforms";
import { decideBaiduAudit } from "@/lib/sandbox/baidu/audit";
import { createBaiduDraft } from "@/lib/sandbox/baidu/api/templates";
import { updateBaiduSettings } from "@/lib/sandbox/baidu/settings";
import { emptyDraft } from "@/lib/validation/audit-submission";
import { baiduHarness } from "@/scripts/vitest/baidu";
import { createBaiduWorld } from "@/scripts/vitest/baidu-client";
import ReleasePage from "./page";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The Release card's eligibility for a Baidu smart program, rendered as the server sends it against the Baidu
 * emulator: an approved package waiting is releasable; once released, the online package is no approved audit
 * waiting, so the card's button is disabled and says why (the platform would refuse the release).
 */

const baidu = baiduHarness();
const EXT = '{"extEnable":true,"extAppid":"{{appid}}","ext":{"name":"{{nickname}}"}}';
const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };

async function html(page: Promise<ReactNode>): Promise<string> {
  const children = createElement(AppRouterContext.Provider, { value: router as never }, await page);
  const props = { locale: "en", messages: CATALOGS.en, timeZone: "Asia/Shanghai" } as ComponentProps<typeof NextIntlClientProvider>;
  return new Response(await renderToReadableStream(createElement(NextIntlClientProvider, props, children))).text();
}

/** The Release card's button (its label is "Release"): whether it is disabled. */
function releaseButtonDisabled(page: string): boolean {
  const buttons = [...page.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].filter((m) => m[2] === "Release");
  expect(buttons).toHaveLength(1);
  return /\sdisabled=""/.test(buttons[0]![1]!);
}

describe("the Release card of a Baidu smart program", () => {
  it("is enabled for an approved package waiting, and disabled once it is released", async () => {
    inLocale("en");
    await signInAs("operator");
    await updateBaiduSettings({ uploadDelayMs: 0, rollbackDelayMs: 0 });
    const world = await createBaiduWorld(baidu);
    const draft = await createBaiduDraft(world.platform.clientId, { userVersion: "1.0.0", userDesc: "草稿" });
    await addDraftToTemplates(world.account, draft.draftId, "custom", {}, "门店模板");
    const templateId = (await listTemplates(world.account.id))[0]!.templateId;
    const platform = await platformForTenant(world.tenant);
    await commitForTenant(world.tenant, platform, { templateId, userVersion: "1.0.0", userDesc: "v1", extJson: EXT }, { actorId: null });
    await waitForUpload(platform, { everyMs: 50 });
    await submitForTenant(world.tenant, platform, { ...emptyDraft(), versionDesc: "送审" }, null);
    await decideBaiduAudit(world.app.appId, { result: "approve" });
    await reconcileAudits({ tenantIds: [world.tenant.id], olderThanMs: 0 });
    const params = { params: Promise.resolve({ tenantId: world.tenant.id }) };

    forgetBoard(world.tenant.id);
    const approved = await html(ReleasePage(params));
    expect(releaseButtonDisabled(approved)).toBe(false);
    expect(approved).not.toContain("Only an approved audit can be released");

    await releaseTenant(platform);
    forgetBoard(world.tenant.id);
    const released = await html(ReleasePage(params));
    expect(releaseButtonDisabled(released)).toBe(true);
    expect(released).toContain("Only an approved audit can be released (the latest audit is: ");
  });
});
