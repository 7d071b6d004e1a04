import { baiduWorld, deliver, processingMode, processPending, tenantOf } from "@/scripts/vitest/baidu-events";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { inboundEvents, tenants } from "@/lib/db/schema";
import { getAppClient } from "@/lib/platforms/baidu/client";
import { completeBaiduAuthorization as confirmOnSandboxPage } from "@/lib/sandbox/baidu/authorize";
import { getBaiduApp } from "@/lib/sandbox/baidu/registry";
import { authorizationCodeHash } from "@/lib/console/ingress";
import { authorizationProgress, callbackUrl, completeAuthorization, createAuthorizationLink } from ".";

/**
 * Onboarding a Baidu smart program against the emulator over HTTP: the link (pre-auth code → the emulator's
 * authorization page), the merchant confirming, the redirect's `authorization_code` exchanged — and the race of the
 * redirect and the AUTHORIZED push for that single-use code, which neither may lose the onboarding over.
 */

afterEach(() => {
  processingMode.immediate = true;
});

async function linked() {
  const w = await baiduWorld();
  const link = await createAuthorizationLink(w.account.id, 2, null);
  return { w, link };
}

/** The merchant confirms on the emulator's page; answers the code the browser brings back. */
async function confirm(pcUrl: string, appName = "接入百度店") {
  const done = await confirmOnSandboxPage(new URL(pcUrl).searchParams, { mode: "new", appName });
  const redirect = new URL(done.redirectUrl);
  return { done, redirect, code: redirect.searchParams.get("authorization_code")! };
}

async function expectLiveGrant(w: Awaited<ReturnType<typeof baiduWorld>>, appId: number) {
  const rows = await db.select().from(tenants).where(and(eq(tenants.accountId, w.account.id), eq(tenants.appid, String(appId))));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: "authorized", nickname: "接入百度店" });
  expect(decryptSecret(rows[0]!.refreshTokenEnc!)).toBe((await getBaiduApp(appId))!.refreshToken);
  expect(await getAppClient(rows[0]!).getPackages()).toEqual([]);
  return rows[0]!;
}

describe("the authorization link", () => {
  it("is a pre-auth code on the emulator's authorization page, returning to the console's callback, as link and QR code", async () => {
    const { w, link } = await linked();
    const pc = new URL(link.pcUrl);
    expect(pc.pathname).toBe("/sandbox/baidu/mappconsole/tp/authorization");
    expect(pc.searchParams.get("client_id")).toBe(w.platform.clientId);
    expect(pc.searchParams.get("redirect_uri")).toBe(callbackUrl(w.account.id));
    expect(pc.searchParams.get("pre_auth_code")).toBeTruthy();
    expect(link.h5Url).toBe(link.pcUrl);
    expect(link).toMatchObject({ platform: "baidu", sandbox: true });
    expect(Buffer.from(link.qrDataUrl.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString()).toMatch(/^<svg/);
    // The page itself answers with the form for that code.
    const page = await fetch(link.pcUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(w.platform.clientId);
  });
});

describe("the redirect back to the console", () => {
  it("exchanges authorization_code for the tenant; the push arriving afterwards adopts that grant", async () => {
    const { w, link } = await linked();
    const { done, redirect, code } = await confirm(link.pcUrl);
    expect(redirect.searchParams.get("account")).toBe(w.account.id);
    const outcome = await completeAuthorization(w.account.id, code, null, "en");
    expect(outcome).toMatchObject({ kind: "onboarded", tenant: { appid: String(done.appId), nickname: "接入百度店", status: "authorized", codeManagement: true } });
    expect(JSON.stringify(outcome)).not.toMatch(/refresh|v1:/);
    await expectLiveGrant(w, done.appId);

    await deliver();
    const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "AUTHORIZED")));
    expect(event).toMatchObject({ error: null });
    expect(event!.processedAt).not.toBeNull();
    await expectLiveGrant(w, done.appId);
    // The page reloaded: the spent code finds the push's tenant by its hash.
    expect(await completeAuthorization(w.account.id, code, null, "en")).toMatchObject({ kind: "onboarded", tenant: { appid: String(done.appId) } });
  });

  it("when the push exchanged the code first, the redirect shows the push's tenant", async () => {
    const { w, link } = await linked();
    const { done, code } = await confirm(link.pcUrl);
    await deliver();
    await expectLiveGrant(w, done.appId);
    const outcome = await completeAuthorization(w.account.id, code, null, "zh-CN");
    expect(outcome).toMatchObject({ kind: "onboarded", tenant: { appid: String(done.appId) } });
    await expectLiveGrant(w, done.appId);
  });

  it("while the push that spent the code is still being processed, the page gets the code's hash to poll with", async () => {
    const { w, link } = await linked();
    const { done, code } = await confirm(link.pcUrl);
    processingMode.immediate = false;
    await deliver();
    // The push has been accepted but not processed: spend its code, as the push's exchange would.
    const { exchangeAuthorizationCode } = await import("@/lib/platforms/baidu/tokens");
    const { pair } = await exchangeAuthorizationCode(w.account, code);
    expect(pair.refreshToken).toBeTruthy();
    const outcome = await completeAuthorization(w.account.id, code, null, "en");
    expect(outcome).toEqual({ kind: "alreadyExchanged", accountId: w.account.id, errcode: "invalid_grant", meaning: expect.any(String), codeHash: authorizationCodeHash(code) });
    expect((await authorizationProgress(w.account.id, authorizationCodeHash(code))).tenant).toBeNull();
    await processPending();
    expect((await authorizationProgress(w.account.id, authorizationCodeHash(code))).tenant).toMatchObject({ appid: String(done.appId) });
    await expectLiveGrant(w, done.appId);
  });

  it("the redirect and the push racing for the single-use code both end with one tenant holding the live grant", async () => {
    for (let round = 0; round < 3; round++) {
      const { w, link } = await linked();
      const { done, code } = await confirm(link.pcUrl);
      processingMode.immediate = false;
      await deliver();
      const [outcome] = await Promise.all([completeAuthorization(w.account.id, code, null, "en"), processPending()]);
      expect(["onboarded", "alreadyExchanged"]).toContain(outcome.kind);
      const [event] = await db.select().from(inboundEvents).where(and(eq(inboundEvents.accountId, w.account.id), eq(inboundEvents.kind, "AUTHORIZED")));
      expect(event).toMatchObject({ error: null });
      expect(event!.processedAt).not.toBeNull();
      expect((await authorizationProgress(w.account.id, authorizationCodeHash(code))).tenant).toMatchObject({ appid: String(done.appId) });
      await expectLiveGrant(w, done.appId);
      processingMode.immediate = true;
    }
  });

  it("an unknown code is refused with the platform's meaning and stores nothing", async () => {
    const { w } = await linked();
    const outcome = await completeAuthorization(w.account.id, "no-such-code", null, "en");
    // No push spent it: the page still offers to poll (an expired or unknown code looks the same to Baidu).
    expect(outcome).toMatchObject({ kind: "alreadyExchanged", errcode: "invalid_grant" });
    expect(await tenantOf(w, 1)).toBeUndefined();
    expect(await db.select().from(tenants).where(eq(tenants.accountId, w.account.id))).toEqual([]);
  });
});
