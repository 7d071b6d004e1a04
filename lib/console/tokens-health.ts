import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { keyedXactLocks } from "@/lib/db/locks";
import { tenants, type PlatformAccount, type Tenant } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { platformForAccount } from "@/lib/platforms";
import { PlatformError, type CallContext } from "@/lib/platforms/port";
import { authorizerKey, dropTenantTokensIn, dropTokenIn, evidenceHolds, tenantWrite, withTenantLock, type Tx } from "@/lib/platforms/wechat/grants";
import { baiduAppKey, baiduEvidenceHolds, withBaiduTenantLock } from "@/lib/platforms/baidu/grants";
import type { Platform } from "@/lib/vocab";

/**
 * A tenant's authorization health, decided by the console: the platform reports a refused grant (a PlatformError
 * with needsReauth and the evidence of what was refused), this module writes the tenant's status. Every writer of a
 * tenant's grant takes the tenant's lock (lib/platforms/wechat/grants.ts, lib/platforms/baidu/grants.ts for a Baidu
 * smart program), the one a token refresh holds.
 */

/** Each platform's grant lock, evidence check and cached-token key. */
const GRANTS = {
  wechat: { lock: withTenantLock, holds: evidenceHolds, tokenKey: authorizerKey },
  baidu: { lock: withBaiduTenantLock, holds: baiduEvidenceHolds, tokenKey: baiduAppKey },
} satisfies Record<Platform, unknown>;

/** authorized → needs_reauth, cached tokens dropped; inside a transaction that holds the tenant's lock. */
async function markIn(tx: Tx, tenantId: string, platform: Platform = "wechat") {
  await tx.update(tenants).set({ status: "needs_reauth" }).where(and(eq(tenants.id, tenantId), eq(tenants.status, "authorized")));
  await dropTokenIn(tx, GRANTS[platform].tokenKey(tenantId));
}

/**
 * The platform refused the tenant's grant. `evidence` names what was refused; when the stored grant is no longer
 * that one (re-authorized or re-pulled meanwhile) the refusal is about an old grant and nothing changes. Returns
 * whether the tenant was marked. `platform` is the refusing platform's (PlatformError.platform): its grant lock and
 * evidence are the ones to check.
 */
export function markNeedsReauth(tenantId: string, evidence?: string, platform: Platform = "wechat"): Promise<boolean> {
  const grants = GRANTS[platform];
  return grants.lock(tenantId, async (tx) => {
    if (evidence !== undefined && !(await grants.holds(tx, tenantId, evidence))) return false;
    await markIn(tx, tenantId, platform);
    return true;
  });
}

/**
 * Runs platform work for one tenant; a refusal of its grant (needsReauth, with evidence) marks it needs_reauth, then
 * is rethrown unchanged. The marking runs after the work, in its own transaction: a refresh that was refused has
 * ended its own (and released the lock) by the time its error arrives here.
 */
export async function withTenantHealth<T>(tenant: Pick<Tenant, "id">, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PlatformError && error.options.needsReauth && error.options.evidence) {
      // The refusal is what the caller must see; a marking that fails is logged and done by the next refusal.
      await markNeedsReauth(tenant.id, error.options.evidence, error.platform).catch((e: unknown) => console.error(`[tokens-health] could not mark tenant ${tenant.id}`, e));
    }
    throw error;
  }
}

export type RepullResult = { listed: number; updated: number; recovered: number };

/** The platform documents at most 500 authorizers per page of api_get_authorizer_list. */
const PAGE = 500;

/**
 * Saves one page of re-pulled grants in one transaction: the known tenants' locks taken in id order (so two
 * re-pulls, or a re-pull and any single-tenant writer, cannot deadlock), then one UPDATE for the page and one DELETE
 * of their cached tokens. A refresh in flight holds its tenant's lock: the page waits for it and then overwrites what
 * it saved (whichever writer comes last wins, as for every grant writer); a refresh starting later waits for the
 * page and then reads the re-pulled grant.
 */
async function saveGrants(accountId: string, grants: { appid: string; grant: string }[]): Promise<{ updated: number; recovered: number }> {
  if (grants.length === 0) return { updated: 0, recovered: 0 };
  const known = await db
    .select({ id: tenants.id, appid: tenants.appid })
    .from(tenants)
    .where(and(eq(tenants.accountId, accountId), inArray(tenants.appid, grants.map((g) => g.appid))))
    .orderBy(tenants.id);
  if (known.length === 0) return { updated: 0, recovered: 0 };
  const grantOf = new Map(grants.map((g) => [g.appid, g.grant]));
  const ids = known.map((t) => t.id);
  const list = (values: string[], type: "uuid" | "text") => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::${sql.raw(type)}[]`;
  return tenantWrite(async (tx) => {
    await tx.execute(keyedXactLocks(ids.map(authorizerKey)));
    const rows = (await tx.execute(sql`
      with v(id, enc) as (select * from unnest(${list(ids, "uuid")}, ${list(known.map((t) => encryptSecret(grantOf.get(t.appid)!)), "text")})),
      old as (select t.id, t.status from tenants t join v on v.id = t.id)
      update tenants t
      set refresh_token_enc = v.enc,
          status = case when t.status = 'needs_reauth' then 'authorized'::tenant_status else t.status end,
          updated_at = now()
      from v join old on old.id = v.id
      where t.id = v.id
      returning t.id, old.status as before`)) as unknown as { id: string; before: string }[];
    await dropTenantTokensIn(tx, rows.map((r) => r.id));
    return { updated: rows.length, recovered: rows.filter((r) => r.before === "needs_reauth").length };
  });
}

/**
 * Re-pulls every grant of a platform account (pages of 500) and saves them, so tenants marked "needs
 * re-authorization" after a lost refresh token recover without the merchant. A tenant the platform no longer lists
 * (revoked) stays as it is.
 */
export async function repullRefreshTokens(account: PlatformAccount, context: CallContext = {}): Promise<RepullResult> {
  const platform = platformForAccount(account, context);
  const result: RepullResult = { listed: 0, updated: 0, recovered: 0 };
  for (let offset = 0; ; ) {
    const page = await platform.grants({ offset, count: PAGE });
    const saved = await saveGrants(account.id, page.grants);
    result.listed += page.grants.length;
    result.updated += saved.updated;
    result.recovered += saved.recovered;
    offset += page.grants.length;
    if (page.grants.length === 0 || offset >= page.total) return result;
  }
}
