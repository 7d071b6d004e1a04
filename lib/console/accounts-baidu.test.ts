import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, wechatTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { baiduTpKey } from "@/lib/platforms/baidu/grants";
import { createAccountSchema } from "@/lib/validation/accounts";
import { inLocale, signInAs } from "@/scripts/vitest/actions";
import { expectedErrorOf } from "@/scripts/vitest/expected-error";
import { createAccountAction, pushTicketAction, repullRefreshTokensAction } from "@/app/(console)/settings/accounts/actions";
import { createBaiduPlatform } from "@/lib/sandbox/baidu/registry";
import { sandboxPushes } from "@/lib/sandbox/schema";
import { accountCards } from "./account-cards";
import { callbackUrls, createAccount, getAccountView, loadAccount, updateAccount } from "./accounts";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/** Baidu platform accounts: the form's rules, what is stored, the card, and who may add one. */

const alnum = (n: number) => randomBytes(n * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, n);
const sandboxBase = () => env.WECHAT_API_BASE.replace(/\/sandbox\/wechat\/?$/, "/sandbox/baidu");
const input = (over: Record<string, unknown> = {}) => ({ platform: "baidu" as const, name: "百度平台", appId: alnum(32), token: alnum(24), aesKey: alnum(43), ...over });

beforeEach(() => inLocale("en"));

describe("validation", () => {
  it("accepts a Baidu account without a secret, named by its client_id", () => {
    const parsed = createAccountSchema.parse({ ...input(), apiBase: "https://openapi.baidu.com/" });
    expect(parsed).toMatchObject({ platform: "baidu", apiBase: "https://openapi.baidu.com" });
    expect("secret" in parsed).toBe(false);
  });

  it.each([
    ["appId", "has space", "validation.baiduClientId"],
    ["appId", "x/y", "validation.baiduClientId"],
    ["appId", "", "validation.required"],
    ["token", "ab", "validation.baiduPushToken"],
    ["aesKey", alnum(42), "validation.aesKey"],
    ["apiBase", "ftp://openapi.baidu.com", "validation.httpUrl"],
  ])("refuses %s = %j with %s", (field, value, message) => {
    const result = createAccountSchema.safeParse(input({ [field]: value }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it("refuses an API base the Baidu client would not call, on that field", async () => {
    const error = await expectedErrorOf(createAccount(createAccountSchema.parse(input({ apiBase: "https://api.weixin.qq.com" }))));
    expect(error.fieldErrors).toEqual({ apiBase: "validation.baiduApiBaseNotAllowed" });
    expect(await db.select().from(platformAccounts)).toEqual([]);
  });
});

describe("a Baidu account", () => {
  it("is stored encrypted (client_id in the NOT NULL secret column), shown with its two callback URLs and no secret", async () => {
    const values = createAccountSchema.parse(input({ apiBase: sandboxBase() }));
    const { id } = await createAccount(values);
    const row = await loadAccount(id);
    expect(row.platform).toBe("baidu");
    expect(decryptSecret(row.secretEnc)).toBe(values.appId);
    expect(decryptSecret(row.tokenEnc!)).toBe(values.token);
    expect(decryptSecret(row.aesKeyEnc!)).toBe(values.aesKey);
    expect(await getAccountView(id)).toMatchObject({ platform: "baidu", sandbox: true });

    const urls = callbackUrls(row);
    expect(urls.authEvents).toBe(`${env.APP_URL.replace(/\/$/, "")}/api/baidu/${values.appId}/auth`);
    expect(urls.messages).toBe(`${env.APP_URL.replace(/\/$/, "")}/api/baidu/${values.appId}/message`);
    const card = (await accountCards()).find((c) => c.id === id);
    expect(card).toMatchObject({ platform: "baidu", callbacks: urls, sandbox: true, canPushTicket: true, canRepull: false, verifyTicketAt: null, failedPushes: null });
    expect(JSON.stringify(card)).not.toContain(values.token);
  });

  it("a real Baidu account defaults to openapi.baidu.com and offers no ticket push", async () => {
    const { id } = await createAccount(createAccountSchema.parse(input()));
    const card = (await accountCards()).find((c) => c.id === id);
    expect(card).toMatchObject({ id, defaultApiBase: "https://openapi.baidu.com", sandbox: false, canPushTicket: false });
  });

  it("refuses a secret on update, moves its API base without one and drops its tokens", async () => {
    const { id } = await createAccount(createAccountSchema.parse(input()));
    expect((await expectedErrorOf(updateAccount({ id, name: "x", secret: "s3cret" }))).messageKey).toBe("accounts.baiduNoSecret");
    await db.insert(wechatTokens).values({ key: baiduTpKey(id), accountId: id, tenantId: null, tokenEnc: "v1:x", tokenHash: "h", expiresAt: new Date(Date.now() + 3600_000) });
    const updated = await updateAccount({ id, name: "百度平台", apiBase: sandboxBase(), token: "NewBaiduToken123456789012345678901234567890" });
    expect(updated.changed).toEqual(["apiBase", "token"]);
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.accountId, id))).toEqual([]);
  });
});

describe("the accounts actions", () => {
  it("a viewer and an operator cannot create an account; an admin can", async () => {
    for (const role of ["viewer", "operator"] as const) {
      await signInAs(role);
      const refused = input();
      expect(await createAccountAction(refused)).toMatchObject({ ok: false, error: "Your role does not allow this. Ask an administrator if you need access." });
      expect(await db.select().from(platformAccounts).where(eq(platformAccounts.appId, refused.appId))).toEqual([]);
    }
    await signInAs("admin");
    const values = input();
    expect(await createAccountAction(values)).toMatchObject({ ok: true, data: { appId: values.appId } });
    const [row] = await db.select().from(platformAccounts).where(eq(platformAccounts.appId, values.appId));
    expect(row).toMatchObject({ platform: "baidu", appId: values.appId });
  });

  it("a real Baidu account's ticket cannot be asked for, and it has no grant list to re-pull", async () => {
    await signInAs("admin");
    const { id } = await createAccount(createAccountSchema.parse(input()));
    expect(await pushTicketAction({ id })).toMatchObject({ ok: false, error: expect.stringMatching(/every 10 minutes/) });
    expect(await repullRefreshTokensAction({ id })).toMatchObject({ ok: false, error: expect.stringMatching(/Only WeChat/) });
  });

  it("'Push ticket now' on a sandbox Baidu account asks the emulator, which pushes a ticket to the account's auth URL", async () => {
    await signInAs("admin");
    const platform = await createBaiduPlatform();
    const { id } = await createAccount(createAccountSchema.parse(input({ appId: platform.clientId, token: platform.token, aesKey: platform.encodingAesKey, apiBase: sandboxBase() })));
    expect(await pushTicketAction({ id })).toMatchObject({ ok: true });
    const pushes = await db.select().from(sandboxPushes).where(eq(sandboxPushes.componentAppid, platform.clientId));
    expect(pushes.map((p) => [p.kind, new URL(p.url).pathname])).toEqual([["baidu:ticket", `/api/baidu/${platform.clientId}/auth`]]);
  });
});
