import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { operations, tenants, wechatTokens } from "@/lib/db/schema";
import { completeAuthorization } from "@/lib/sandbox/authorize";
import { sandboxAuthorizers, sandboxCodes, sandboxPlatforms, sandboxTokens } from "@/lib/sandbox/schema";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { getAuthorizerClient } from "./client";
import { authorizerKey } from "./tokens";
import { allUpstreamCalls, createWorld, expireCachedToken, historyOf, type World } from "@/scripts/vitest/wechat";

/**
 * The history is safe to show: after a session touching every secret-bearing call (tokens, codes, refresh tokens,
 * the platform secret, the verify ticket), not one of those strings appears in any operations row. And every
 * upstream call left exactly one row, with the tenant and the operator it was made for.
 */

const sandbox = sandboxHarness();
let w: World;
const ACTOR = "00000000-0000-4000-8000-000000000001";
const JOB = "00000000-0000-4000-8000-0000000000b1";

beforeAll(async () => {
  w = await createWorld(sandbox);
  // An operator row for the actor foreign key.
  await db.execute(sql`insert into operators (id, email, name, password_hash, role) values (${ACTOR}, 'history@example.com', 'History', 'x', 'operator')`);

  const { url } = await w.component.createAuthorizationUrl({ redirect_uri: "http://localhost:3000/cb" });
  const done = await completeAuthorization(Object.fromEntries(new URL(url).searchParams), { mode: "existing", appid: w.authorizer.appid });
  await w.component.queryAuth({ authorization_code: done.authorizationCode });
  await w.component.getAuthorizerInfo({ authorizer_appid: w.authorizer.appid });
  const listed = await w.component.getAuthorizerList({ offset: 0, count: 10 });
  await w.component.startPushTicket();
  await w.component.clearQuotaV2();
  // Re-authorization rotated the refresh token: store the listed one, as the console's re-pull does, then refresh with it.
  await db.update(tenants).set({ refreshTokenEnc: encryptSecret(listed.list[0]!.refresh_token) }).where(eq(tenants.id, w.tenant.id));
  const client = getAuthorizerClient(w.tenant, { actorId: ACTOR, bulkJobId: JOB });
  await client.getCategory();
  await expireCachedToken(authorizerKey(w.tenant.id));
  await client.queryQuota();
  await client.getTrialQrcode().catch(() => {}); // 86001: an error answer is recorded too
});

/** Every secret the session produced, read from both sides (the sandbox's tables and the console's encrypted ones). */
async function secrets(): Promise<string[]> {
  const found = new Set<string>();
  for (const t of await db.select({ token: sandboxTokens.token }).from(sandboxTokens)) found.add(t.token);
  for (const c of await db.select({ code: sandboxCodes.code }).from(sandboxCodes)) found.add(c.code);
  for (const a of await db.select({ refresh: sandboxAuthorizers.refreshToken }).from(sandboxAuthorizers)) if (a.refresh) found.add(a.refresh);
  for (const p of await db.select().from(sandboxPlatforms)) [p.componentAppsecret, p.verifyTicket, p.token, p.encodingAesKey].forEach((s) => s && found.add(s));
  for (const row of await db.select({ enc: wechatTokens.tokenEnc }).from(wechatTokens)) found.add(decryptSecret(row.enc));
  found.add(w.authorizer.refreshToken!);
  return [...found];
}

describe("history rows", () => {
  it("contain no token, secret, ticket or code", async () => {
    const all = await secrets();
    // At least: a component token, three authorizer tokens, two codes, two refresh tokens, secret, ticket, token, key.
    expect(all.length).toBeGreaterThanOrEqual(10);
    const rows = await db.select({ id: operations.id, action: operations.action, text: sql<string>`coalesce(${operations.request}::text, '') || ' ' || coalesce(${operations.response}::text, '')` }).from(operations);
    expect(rows.length).toBeGreaterThan(10);
    const leaks = rows.flatMap((r) => all.filter((s) => r.text.includes(s)).map((s) => `${r.action}: ${s.slice(0, 12)}…`));
    expect(leaks).toEqual([]);
    // The answers were recorded (redacted), not dropped.
    const [queryAuth] = await historyOf("component.api_query_auth");
    expect(queryAuth!.response).toMatchObject({ authorization_info: { authorizer_appid: w.authorizer.appid, authorizer_refresh_token: "[redacted]", authorizer_access_token: "[redacted]" } });
    const [list] = await historyOf("component.api_get_authorizer_list");
    expect(list!.response).toMatchObject({ list: [{ authorizer_appid: w.authorizer.appid, refresh_token: "[redacted]" }] });
  });

  it("number exactly the upstream calls, and carry the tenant, operator and bulk job", async () => {
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(operations)) as [{ n: number }];
    expect(n).toBe(await allUpstreamCalls());
    const rows = [...(await historyOf("wxa.get_category")), ...(await historyOf("wxa.queryquota")), ...(await historyOf("wxa.get_qrcode"))];
    expect(rows.map((r) => [r.action, r.tenantId, r.actorId, r.bulkJobId, r.ok, r.errcode])).toEqual([
      ["wxa.get_category", w.tenant.id, ACTOR, JOB, true, 0],
      ["wxa.queryquota", w.tenant.id, ACTOR, JOB, true, 0],
      ["wxa.get_qrcode", w.tenant.id, ACTOR, JOB, false, 86001],
    ]);
    // The token refresh made for that operator's call is attributed to the same tenant and operator.
    const refreshes = await historyOf("component.api_authorizer_token");
    expect(refreshes.at(-1)).toMatchObject({ tenantId: w.tenant.id, actorId: ACTOR, ok: true });
  });
});
