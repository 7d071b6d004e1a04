import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto";
import { tenants } from "@/lib/db/schema";
import { createAuthorizer, getAuthorizer, newRefreshToken } from "@/lib/sandbox/registry";
import { sandboxAuthorizers } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getAuthorizerClient } from "@/lib/platforms/wechat/client";
import { getAuthorizerToken, getComponentToken } from "@/lib/platforms/wechat/tokens";
import { authorizerTokenRow, consoleAccountFor, consoleTenantFor, expireCachedToken } from "@/scripts/vitest/wechat";
import { authorizerKey } from "@/lib/platforms/wechat/grants";
import { repullRefreshTokens, withTenantHealth } from "./tokens-health";

/**
 * A re-pull is a grant writer: it must wait for a refresh in flight (which holds the tenant's lock) and not deadlock
 * with it, and whatever comes last must leave a consistent grant. The console reaches the sandbox through a gateway
 * at this file's APP_URL that can hold an answer back after the sandbox gave it, as a slow network would.
 */

const { gateway } = await vi.hoisted(() => import("@/scripts/vitest/gateway").then((m) => m.gatewayAsAppUrl()));
afterAll(() => gateway.close());

const sandbox = sandboxHarness();
const AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

async function world() {
  gateway.reset();
  const platform = await sandbox.platformWithTicket();
  const authorizer = await createAuthorizer({ componentAppid: platform.componentAppid });
  const account = await consoleAccountFor(platform, `${gateway.origin}/sandbox/wechat`);
  const tenant = await consoleTenantFor(account, authorizer);
  await getComponentToken(account);
  return { platform, authorizer, account, tenant };
}

const tenantRow = async (id: string) => (await db.select().from(tenants).where(eq(tenants.id, id)))[0]!;

describe("a re-pull and a refresh in flight", () => {
  it("waits for the refresh's lock, then saves the listed grant and drops the token the refresh cached", async () => {
    const w = await world();
    const finished: string[] = [];
    gateway.hold(AUTHORIZER_TOKEN, 1500);
    const answered = gateway.held();
    const refresh = getAuthorizerToken(w.tenant).then(() => finished.push("refresh"));
    await answered;
    const repull = repullRefreshTokens(w.account).then((result) => (finished.push("repull"), result));

    expect(await repull).toEqual({ listed: 1, updated: 1, recovered: 0 });
    await refresh;
    expect(finished).toEqual(["refresh", "repull"]);
    expect(decryptSecret((await tenantRow(w.tenant.id)).refreshTokenEnc!)).toBe((await getAuthorizer(w.authorizer.appid))!.refreshToken);
    expect(await authorizerTokenRow(w.tenant)).toBeUndefined();
    expect((await getAuthorizerClient(w.tenant).getCategory()).category_list.length).toBeGreaterThan(0);
  });

  it("a refusal held back while a re-pull restores the grant: the late marking leaves the recovered tenant authorized", async () => {
    const w = await world();
    // The platform forgot the stored grant: the refresh will be refused (61023)…
    await db.update(sandboxAuthorizers).set({ refreshToken: newRefreshToken() }).where(eq(sandboxAuthorizers.appid, w.authorizer.appid));
    await expireCachedToken(authorizerKey(w.tenant.id));
    gateway.hold(AUTHORIZER_TOKEN, 1500);
    const answered = gateway.held();
    const call = withTenantHealth(w.tenant, () => getAuthorizerClient(w.tenant).getCategory()).then(
      () => null,
      (e: unknown) => e as { code: number },
    );
    await answered;
    // …and while its answer is on the way, the re-pull stores the grant the platform knows now.
    await repullRefreshTokens(w.account);
    expect((await call)!.code).toBe(61023);

    expect((await tenantRow(w.tenant.id)).status).toBe("authorized");
    expect((await getAuthorizerClient(w.tenant).getCategory()).category_list.length).toBeGreaterThan(0);
  });
});
