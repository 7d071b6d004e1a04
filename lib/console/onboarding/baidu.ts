import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { tenants, wechatTokens, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { tenantInfoOf } from "@/lib/platforms/baidu/adapter/authorization";
import { BaiduOAuthError } from "@/lib/platforms/baidu/baidu-error";
import { getAppClient, type ClientContext } from "@/lib/platforms/baidu/client";
import { baiduAppKey, lockKey, storePair, withBaiduTenantLock, type Tx } from "@/lib/platforms/baidu/grants";
import { exchangeAuthorizationCode, recoverGrant } from "@/lib/platforms/baidu/tokens";
import type { TenantInfo } from "@/lib/platforms/port";

/**
 * Onboarding a Baidu smart program: the authorization page's redirect (`authorization_code`, no appid) and the
 * AUTHORIZED / UPDATE_AUTHORIZED push (the same code, and the program's `appId`) both come here. Baidu's code is
 * single use and so is the refresh token its exchange yields (a later exchange or refresh kills the earlier pair):
 *
 * - the winner exchanges the code (pair + app/info) and stores the pair under the tenant's grant lock;
 * - the loser gets `invalid_grant`. The push knows the appid: it adopts the winner's grant once stored (it waits a
 *   moment for it), else recovers one (retrieve/authorizationcode + exchange, lib/platforms/baidu/tokens.ts
 *   `recoverGrant`). The redirect knows no appid: lib/console/onboarding/index.ts finds the push's tenant by the
 *   code's sha256 (or lets the browser poll for it).
 *
 * Which of two pairs is live is decided by when Baidu answered: `authorized_at` is set to the answer's time, and a
 * pair answered before the stored grant's `authorized_at` is not written (it was superseded on Baidu's side).
 */

export type BaiduOnboardInput = { authorizationCode?: string | null; appid?: string; since?: Date };
export type BaiduOnboarded = { tenant: Tenant; via: "exchanged" | "adopted" | "recovered" };

type Pair = { accessToken: string; refreshToken: string; expiresIn: number };

/** How long the push's loser waits for the winner's grant before recovering one itself. */
const ADOPT_WAIT_MS = 3000;
const ADOPT_POLL_MS = 150;
/** Clocks of the platform and the console differ a little. */
const CLOCK_SLACK_MS = 60_000;

/** A spent, expired or unknown authorization code. */
export const isSpentCode = (error: unknown) => error instanceof BaiduOAuthError && error.error === "invalid_grant";

const infoColumns = (info: TenantInfo) => ({ nickname: info.nickname, principalName: info.principalName, avatarUrl: info.avatarUrl });

const tenantWhere = (accountId: string, appid: string) => and(eq(tenants.accountId, accountId), eq(tenants.appid, appid));

/**
 * Writes a pair Baidu answered at `answeredAt` and the program's info, creating the tenant if needed. A new tenant is
 * inserted and its lock taken in one transaction (nothing can refresh a row no one else sees yet); an existing one is
 * written under its lock, the pair only if no grant answered later is stored.
 */
async function storeGrant(account: PlatformAccount, info: TenantInfo, pair: Pair, answeredAt: Date): Promise<Tenant> {
  const values = { ...infoColumns(info), status: "authorized" as const, authorizedAt: answeredAt, updatedAt: sql`now()` };
  const created = await db.transaction(async (tx) => {
    const [row] = await tx.insert(tenants).values({ accountId: account.id, appid: info.appid, ...values }).onConflictDoNothing().returning();
    if (!row) return null;
    await lockKey(tx, baiduAppKey(row.id));
    await storePair(tx, row, pair);
    return row;
  });
  if (created) return created;
  const [known] = await db.select({ id: tenants.id }).from(tenants).where(tenantWhere(account.id, info.appid));
  return withBaiduTenantLock(known!.id, async (tx) => {
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, known!.id));
    const superseded = !!current!.refreshTokenEnc && !!current!.authorizedAt && current!.authorizedAt.getTime() > answeredAt.getTime();
    if (superseded) {
      const [row] = await tx.update(tenants).set({ ...infoColumns(info), updatedAt: sql`now()` }).where(eq(tenants.id, known!.id)).returning();
      return row!;
    }
    const [row] = await tx.update(tenants).set(values).where(eq(tenants.id, known!.id)).returning();
    await storePair(tx, row!, pair);
    return row!;
  });
}

/** The tenant of `appid` when it holds a grant stored since `since` (the other path's exchange). */
async function adoptable(accountId: string, appid: string, since: Date): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(tenantWhere(accountId, appid));
  const fresh = row && row.status === "authorized" && row.refreshTokenEnc && row.authorizedAt && row.authorizedAt.getTime() >= since.getTime() - CLOCK_SLACK_MS;
  return fresh ? row : null;
}

async function waitForAdoptable(accountId: string, appid: string, since: Date): Promise<Tenant | null> {
  const until = Date.now() + ADOPT_WAIT_MS;
  for (;;) {
    const row = await adoptable(accountId, appid, since);
    if (row || Date.now() >= until) return row;
    await new Promise((resolve) => setTimeout(resolve, ADOPT_POLL_MS));
  }
}

/**
 * No code to exchange (spent by the other path, expired, or none pushed), and no grant stored meanwhile: a fresh
 * authorization code recovered for the program, exchanged, stored under its lock; then its info read with the new
 * token. The tenant row is created first if needed (named by its appid until app/info answers).
 */
async function recoverTenant(account: PlatformAccount, appid: string, context: ClientContext): Promise<Tenant> {
  // needs_reauth until the recovery succeeds: a failed one (retried by the push sweep) leaves no tenant that looks usable.
  await db.insert(tenants).values({ accountId: account.id, appid, nickname: "", status: "needs_reauth" }).onConflictDoNothing();
  const [row] = await db.select().from(tenants).where(tenantWhere(account.id, appid));
  // Under the lock: a tenant unauthorized before is authorized again once the platform grants a new pair.
  await recoverGrant(row!, context);
  const info = tenantInfoOf(await getAppClient(row!, context).appInfo());
  return withBaiduTenantLock(row!.id, async (tx: Tx) => {
    const [updated] = await tx
      .update(tenants)
      .set({ ...infoColumns(info), status: "authorized", authorizedAt: new Date(), updatedAt: sql`now()` })
      .where(eq(tenants.id, row!.id))
      .returning();
    return updated!;
  });
}

/**
 * Exchanges the code (when given) and creates or updates the tenant, status authorized. A spent code with the appid
 * known (the push) adopts or recovers the grant; without the appid (the redirect) the refusal is thrown for the
 * caller to resolve by the code's hash.
 */
export async function onboardBaiduApp(account: PlatformAccount, input: BaiduOnboardInput, context: ClientContext = {}): Promise<BaiduOnboarded> {
  const since = input.since ?? new Date();
  if (input.authorizationCode) {
    try {
      const { pair, appInfo } = await exchangeAuthorizationCode(account, input.authorizationCode, context);
      const answeredAt = new Date();
      const info = tenantInfoOf(appInfo);
      if (input.appid && info.appid !== input.appid) throw new Error(`the authorization code belongs to ${info.appid}, not ${input.appid}`);
      return { tenant: await storeGrant(account, info, pair, answeredAt), via: "exchanged" };
    } catch (error) {
      if (!(isSpentCode(error) && input.appid)) throw error;
    }
  }
  if (!input.appid) throw new Error("no smart program named: neither an authorization code nor an appId");
  const adopted = await waitForAdoptable(account.id, input.appid, since);
  if (adopted) return { tenant: adopted, via: "adopted" };
  return { tenant: await recoverTenant(account, input.appid, context), via: "recovered" };
}

/**
 * UNAUTHORIZED: the program revoked the platform; its refresh token and app tokens are dead. The tenant is kept (its
 * history) as unauthorized, grant and cached token dropped, under its lock: a refresh in flight commits first and is
 * then overwritten, never the reverse.
 */
export async function unauthorizeBaiduApp(account: PlatformAccount, appid: string): Promise<string | null> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(tenantWhere(account.id, appid));
  if (!row) return null;
  await withBaiduTenantLock(row.id, async (tx) => {
    await tx.update(tenants).set({ status: "unauthorized", refreshTokenEnc: null, updatedAt: sql`now()` }).where(eq(tenants.id, row.id));
    await tx.delete(wechatTokens).where(eq(wechatTokens.key, baiduAppKey(row.id)));
  });
  return row.id;
}
