import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { operations, platformAccounts, wechatTokens } from "@/lib/db/schema";
import { createAccountSchema, updateAccountSchema, type WechatAccountInput } from "@/lib/validation/accounts";
import { componentKey } from "@/lib/platforms/wechat/tokens";
import {
  callbackUrls,
  createAccount,
  getAccountView,
  isSandboxApiBase,
  listAccounts,
  loadAccount,
  updateAccount,
} from "./accounts";
import { ticketState, TICKET_STALE_MS } from "./verify-ticket";
import { expectedErrorOf } from "@/scripts/vitest/expected-error";

const alnum = (n: number) => randomBytes(n * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, n);
const appId = () => `wx${randomBytes(8).toString("hex")}`;
const input = () => ({
  platform: "wechat",
  name: "测试平台",
  appId: appId(),
  secret: randomBytes(16).toString("hex"),
  token: alnum(24),
  aesKey: alnum(43),
  apiBase: "https://api.weixin.qq.com/",
});

describe("platform account validation", () => {
  it("accepts a complete WeChat account and normalises the API base", () => {
    const parsed = createAccountSchema.parse(input());
    expect(parsed.apiBase).toBe("https://api.weixin.qq.com");
    expect(createAccountSchema.parse({ ...input(), apiBase: "  " }).apiBase).toBeUndefined();
  });

  it.each([
    ["aesKey", alnum(42), "validation.aesKey"],
    ["aesKey", alnum(44), "validation.aesKey"],
    ["aesKey", alnum(42) + "=", "validation.aesKey"],
    ["aesKey", "", "validation.required"],
    ["appId", "wx123", "validation.appId"],
    ["appId", "ab" + "0".repeat(16), "validation.appId"],
    ["token", "ab", "validation.pushToken"],
    ["token", "has space 123", "validation.pushToken"],
    ["apiBase", "ftp://example.com", "validation.httpUrl"],
    ["apiBase", "not a url", "validation.httpUrl"],
    ["apiBase", "https://user:pass@api.weixin.qq.com", "validation.httpUrl"],
    ["apiBase", "https://api.weixin.qq.com/?x=1", "validation.httpUrl"],
    ["platform", "alipay", "validation.invalid"],
    ["name", "", "validation.required"],
    ["secret", "", "validation.required"],
  ])("refuses %s = %j with %s, on that field", (field, value, message) => {
    const result = createAccountSchema.safeParse({ ...input(), [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  it("treats empty secrets on update as 'keep', not as values", () => {
    const parsed = updateAccountSchema.parse({ id: crypto.randomUUID(), name: "x", secret: "", token: " ", aesKey: "", apiBase: "" });
    expect(parsed).toMatchObject({ secret: undefined, token: undefined, aesKey: undefined, apiBase: undefined });
    expect(updateAccountSchema.safeParse({ id: crypto.randomUUID(), name: "x", aesKey: "short" }).success).toBe(false);
  });
});

describe("platform accounts", () => {
  it("stores every secret encrypted and never returns one from list or read", async () => {
    const values = createAccountSchema.parse(input()) as WechatAccountInput;
    const created = await createAccount(values);
    const [row] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, created.id));
    for (const [stored, plain] of [
      [row!.secretEnc, values.secret],
      [row!.tokenEnc!, values.token],
      [row!.aesKeyEnc!, values.aesKey],
    ] as const) {
      expect(stored.startsWith("v1:")).toBe(true);
      expect(stored).not.toContain(plain);
      expect(decryptSecret(stored)).toBe(plain);
    }

    const listed = (await listAccounts()).find((a) => a.id === created.id)!;
    const read = (await getAccountView(created.id))!;
    for (const view of [listed, read]) {
      const text = JSON.stringify(view);
      for (const secret of [values.secret, values.token, values.aesKey, row!.secretEnc, row!.tokenEnc!, row!.aesKeyEnc!]) {
        expect(text).not.toContain(secret);
      }
      expect(Object.keys(view).some((k) => /enc$/i.test(k))).toBe(false);
      expect(view).toMatchObject({ appId: values.appId, secretSet: true, tokenSet: true, aesKeySet: true, previousAesKeySet: false, verifyTicketAt: null });
    }
    // The history records the change, never a secret.
    const history = await db.select().from(operations).where(eq(operations.action, "account.create"));
    expect(JSON.stringify(history)).not.toContain(values.secret);
  });

  it("refuses a second account with the same component appid, on the appid field", async () => {
    const values = createAccountSchema.parse(input()) as WechatAccountInput;
    await createAccount(values);
    const error = await expectedErrorOf(createAccount({ ...values, name: "again" }));
    expect(error).toBeInstanceOf(ActionError);
    expect(error.messageKey).toBe("accounts.appIdTaken");
    expect(error.fieldErrors).toEqual({ appId: "validation.appIdTaken" });
  });

  it("keeps the previous EncodingAESKey when the key changes, so pushes under either still decrypt", async () => {
    const values = createAccountSchema.parse(input()) as WechatAccountInput;
    const { id } = await createAccount(values);
    const first = alnum(43);
    const second = alnum(43);

    // The same key typed again changes nothing.
    expect((await updateAccount({ id, name: values.name, aesKey: values.aesKey, apiBase: values.apiBase })).changed).toEqual([]);

    expect((await updateAccount({ id, name: values.name, aesKey: first, apiBase: values.apiBase })).changed).toEqual(["aesKey"]);
    let row = await loadAccount(id);
    expect(decryptSecret(row.aesKeyEnc!)).toBe(first);
    expect(decryptSecret(row.previousAesKeyEnc!)).toBe(values.aesKey);
    expect((await getAccountView(id))!.previousAesKeySet).toBe(true);

    await updateAccount({ id, name: values.name, aesKey: second, apiBase: values.apiBase });
    row = await loadAccount(id);
    expect(decryptSecret(row.aesKeyEnc!)).toBe(second);
    expect(decryptSecret(row.previousAesKeyEnc!)).toBe(first);
  });

  it("keeps secrets left empty, replaces given ones, and drops the component token when the secret changes", async () => {
    const values = createAccountSchema.parse(input()) as WechatAccountInput;
    const { id } = await createAccount(values);
    await db.insert(wechatTokens).values({ key: componentKey(id), accountId: id, tokenEnc: encryptSecret("tok"), tokenHash: "h", expiresAt: new Date(Date.now() + 3600_000) });

    const renamed = await updateAccount({ id, name: "新名字", apiBase: values.apiBase });
    expect(renamed.changed).toEqual(["name"]);
    let row = await loadAccount(id);
    expect(row.name).toBe("新名字");
    expect(row.apiBase).toBe(values.apiBase);
    expect(decryptSecret(row.secretEnc)).toBe(values.secret);
    expect(decryptSecret(row.tokenEnc!)).toBe(values.token);
    expect(decryptSecret(row.aesKeyEnc!)).toBe(values.aesKey);
    expect(row.previousAesKeyEnc).toBeNull();

    const newSecret = randomBytes(16).toString("hex");
    expect((await updateAccount({ id, name: "新名字", secret: newSecret, token: "NewToken123", apiBase: values.apiBase })).changed).toEqual(["secret", "token"]);
    row = await loadAccount(id);
    expect(decryptSecret(row.secretEnc)).toBe(newSecret);
    expect(decryptSecret(row.tokenEnc!)).toBe("NewToken123");
    expect(await db.select().from(wechatTokens).where(eq(wechatTokens.key, componentKey(id)))).toEqual([]);
  });

  it("refuses to update or load an account that does not exist", async () => {
    const missing = crypto.randomUUID();
    expect((await expectedErrorOf(updateAccount({ id: missing, name: "x" }))).messageKey).toBe("accounts.notFound");
    expect((await expectedErrorOf(loadAccount(missing))).messageKey).toBe("accounts.notFound");
  });

  it("names the callback URLs, the sandbox and the ticket's freshness", () => {
    const urls = callbackUrls({ platform: "wechat", appId: "wx0123456789abcdef" });
    expect(urls.authEvents).toMatch(/^https?:\/\/[^/]+\/api\/wechat\/wx0123456789abcdef\/auth-events$/);
    expect(urls.messages).toMatch(/\/api\/wechat\/wx0123456789abcdef\/events\/\$APPID\$$/);
    expect(isSandboxApiBase("http://localhost:3000/sandbox/wechat")).toBe(true);
    expect(isSandboxApiBase("http://localhost:3000/sandbox/wechat/")).toBe(true);
    expect(isSandboxApiBase("https://api.weixin.qq.com")).toBe(false);
    expect(isSandboxApiBase(null)).toBe(false);
    const now = new Date();
    expect(ticketState(null, now)).toBe("none");
    expect(ticketState(new Date(now.getTime() - 60_000), now)).toBe("fresh");
    expect(ticketState(new Date(now.getTime() - TICKET_STALE_MS - 1), now)).toBe("stale");
  });
});
