import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, wechatTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createAccountSchema, type WechatAccountInput } from "@/lib/validation/accounts";
import { authorizerKey, componentKey } from "@/lib/platforms/wechat/tokens";
import { createAccount, loadAccount, updateAccount } from "./accounts";
import { expectedErrorOf } from "@/scripts/vitest/expected-error";

/**
 * Where a platform account's secret and tokens may be sent: the API base is checked on the server when an account
 * is created or changed, and changing it needs the secret again and drops every token of the account.
 */

// A company proxy the deployment allows, set before lib/env.ts parses the environment.
vi.hoisted(() => vi.stubEnv("WECHAT_API_BASE_ALLOWLIST", "proxy.example.com, https://gw.example.net:8443"));

const alnum = (n: number) => randomBytes(n * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, n);
const input = (apiBase?: string) =>
  createAccountSchema.parse({
    platform: "wechat",
    name: "代理平台",
    appId: `wx${randomBytes(8).toString("hex")}`,
    secret: randomBytes(16).toString("hex"),
    token: alnum(24),
    aesKey: alnum(43),
    apiBase,
  }) as WechatAccountInput;

const accountCount = async () => (await db.select({ id: platformAccounts.id }).from(platformAccounts)).length;

async function tokenRows(accountId: string) {
  return db.select({ key: wechatTokens.key }).from(wechatTokens).where(eq(wechatTokens.accountId, accountId));
}

async function cacheToken(accountId: string, key: string, tenantId: string | null = null) {
  await db
    .insert(wechatTokens)
    .values({ key, accountId, tenantId, tokenEnc: encryptSecret("tok"), tokenHash: "h", expiresAt: new Date(Date.now() + 3600_000) });
}

describe("the API base an account may name", () => {
  it.each([
    ["https://evil.example", "validation.apiBaseNotAllowed"],
    ["http://evil.example/sandbox/wechat", "validation.apiBaseNotAllowed"],
    ["https://api.weixin.qq.com.evil.example", "validation.apiBaseNotAllowed"],
    ["http://127.0.0.1:9/sandbox/wechat", "validation.apiBaseNotAllowed"],
    // The allow-listed port only: the same host on 443 is another server.
    ["https://gw.example.net", "validation.apiBaseNotAllowed"],
    ["http://api.weixin.qq.com", "validation.apiBaseHttps"],
    ["http://proxy.example.com/wechat", "validation.apiBaseHttps"],
  ])("refuses %s on create, on the apiBase field (%s), and stores nothing", async (apiBase, fieldError) => {
    const before = await accountCount();
    const error = await expectedErrorOf(createAccount(input(apiBase)));
    expect(error.messageKey).toBe("accounts.apiBaseRefused");
    expect(error.fieldErrors).toEqual({ apiBase: fieldError });
    expect(await accountCount()).toBe(before);
  });

  it("accepts the official host, this console's sandbox, WECHAT_API_BASE and allow-listed hosts", async () => {
    const allowed = [
      "https://api.weixin.qq.com",
      `${env.APP_URL}/sandbox/wechat`,
      env.WECHAT_API_BASE,
      "https://proxy.example.com/wechat",
      "https://PROXY.example.com:443/any/path",
      "https://gw.example.net:8443/cgi",
    ];
    for (const apiBase of allowed) {
      const { id } = await createAccount(input(apiBase));
      expect((await loadAccount(id)).apiBase).toBe(apiBase);
    }
  });

  it("refuses a foreign base on update, changing nothing", async () => {
    const values = input("https://proxy.example.com/wechat");
    const { id } = await createAccount(values);
    await cacheToken(id, componentKey(id));
    const before = await loadAccount(id);

    const error = await expectedErrorOf(updateAccount({ id, name: "改名", secret: values.secret, apiBase: "https://evil.example" }));
    expect(error.fieldErrors).toEqual({ apiBase: "validation.apiBaseNotAllowed" });
    expect(await loadAccount(id)).toEqual(before);
    expect(await tokenRows(id)).toHaveLength(1);
  });
});

describe("changing the API base", () => {
  async function accountWithTokens() {
    const values = input("https://proxy.example.com/wechat");
    const { id } = await createAccount(values);
    const made = await db
      .insert(tenants)
      .values([1, 2].map((i) => ({ accountId: id, appid: `wx${randomBytes(8).toString("hex")}`, nickname: `t${i}`, refreshTokenEnc: encryptSecret("r") })))
      .returning({ id: tenants.id });
    await cacheToken(id, componentKey(id));
    for (const t of made) await cacheToken(id, authorizerKey(t.id), t.id);
    // Another account's token is not this change's business.
    const other = await createAccount(input());
    await cacheToken(other.id, componentKey(other.id));
    return { id, values, otherId: other.id };
  }

  it("is refused without the secret typed again, on the secret field, changing nothing", async () => {
    const { id, values } = await accountWithTokens();
    const before = await loadAccount(id);
    const error = await expectedErrorOf(updateAccount({ id, name: "新名字", apiBase: "https://api.weixin.qq.com" }));
    expect(error.messageKey).toBe("accounts.apiBaseNeedsSecret");
    expect(error.fieldErrors).toEqual({ secret: "validation.secretForApiBase" });
    expect(await loadAccount(id)).toEqual(before);
    expect(await tokenRows(id)).toHaveLength(3);
    // Emptying the field (back to the default host) is a change of destination too.
    expect((await expectedErrorOf(updateAccount({ id, name: values.name, apiBase: undefined }))).fieldErrors).toEqual({ secret: "validation.secretForApiBase" });
  });

  it("with the secret, moves the account and drops every token of it: component and every tenant's", async () => {
    const { id, values, otherId } = await accountWithTokens();
    const updated = await updateAccount({ id, name: values.name, secret: values.secret, apiBase: "https://gw.example.net:8443/cgi" });
    expect(updated.changed).toEqual(["apiBase"]);
    const row = await loadAccount(id);
    expect(row.apiBase).toBe("https://gw.example.net:8443/cgi");
    expect(decryptSecret(row.secretEnc)).toBe(values.secret);
    expect(await tokenRows(id)).toEqual([]);
    expect(await tokenRows(otherId)).toHaveLength(1);
  });

  it("a new secret alone drops the component token and keeps the tenants' tokens", async () => {
    const { id, values } = await accountWithTokens();
    const updated = await updateAccount({ id, name: values.name, secret: randomBytes(16).toString("hex"), apiBase: values.apiBase });
    expect(updated.changed).toEqual(["secret"]);
    const keys = (await tokenRows(id)).map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys).not.toContain(componentKey(id));
  });
});
