import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/crypto";
import { platformAccounts, tenantSnapshots, tenants } from "@/lib/db/schema";
import type { TenantStatus } from "@/lib/vocab";
import { countFleet, countSelection, listFleetTenants, selectionAccounts } from "./tenant-selection";

/**
 * "Select all M matching" and a selection's size are counted in the database with the fleet filter, over every page:
 * seven tenants, pages of three.
 */

type Seeded = { id: string; nickname: string };
let rows: Seeded[] = [];
const idOf = (nickname: string) => rows.find((r) => r.nickname === nickname)!.id;

beforeAll(async () => {
  const [account] = await db
    .insert(platformAccounts)
    .values({ platform: "wechat", name: "Fleet", appId: "wx0000000000000001", secretEnc: encryptSecret("s") })
    .returning();
  const specs = [
    { nickname: "A 零售 live 10", tags: ["零售"], snap: { liveTemplateId: 10, liveVersion: "1.0.0", auditState: "approved" as const } },
    { nickname: "B 零售 live 11", tags: ["零售"], snap: { liveTemplateId: 11, liveVersion: "1.1.0", auditState: "auditing" as const } },
    { nickname: "C 零售 gray", tags: ["零售"], snap: { liveTemplateId: 11, grayPercentage: 20, trialTemplateId: 12 } },
    { nickname: "D 餐饮 nothing", tags: ["餐饮"], snap: null },
    { nickname: "E 餐饮 live 11", tags: ["餐饮"], snap: { liveTemplateId: 11, trialTemplateId: 12 } },
    { nickname: "F 零售 reauth", tags: ["零售"], status: "needs_reauth" as const, snap: { liveTemplateId: 10 } },
    { nickname: "G 零售 full gray", tags: ["零售"], snap: { liveTemplateId: 11, grayPercentage: 100 } },
  ];
  rows = await db
    .insert(tenants)
    .values(specs.map((s, i) => ({ accountId: account!.id, appid: `wx10000000000000${i}`, nickname: s.nickname, tags: s.tags, status: (s.status ?? "authorized") as TenantStatus })))
    .returning({ id: tenants.id, nickname: tenants.nickname });
  const snaps = specs.flatMap((s) => (s.snap ? [{ tenantId: idOf(s.nickname), ...s.snap }] : []));
  await db.insert(tenantSnapshots).values(snaps);
});

describe("the fleet's counts", () => {
  it("counts every match, not one page, with the list's and the snapshots' filters", async () => {
    expect(await countFleet({})).toBe(7);
    expect(await countFleet({ tag: "零售" })).toBe(5);
    expect(await countFleet({ tag: "零售", status: "authorized" })).toBe(4);
    expect(await countFleet({ driftFrom: 11 })).toBe(3); // A and F live on 10, D has nothing live
    expect(await countFleet({ gray: true })).toBe(1); // 100 % is no longer a roll-out
    expect(await countFleet({ trialTemplateId: 12, tag: "餐饮" })).toBe(1);
    expect(await countFleet({ auditState: "none" })).toBe(5);
    expect(await countFleet({ q: "live 1" })).toBe(3);
  });

  it("counts a selection: the filter minus exceptions, or the picked ids that still exist", async () => {
    expect(await countSelection({ filter: { tag: "零售" }, except: [idOf("A 零售 live 10"), idOf("D 餐饮 nothing")] })).toBe(4);
    expect(await countSelection({ tenantIds: [idOf("A 零售 live 10"), idOf("B 零售 live 11"), "00000000-0000-4000-8000-000000000000"] })).toBe(2);
  });
});

describe("the fleet's pages", () => {
  it("walks the filter's matches three at a time, forward and back, with each tenant's versions", async () => {
    const first = await listFleetTenants({ tag: "零售" }, { limit: 3 });
    expect(first.rows.map((r) => r.nickname)).toEqual(["A 零售 live 10", "B 零售 live 11", "C 零售 gray"]);
    expect(first.rows[2]!.versions).toEqual({ trialVersion: null, liveVersion: null, grayPercentage: 20 });
    expect(first.rows[0]!.versions.liveVersion).toBe("1.0.0");
    expect(first.prev).toBeNull();
    const second = await listFleetTenants({ tag: "零售" }, { after: first.next!, limit: 3 });
    expect(second.rows.map((r) => r.nickname)).toEqual(["F 零售 reauth", "G 零售 full gray"]);
    expect(second.next).toBeNull();
    const back = await listFleetTenants({ tag: "零售" }, { before: second.prev!, limit: 3 });
    expect(back.rows.map((r) => r.nickname)).toEqual(first.rows.map((r) => r.nickname));
    const none = await listFleetTenants({ tag: "零售", driftFrom: 10, gray: true }, { limit: 3 });
    expect(none.rows.map((r) => r.nickname)).toEqual(["C 零售 gray"]);
  });
});

// Last in the file: it adds tenants the counts above do not expect.
describe("the accounts a selection covers", () => {
  it("lists each platform account once, WeChat and Baidu alike, with its share of the selection", async () => {
    const [wechat] = await db.select().from(platformAccounts);
    const [baidu] = await db
      .insert(platformAccounts)
      .values({ platform: "baidu", name: "Baidu 店", appId: "baidu-client-1", secretEnc: encryptSecret("baidu-client-1") })
      .returning();
    const mixed = await db
      .insert(tenants)
      .values([
        { accountId: baidu!.id, appid: "20000001", nickname: "H 百度 1", tags: ["混合"], status: "authorized" as TenantStatus },
        { accountId: baidu!.id, appid: "20000002", nickname: "I 百度 2", tags: ["混合"], status: "authorized" as TenantStatus },
      ])
      .returning({ id: tenants.id });
    const picked = { tenantIds: [idOf("A 零售 live 10"), idOf("B 零售 live 11"), mixed[0]!.id, mixed[1]!.id] };
    expect(await selectionAccounts(picked)).toEqual([
      { accountId: baidu!.id, name: "Baidu 店", platform: "baidu", tenants: 2, textSubmission: true },
      { accountId: wechat!.id, name: "Fleet", platform: "wechat", tenants: 2, textSubmission: false },
    ]);
    // A filter: its matches minus the exceptions; an account whose every tenant is excepted is not covered.
    const filtered = { filter: { status: "authorized" as const }, except: mixed.map((m) => m.id) };
    expect(await selectionAccounts(filtered)).toEqual([{ accountId: wechat!.id, name: "Fleet", platform: "wechat", tenants: 6, textSubmission: false }]);
    expect(await selectionAccounts({ filter: { tag: "混合" }, except: [] })).toEqual([{ accountId: baidu!.id, name: "Baidu 店", platform: "baidu", tenants: 2, textSubmission: true }]);
    expect(await selectionAccounts({ tenantIds: ["00000000-0000-4000-8000-000000000000"] })).toEqual([]);
    expect(await countSelection(picked)).toBe(4);
  });
});
