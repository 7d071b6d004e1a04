import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { ExpectedError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { platformAccounts, wechatTokens, type PlatformAccount } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { recordOperation } from "@/lib/history";
import type { CreateAccountInput, UpdateAccountInput } from "@/lib/validation/accounts";
import type { Platform } from "@/lib/vocab";
import { apiBaseFieldError, apiBaseProblem, effectiveApiBase } from "@/lib/platforms/wechat/api-base";
import { componentKey, dropTokenIn, lockKey } from "@/lib/platforms/wechat/grants";
import { baiduApiBase, baiduApiBaseProblem } from "@/lib/platforms/baidu/api-base";
import { baiduTpKey } from "@/lib/platforms/baidu/grants";
import { pushTokenField } from "@/lib/validation/accounts";

/**
 * Platform accounts (third-party platforms) as admins manage them. Secrets are encrypted at rest (lib/crypto) and
 * never leave this module in a view: a view says whether each one is set, nothing more. Server code that calls the
 * platform reads the full row with `loadAccount`.
 */

export type AccountView = {
  id: string;
  platform: Platform;
  name: string;
  appId: string;
  apiBase: string | null;
  secretSet: boolean;
  tokenSet: boolean;
  aesKeySet: boolean;
  previousAesKeySet: boolean;
  verifyTicketAt: Date | null;
  /** Its calls go to the emulator (…/sandbox/wechat or …/sandbox/baidu): nothing done with it reaches the platform. Marked wherever accounts are listed. */
  sandbox: boolean;
  createdAt: Date;
  updatedAt: Date;
};

// Only these columns are ever selected for a view: the ciphertexts stay in the database.
const viewColumns = {
  id: platformAccounts.id,
  platform: platformAccounts.platform,
  name: platformAccounts.name,
  appId: platformAccounts.appId,
  apiBase: platformAccounts.apiBase,
  secretSet: sql<boolean>`${platformAccounts.secretEnc} is not null`,
  tokenSet: sql<boolean>`${platformAccounts.tokenEnc} is not null`,
  aesKeySet: sql<boolean>`${platformAccounts.aesKeyEnc} is not null`,
  previousAesKeySet: sql<boolean>`${platformAccounts.previousAesKeyEnc} is not null`,
  verifyTicketAt: platformAccounts.verifyTicketAt,
  createdAt: platformAccounts.createdAt,
  updatedAt: platformAccounts.updatedAt,
};

const view = (row: Omit<AccountView, "sandbox">): AccountView => ({ ...row, sandbox: isSandboxApiBase(accountApiBase(row)) });

export async function listAccounts(): Promise<AccountView[]> {
  return (await db.select(viewColumns).from(platformAccounts).orderBy(asc(platformAccounts.createdAt), asc(platformAccounts.name))).map(view);
}

export async function getAccountView(id: string): Promise<AccountView | null> {
  const [row] = await db.select(viewColumns).from(platformAccounts).where(eq(platformAccounts.id, id));
  return row ? view(row) : null;
}

/** The full row, secrets included (still encrypted): for server code that calls the platform. */
export async function loadAccount(id: string): Promise<PlatformAccount> {
  const [row] = await db.select().from(platformAccounts).where(eq(platformAccounts.id, id));
  if (!row) throw new ExpectedError("accounts.notFound");
  return row;
}

const appBase = () => env.APP_URL.replace(/\/$/, "");

/**
 * What to paste into the platform's settings. WeChat: 授权事件接收 URL and 消息与事件接收 URL ($APPID$ is WeChat's
 * placeholder). Baidu: the authorization event URL (tickets, AUTHORIZED / UNAUTHORIZED / UPDATE_AUTHORIZED) and the
 * message URL (package audit results), both named by the client_id.
 */
export function callbackUrls(account: { platform: Platform; appId: string }) {
  if (account.platform === "baidu") {
    const clientId = encodeURIComponent(account.appId);
    return { authEvents: `${appBase()}/api/baidu/${clientId}/auth`, messages: `${appBase()}/api/baidu/${clientId}/message` };
  }
  return {
    authEvents: `${appBase()}/api/wechat/${account.appId}/auth-events`,
    messages: `${appBase()}/api/wechat/${account.appId}/events/$APPID$`,
  };
}

export { effectiveApiBase };

/** Where an account's calls go: its own API base, else its platform's default (WeChat: WECHAT_API_BASE; Baidu: openapi.baidu.com). */
export const accountApiBase = (account: { platform: Platform; apiBase: string | null }) =>
  account.platform === "baidu" ? baiduApiBase(account.apiBase) : effectiveApiBase(account.apiBase);

/** An account whose API base is an emulator (…/sandbox/wechat or …/sandbox/baidu) authorizes on the sandbox's page. */
export const isSandboxApiBase = (apiBase: string | null | undefined) => !!apiBase && /\/sandbox\/(wechat|baidu)\/?$/.test(apiBase);

/**
 * Every token goes to the API base (and for WeChat the secret): only the hosts the platform's api-base.ts allows
 * (lib/platforms/{wechat,baidu}/api-base.ts; the browser's schema checks the format only, it cannot read the
 * server's environment).
 */
function assertAllowedApiBase(platform: Platform, apiBase: string | null | undefined) {
  const problem = apiBase ? (platform === "baidu" ? baiduApiBaseProblem(apiBase) : apiBaseProblem(apiBase)) : null;
  if (!problem) return;
  const field = platform === "baidu" && problem === "notAllowed" ? "validation.baiduApiBaseNotAllowed" : apiBaseFieldError(problem);
  throw new ExpectedError("accounts.apiBaseRefused", { apiBase: field });
}

export async function createAccount(input: CreateAccountInput, actorId: string | null = null): Promise<{ id: string; appId: string; name: string }> {
  assertAllowedApiBase(input.platform, input.apiBase);
  try {
    const [row] = await db
      .insert(platformAccounts)
      .values({
        platform: input.platform,
        name: input.name,
        appId: input.appId,
        // Baidu has no AppSecret (its TP token comes from client_id + the pushed ticket), but the column is NOT NULL:
        // a Baidu account stores its client_id there, encrypted like a secret; nothing reads it back.
        secretEnc: encryptSecret(input.platform === "baidu" ? input.appId : input.secret),
        tokenEnc: encryptSecret(input.token),
        aesKeyEnc: encryptSecret(input.aesKey),
        apiBase: input.apiBase ?? null,
      })
      .returning({ id: platformAccounts.id, appId: platformAccounts.appId, name: platformAccounts.name });
    await recordOperation({ actorId, action: "account.create", request: { platform: input.platform, appId: input.appId, name: input.name, apiBase: input.apiBase ?? null }, ok: true });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ExpectedError("accounts.appIdTaken", { appId: "validation.appIdTaken" });
    throw error;
  }
}

export type AccountChange = "name" | "apiBase" | "secret" | "token" | "aesKey";

/**
 * Changes what was given. A new EncodingAESKey moves the current one to `previousAesKeyEnc`, so pushes the platform
 * encrypted just before the change still decrypt; the same key typed again changes nothing. A new secret drops the
 * cached component token, which belonged to the old one.
 *
 * A new API base is where the secret and every token will go: it must be allowed, and the secret must be typed again
 * in the same change (whoever changes the destination proves they know what is sent there). Every token of the
 * account (component and all its tenants') is dropped: they were obtained from the old host.
 *
 * A Baidu account has no secret: the form sends none (one sent anyway is refused), and its API base changes without
 * one (what goes there is the client_id and the pushed ticket, nothing the admin could prove to know); its tokens
 * are dropped all the same. Its token refresh holds the TP-token lock, which an update takes instead.
 */
export async function updateAccount(input: UpdateAccountInput, actorId: string | null = null): Promise<{ id: string; name: string; changed: AccountChange[] }> {
  const [stored] = await db.select({ platform: platformAccounts.platform }).from(platformAccounts).where(eq(platformAccounts.id, input.id));
  if (!stored) throw new ExpectedError("accounts.notFound");
  const baidu = stored.platform === "baidu";
  assertAllowedApiBase(stored.platform, input.apiBase);
  if (baidu && input.secret !== undefined) throw new ExpectedError("accounts.baiduNoSecret", { secret: "validation.invalid" });
  if (!baidu && input.token !== undefined && !pushTokenField.safeParse(input.token).success) {
    throw new ExpectedError("errors.invalidInput", { token: "validation.pushToken" });
  }
  const changed = await db.transaction(async (tx) => {
    // A platform-token refresh in flight finishes first, and the next one reads this change (lib/platforms/*/tokens.ts).
    await lockKey(tx, baidu ? baiduTpKey(input.id) : componentKey(input.id));
    const [current] = await tx.select().from(platformAccounts).where(eq(platformAccounts.id, input.id)).for("update");
    if (!current) throw new ExpectedError("accounts.notFound");
    const set: Partial<typeof platformAccounts.$inferInsert> = {};
    const changes: AccountChange[] = [];
    if (input.name !== current.name) {
      set.name = input.name;
      changes.push("name");
    }
    const apiBase = input.apiBase ?? null;
    if (apiBase !== current.apiBase) {
      if (!baidu && input.secret === undefined) throw new ExpectedError("accounts.apiBaseNeedsSecret", { secret: "validation.secretForApiBase" });
      set.apiBase = apiBase;
      changes.push("apiBase");
    }
    if (input.secret !== undefined && input.secret !== decryptSecret(current.secretEnc)) {
      set.secretEnc = encryptSecret(input.secret);
      changes.push("secret");
    }
    if (input.token !== undefined && (!current.tokenEnc || input.token !== decryptSecret(current.tokenEnc))) {
      set.tokenEnc = encryptSecret(input.token);
      changes.push("token");
    }
    if (input.aesKey !== undefined && (!current.aesKeyEnc || input.aesKey !== decryptSecret(current.aesKeyEnc))) {
      set.aesKeyEnc = encryptSecret(input.aesKey);
      set.previousAesKeyEnc = current.aesKeyEnc;
      changes.push("aesKey");
    }
    if (changes.length) await tx.update(platformAccounts).set(set).where(eq(platformAccounts.id, input.id));
    if (changes.includes("apiBase")) await tx.delete(wechatTokens).where(eq(wechatTokens.accountId, input.id));
    else if (changes.includes("secret")) await dropTokenIn(tx, componentKey(input.id));
    return changes;
  });
  if (changed.length) await recordOperation({ actorId, action: "account.update", request: { id: input.id, changed }, ok: true });
  return { id: input.id, name: input.name, changed };
}
