import { describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { ActionError } from "@/lib/actions/errors";
import { db } from "@/lib/db/client";
import { operations, platformAccounts, tenants } from "@/lib/db/schema";
import { completeAuthorization as confirmOnSandboxPage } from "@/lib/sandbox/authorize";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { consoleAccountFor } from "@/scripts/vitest/wechat";
import { authorizationCodeHash } from "@/lib/console/ingress";
import { authorizationProgress, callbackUrl, completeAuthorization, createAuthorizationLink } from ".";

/** Onboarding against the sandbox over HTTP: the link, the merchant confirming, the redirect's exchange. */

const sandbox = sandboxHarness();

async function sandboxAccount() {
  return consoleAccountFor(await sandbox.platformWithTicket(), sandbox.wechatBase);
}

describe("authorization links", () => {
  it("creates a pre-auth code and links to the sandbox page (PC and H5) that return to the console's callback", async () => {
    const account = await sandboxAccount();
    const link = await createAuthorizationLink(account.id, 2, null);
    const pc = new URL(link.pcUrl);
    const h5 = new URL(link.h5Url);
    expect(`${pc.origin}${pc.pathname}`).toBe(sandbox.wechatBase.replace(/\/wechat$/, "/authorize"));
    expect(pc.searchParams.get("component_appid")).toBe(account.appId);
    expect(pc.searchParams.get("auth_type")).toBe("2");
    expect(pc.searchParams.get("redirect_uri")).toBe(callbackUrl(account.id));
    expect(pc.searchParams.get("pre_auth_code")).toMatch(/^preauthcode@@@/);
    expect(h5.searchParams.get("pre_auth_code")).toBe(pc.searchParams.get("pre_auth_code"));
    expect(h5.searchParams.get("action")).toBe("bindcomponent");
    expect(h5.hash).toBe("#wechat_redirect");
    expect(Buffer.from(link.qrDataUrl.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString()).toMatch(/^<svg/);
    expect(link.sandbox).toBe(true);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(500_000);

    // The call is in the history, its code redacted.
    const [row] = await db.select().from(operations).where(eq(operations.action, "component.api_create_preauthcode"));
    expect(row!.ok).toBe(true);
    expect(JSON.stringify(row)).not.toContain(pc.searchParams.get("pre_auth_code"));
  });

  it("refuses a real platform's link to an http console before spending a pre-auth code", async () => {
    const account = await sandboxAccount();
    const [real] = await db.update(platformAccounts).set({ apiBase: "https://api.weixin.qq.com" }).where(eq(platformAccounts.id, account.id)).returning();
    const before = await db.select().from(operations).where(like(operations.action, "%preauthcode%"));
    const error = await createAuthorizationLink(real!.id, 2, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).messageKey).toBe("tenants.authorize.httpsRequired");
    expect(await db.select().from(operations).where(like(operations.action, "%preauthcode%"))).toHaveLength(before.length);
  });
});

describe("the redirect back to the console", () => {
  it("exchanges the code for one tenant; the same code again (the push was first) finds that tenant", async () => {
    const account = await sandboxAccount();
    const link = await createAuthorizationLink(account.id, 2, null);
    const params = Object.fromEntries(new URL(link.pcUrl).searchParams);
    const done = await confirmOnSandboxPage(params, { mode: "new", nickname: "接入测试店", principalName: "接入测试有限公司", categoryIds: [616] });
    const redirect = new URL(done.redirectUrl);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(new URL(callbackUrl(account.id)).origin + "/tenants/authorize/callback");
    const code = redirect.searchParams.get("auth_code")!;

    const first = await completeAuthorization(redirect.searchParams.get("account")!, code, null, "en");
    expect(first.kind).toBe("onboarded");
    const tenant = first.kind === "onboarded" ? first.tenant : null;
    expect(tenant).toMatchObject({ appid: done.appid, nickname: "接入测试店", principalName: "接入测试有限公司", status: "authorized" });
    expect(tenant!.permissionSets).toContain(18);
    expect(JSON.stringify(tenant)).not.toMatch(/refresh|v1:/);

    // No push here: the page gets the code's hash (never the code) to poll with, and the poll offers the tenant
    // just authorized on this account.
    const again = await completeAuthorization(account.id, code, null, "en");
    expect(again).toEqual({ kind: "alreadyExchanged", accountId: account.id, errcode: 61009, meaning: expect.any(String), codeHash: authorizationCodeHash(code) });
    const progress = await authorizationProgress(account.id, authorizationCodeHash(code));
    expect(progress.tenant).toBeNull();
    expect(progress.recent.map((t) => t.appid)).toContain(done.appid);
    expect(await db.select().from(tenants).where(and(eq(tenants.accountId, account.id), eq(tenants.appid, done.appid)))).toHaveLength(1);
  });

  it("says so when the account named by the redirect no longer exists", async () => {
    expect(await completeAuthorization(crypto.randomUUID(), "queryauthcode@@@x", null, "en")).toEqual({ kind: "unknownAccount" });
  });
});
