import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, tenantAudits, tenants } from "@/lib/db/schema";
import type { TenantStatus } from "@/lib/vocab";
import { countTenants, decodeCursor, encodeCursor, getTenantRow, listTags, listTenants, statusCounts, type TenantFilter } from "./queries";

const TOTAL = 3000;
const NAMES = ["鲜果时光", "老城根火锅", "Alpha Store", "alpha store", "书香阁", "100%_Shop", "Zebra", ""];
const STATUSES: TenantStatus[] = ["authorized", "authorized", "authorized", "needs_reauth", "unauthorized"];
const appidOf = (i: number) => `wx${i.toString(16).padStart(16, "0")}`;

let accountId = "";
let otherAccountId = "";

beforeAll(async () => {
  const make = async (name: string) =>
    (
      await db
        .insert(platformAccounts)
        .values({ platform: "wechat", name, appId: `wx${randomBytes(8).toString("hex")}`, secretEnc: encryptSecret("s") })
        .returning({ id: platformAccounts.id })
    )[0]!.id;
  accountId = await make("主平台");
  otherAccountId = await make("第二平台");
  // Many tenants share a nickname, so the order needs its id tie-break to be total.
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    accountId: i % 10 === 9 ? otherAccountId : accountId,
    appid: appidOf(i),
    nickname: `${NAMES[i % NAMES.length]}${i % 3 === 0 ? "" : ` ${i % 97}`}`,
    principalName: i % 4 === 0 ? "杭州鲜果时光商贸有限公司" : `公司 ${i}`,
    status: STATUSES[i % STATUSES.length]!,
    refreshTokenEnc: encryptSecret(`refreshtoken@@@${i}`),
    tags: i % 6 === 0 ? ["零售", "vip"] : i % 6 === 1 ? ["餐饮"] : [],
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(tenants).values(rows.slice(i, i + 1000));
});

/** Every page forward from the first, as the list would show them. */
async function walk(filter: TenantFilter, limit: number) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await listTenants(filter, { after, limit });
    seen.push(...page.rows.map((r) => r.appid));
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error("pagination did not end");
}

/** The same order computed by Postgres in one query, to compare against. */
async function expected(where = sql`true`) {
  const rows = (await db.execute(sql`select appid from tenants where ${where} order by nickname, id`)) as unknown as { appid: string }[];
  return rows.map((r) => r.appid);
}

describe("tenant list", () => {
  it("walks every tenant exactly once, in (nickname, id) order, across pages", async () => {
    const seen = await walk({}, 97);
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(seen).toEqual(await expected());
  });

  it("goes back with `prev` to exactly the page it came from, and the first page has no `prev`", async () => {
    const first = await listTenants({}, { limit: 50 });
    expect(first.prev).toBeNull();
    const second = await listTenants({}, { after: first.next!, limit: 50 });
    const third = await listTenants({}, { after: second.next!, limit: 50 });
    const backToSecond = await listTenants({}, { before: third.prev!, limit: 50 });
    expect(backToSecond.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const backToFirst = await listTenants({}, { before: backToSecond.prev!, limit: 50 });
    expect(backToFirst.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(backToFirst.prev).toBeNull();
    expect(backToFirst.next).toBe(first.next);
  });

  it("keeps its place when tenants are added before the cursor meanwhile: nothing repeats, nothing is skipped", async () => {
    const filter = { accountId: otherAccountId };
    const first = await listTenants(filter, { limit: 40 });
    const cut = first.rows.at(-1)!;
    // An empty name sorts first in any collation: merchants authorizing while the operator reads page 1.
    const added = Array.from({ length: 5 }, () => `wx${randomBytes(8).toString("hex")}`);
    await db.insert(tenants).values(added.map((appid) => ({ accountId: otherAccountId, appid, nickname: "", status: "authorized" as const })));
    const second = await listTenants(filter, { after: first.next!, limit: 40 });
    const now = await expected(sql`account_id = ${otherAccountId}`);
    expect(now.indexOf(added[0]!)).toBeLessThan(now.indexOf(cut.appid));
    expect(second.rows.map((r) => r.appid)).toEqual(now.slice(now.indexOf(cut.appid) + 1, now.indexOf(cut.appid) + 41));
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
    await db.execute(sql`delete from tenants where appid in ${added}`);
  });

  it("searches nickname, principal and appid, case-insensitively, with % and _ taken literally", async () => {
    const byName = await walk({ q: "alpha store" }, 200);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName).toEqual(await expected(sql`nickname ilike '%alpha store%'`));

    const byPrincipal = await countTenants({ q: "鲜果时光商贸" });
    expect(byPrincipal).toBe(TOTAL / 4);

    const one = await listTenants({ q: appidOf(1234) });
    expect(one.rows.map((r) => r.appid)).toEqual([appidOf(1234)]);

    const literal = await walk({ q: "100%_" }, 500);
    expect(literal).toEqual(await expected(sql`nickname like '100\\%\\_%'`));
    expect(await countTenants({ q: "%" })).toBe(literal.length);
  });

  it("filters by status, by tag and by account, alone and together, with counts that match the pages", async () => {
    const reauth = await walk({ status: "needs_reauth" }, 300);
    expect(reauth).toEqual(await expected(sql`status = 'needs_reauth'`));
    expect(await countTenants({ status: "needs_reauth" })).toBe(reauth.length);

    const vip = await walk({ tag: "vip" }, 300);
    expect(vip).toEqual(await expected(sql`'vip' = any(tags)`));

    const combined: TenantFilter = { tag: "零售", status: "authorized", accountId, q: "鲜果" };
    const both = await walk(combined, 25);
    expect(both).toEqual(await expected(sql`'零售' = any(tags) and status = 'authorized' and account_id = ${accountId} and (nickname ilike '%鲜果%' or principal_name ilike '%鲜果%')`));
    expect(await countTenants(combined)).toBe(both.length);

    expect(await walk({ tag: "no-such-tag" }, 50)).toEqual([]);
    const counts = await statusCounts();
    expect(counts.authorized + counts.needs_reauth + counts.unauthorized).toBe(TOTAL);
    expect(await listTags()).toEqual([
      { tag: "vip", n: TOTAL / 6 },
      { tag: "零售", n: TOTAL / 6 },
      { tag: "餐饮", n: TOTAL / 6 },
    ]);
  });

  it("shows each tenant's latest audit and never the refresh token", async () => {
    const page = await listTenants({ q: appidOf(42) });
    const tenant = page.rows[0]!;
    expect(tenant.latestAudit).toBeNull();
    await db.insert(tenantAudits).values([
      { tenantId: tenant.id, auditid: 100, state: "approved", userVersion: "1.0.0", submittedAt: new Date(Date.now() - 86_400_000) },
      { tenantId: tenant.id, auditid: 101, state: "auditing", userVersion: "1.1.0", submittedAt: new Date() },
    ]);
    const again = (await listTenants({ q: appidOf(42) })).rows[0]!;
    expect(again.latestAudit).toMatchObject({ auditid: 101, state: "auditing", userVersion: "1.1.0" });
    expect((await getTenantRow(tenant.id))!.latestAudit?.auditid).toBe(101);
    expect(JSON.stringify(again)).not.toMatch(/refresh|v1:/);
  });

  it("reads a malformed cursor as the first page", async () => {
    expect(decodeCursor("garbage")).toBeUndefined();
    expect(decodeCursor(Buffer.from('["x","not-a-uuid"]').toString("base64url"))).toBeUndefined();
    const cursor = { nickname: "鲜果 1", id: crypto.randomUUID() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const first = await listTenants({}, { limit: 10 });
    expect((await listTenants({}, { after: "garbage", limit: 10 })).rows).toEqual(first.rows);
  });
});
