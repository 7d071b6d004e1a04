import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { inboundEvents, platformAccounts, tenants } from "@/lib/db/schema";
import { completeAuthorization } from "@/lib/sandbox/authorize";
import { unauthorize } from "@/lib/sandbox/control-ops";
import { createAuthorizer, getAuthorizer } from "@/lib/sandbox/registry";
import { sandboxPlatforms, sandboxTokens } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getAuthorizerClient, getComponentClient } from "./client";
import { processInboundEvent } from "@/lib/console/events";
import { onboardAuthorizer } from "@/lib/console/onboarding/authorizer";
import { getAuthorizerToken, getComponentToken } from "./tokens";
import { authorizerTokenRow, consoleAccountFor, consoleTenantFor, dropCachedTokens } from "@/scripts/vitest/wechat";

/**
 * A refresh of an authorizer token that is slow to come back must not undo what happened meanwhile: a newer grant
 * (updateauthorized, or any writer) or an unauthorized push. The console reaches the sandbox through a gateway at
 * this file's APP_URL (an allowed base) that can hold an answer back after the sandbox gave it, as a slow network
 * would: the sandbox's state has moved on while the console still waits.
 */

const { gateway } = await vi.hoisted(() => import("@/scripts/vitest/gateway").then((m) => m.gatewayAsAppUrl()));
afterAll(() => gateway.close());

const sandbox = sandboxHarness();
const AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";
const HOLD_MS = 1500;

beforeEach(() => gateway.reset());

/** A sandbox platform and authorizer, their console account (through the gateway) and tenant; component token warm. */
async function world() {
  const platform = await sandbox.platformWithTicket();
  const authorizer = await createAuthorizer({ componentAppid: platform.componentAppid });
  const account = await consoleAccountFor(platform, `${gateway.origin}/sandbox/wechat`);
  const tenant = await consoleTenantFor(account, authorizer);
  await getComponentToken(account);
  return { platform, authorizer, account, tenant, r1: authorizer.refreshToken! };
}
type World = Awaited<ReturnType<typeof world>>;

const tenantRow = async (w: World) => (await db.select().from(tenants).where(eq(tenants.id, w.tenant.id)))[0]!;
const storedRefresh = async (w: World) => {
  const row = await tenantRow(w);
  return row.refreshTokenEnc ? decryptSecret(row.refreshTokenEnc) : null;
};

/**
 * Starts a refresh whose answer (from grant R1) is held back; resolves once the sandbox has answered it, with the
 * refresh's outcome still pending (wrapped: an async function returning a promise would wait for it).
 */
async function slowRefresh(w: World): Promise<{ done: Promise<{ token: string } | { error: unknown }> }> {
  gateway.hold(AUTHORIZER_TOKEN, HOLD_MS);
  const answered = gateway.held();
  const refresh = getAuthorizerToken(w.tenant).then(
    (token) => ({ token }),
    (error: unknown) => ({ error }),
  );
  await answered;
  return { done: refresh };
}

/** The merchant authorizes again on the sandbox's page: a new refresh token R2; R1 and its access tokens die. */
async function reauthorize(w: World) {
  const { pre_auth_code } = await getComponentClient(w.account).createPreAuthCode();
  const params = { component_appid: w.platform.componentAppid, pre_auth_code, redirect_uri: "https://console.test/cb", auth_type: "2" };
  const result = await completeAuthorization(params, { mode: "existing", appid: w.authorizer.appid });
  const r2 = (await getAuthorizer(w.authorizer.appid))!.refreshToken!;
  expect(r2).not.toBe(w.r1);
  return { code: result.authorizationCode, r2 };
}

/** A cached access token, if any, is one the sandbox still accepts (not one from a dead grant). */
async function expectCachedTokenLive(w: World) {
  const row = await authorizerTokenRow(w.tenant);
  if (!row) return;
  const token = decryptSecret(row.tokenEnc);
  expect(await db.select().from(sandboxTokens).where(eq(sandboxTokens.token, token))).toHaveLength(1);
}

describe("a slow refresh and a newer authorization", () => {
  it("updateauthorized during a refresh: the new grant wins and the old answer is not cached", async () => {
    const w = await world();
    const { done: refresh } = await slowRefresh(w);
    // The sandbox answered the refresh with R1; before the console has it, the merchant authorizes again.
    const { code, r2 } = await reauthorize(w);
    const onboarded = await onboardAuthorizer(w.account, { authorizationCode: code, appid: w.authorizer.appid });
    await refresh;

    expect(onboarded.id).toBe(w.tenant.id);
    expect(await storedRefresh(w)).toBe(r2);
    expect((await tenantRow(w)).status).toBe("authorized");
    await expectCachedTokenLive(w);
    // And the tenant works: whatever is cached or refreshed now comes from R2.
    expect((await getAuthorizerClient(w.tenant).getCategory()).category_list.length).toBeGreaterThan(0);
    await expectCachedTokenLive(w);
  });

  it("a grant written without the lock during a refresh: the answer of the old grant is discarded and R2 is used", async () => {
    const w = await world();
    const { done: refresh } = await slowRefresh(w);
    const { r2 } = await reauthorize(w);
    // A writer that does not take the tenant's lock (an older process, a manual fix): the refresh must notice.
    await db.update(tenants).set({ refreshTokenEnc: encryptSecret(r2) }).where(eq(tenants.id, w.tenant.id));
    const outcome = await refresh;

    expect(outcome).toHaveProperty("token");
    // Once more, with R2.
    const sent = gateway.seen.filter((s) => s.path.endsWith(AUTHORIZER_TOKEN)).map((s) => JSON.parse(s.body).authorizer_refresh_token);
    expect(sent).toEqual([w.r1, r2]);
    expect(await storedRefresh(w)).toBe(r2);
    expect(await authorizerTokenRow(w.tenant)).toBeDefined();
    await expectCachedTokenLive(w);
    expect(decryptSecret((await authorizerTokenRow(w.tenant))!.tokenEnc)).toBe((outcome as { token: string }).token);
  });
});

describe("a slow refresh and an unauthorized push", () => {
  it("leaves the tenant unauthorized, with no refresh token and no cached token", async () => {
    const w = await world();
    const { done: refresh } = await slowRefresh(w);
    await unauthorize({ appid: w.authorizer.appid });
    const [event] = await db
      .insert(inboundEvents)
      .values({
        accountId: w.account.id,
        authorizerAppid: w.authorizer.appid,
        kind: "unauthorized",
        msgSignature: "sig",
        nonce: `n-${w.tenant.id}`,
        timestamp: Math.floor(Date.now() / 1000),
        rawBody: "<xml/>",
        payload: { InfoType: "unauthorized", AuthorizerAppid: w.authorizer.appid },
      })
      .returning();
    await processInboundEvent(event!.id, { InfoType: "unauthorized", AuthorizerAppid: w.authorizer.appid });
    await refresh;

    const [processed] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, event!.id));
    expect(processed!.error).toBeNull();
    expect(await tenantRow(w)).toMatchObject({ status: "unauthorized", refreshTokenEnc: null });
    expect(await authorizerTokenRow(w.tenant)).toBeUndefined();
  });
});

describe("the component token", () => {
  it("is refreshed with the account row as it is under the lock, not the caller's stale copy", async () => {
    const platform = await sandbox.platformWithTicket();
    const account = await consoleAccountFor(platform, sandbox.wechatBase);
    // The admin changes the secret (on the platform and in the console) after `account` was read.
    const newSecret = "rotated-secret-0123456789abcdef";
    await db.update(sandboxPlatforms).set({ componentAppsecret: newSecret }).where(eq(sandboxPlatforms.componentAppid, platform.componentAppid));
    await db.update(platformAccounts).set({ secretEnc: encryptSecret(newSecret) }).where(eq(platformAccounts.id, account.id));
    await dropCachedTokens(account);
    // The stale copy also names a host the row no longer does.
    const stale = { ...account, apiBase: `${gateway.origin}/sandbox/wechat` };

    expect(await getComponentToken(stale)).toMatch(/^SBXC_/);
    expect(gateway.seen).toEqual([]);
  });
});

