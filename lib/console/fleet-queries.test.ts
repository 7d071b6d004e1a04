import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { commits, platformAccounts, templates, tenantSnapshots, tenants, type TenantSnapshot } from "@/lib/db/schema";
import { encryptSecret } from "@/lib/crypto";
import type { FleetFilter } from "@/lib/jobs/params";
import { listFleet, countFleet } from "./fleet-queries";
import { fleetSummary, fleetTemplateOptions } from "./fleet-summary";
import { fleetFilterFromSearch, fleetSearchOf } from "./fleet-search";

/**
 * The fleet board's queries over tenants and their snapshots: each filter returns exactly the tenants it names, the
 * summary counts what the filtered fleet runs live, and pages follow (nickname, id) without gaps or repeats.
 */

let accountId: string;
const ids: Record<string, string> = {};

type Seed = { nickname: string; tags?: string[]; status?: "authorized" | "needs_reauth" | "unauthorized"; snapshot?: Partial<TenantSnapshot> | null };

// Template 31 is 1.2.0 (the target), 29 is 1.1.0, 27 only runs live somewhere (the library dropped it).
const SEEDS: Seed[] = [
  { nickname: "A 上线31", tags: ["餐饮"], snapshot: { liveVersion: "1.2.0", liveTemplateId: 31, grayPercentage: 0, auditState: "approved", auditid: 11 } },
  { nickname: "B 上线31 灰度", tags: ["餐饮"], snapshot: { liveVersion: "1.2.0", liveTemplateId: 31, grayPercentage: 20, grayVersion: "1.3.0", auditState: "approved", auditid: 12 } },
  { nickname: "C 上线29", tags: ["零售"], snapshot: { liveVersion: "1.1.0", liveTemplateId: 29, trialVersion: "1.2.0", trialTemplateId: 31, auditState: "auditing", auditid: 13, auditVersion: "1.2.0" } },
  { nickname: "D 上线29 全量灰度完成", snapshot: { liveVersion: "1.1.0", liveTemplateId: 29, grayPercentage: 100 } },
  { nickname: "E 无上线", snapshot: { liveVersion: null, trialVersion: "1.2.0", trialTemplateId: 31, auditState: "none" } },
  { nickname: "F 从未读取", status: "needs_reauth", snapshot: null },
  { nickname: "G 上线未知模板", snapshot: { liveVersion: "0.9.0", liveTemplateId: null, auditState: "rejected", auditid: 14 } },
  { nickname: "H 上线27", tags: ["零售"], snapshot: { liveVersion: "0.8.0", liveTemplateId: 27 } },
];

beforeAll(async () => {
  const [account] = await db.insert(platformAccounts).values({ platform: "wechat", name: "fleet", appId: "wxfleet000000000001", secretEnc: encryptSecret("s") }).returning();
  accountId = account!.id;
  await db.insert(templates).values([
    { accountId, templateId: 31, userVersion: "1.2.0", userDesc: "春季版" },
    { accountId, templateId: 29, userVersion: "1.1.0", userDesc: "冬季版" },
  ]);
  for (const [i, seed] of SEEDS.entries()) {
    const [tenant] = await db
      .insert(tenants)
      .values({ accountId, appid: `wxfleet${String(i).padStart(11, "0")}`, nickname: seed.nickname, tags: seed.tags ?? [], status: seed.status ?? "authorized" })
      .returning();
    ids[seed.nickname[0]!] = tenant!.id;
    if (seed.snapshot) await db.insert(tenantSnapshots).values({ tenantId: tenant!.id, ...seed.snapshot });
  }
  // C's audit version and B's gray version were committed by the console: their templates are found from commits.
  await db.insert(commits).values([
    { tenantId: ids.C!, templateId: 31, userVersion: "1.2.0", userDesc: "", extJson: "{}", ok: true },
    { tenantId: ids.B!, templateId: 33, userVersion: "1.3.0", userDesc: "", extJson: "{}", ok: false },
    { tenantId: ids.B!, templateId: 32, userVersion: "1.3.0", userDesc: "", extJson: "{}", ok: true },
  ]);
});

const letters = async (filter: FleetFilter) => (await listFleet(filter, { limit: 200 })).rows.map((r) => r.nickname[0]);

describe("listFleet filters", () => {
  it("without a filter: every tenant, by nickname", async () => {
    expect(await letters({})).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(await countFleet({})).toBe(8);
  });

  it("drift from template 31: everything not live on 31, nothing live and never read included", async () => {
    expect(await letters({ driftFrom: 31 })).toEqual(["C", "D", "E", "F", "G", "H"]);
    expect(await countFleet({ driftFrom: 31 })).toBe(6);
  });

  it("live template: exactly the tenants live on it", async () => {
    expect(await letters({ liveTemplateId: 29 })).toEqual(["C", "D"]);
    expect(await letters({ liveTemplateId: 31 })).toEqual(["A", "B"]);
    expect(await letters({ liveTemplateId: 30 })).toEqual([]);
  });

  it("gray only: a roll-out between 1 and 99 %", async () => {
    expect(await letters({ gray: true })).toEqual(["B"]);
  });

  it("audit state, trial template, tag, status, search, and their combination", async () => {
    expect(await letters({ auditState: "approved" })).toEqual(["A", "B"]);
    expect(await letters({ auditState: "none" })).toEqual(["D", "E", "F", "H"]);
    expect(await letters({ trialTemplateId: 31 })).toEqual(["C", "E"]);
    expect(await letters({ tag: "零售" })).toEqual(["C", "H"]);
    expect(await letters({ status: "needs_reauth" })).toEqual(["F"]);
    expect(await letters({ q: "灰度" })).toEqual(["B", "D"]);
    expect(await letters({ tag: "零售", driftFrom: 29 })).toEqual(["H"]);
  });
});

describe("listFleet rows", () => {
  it("shows each version with its template's version and description; unknown snapshots read as null", async () => {
    const { rows } = await listFleet({}, { limit: 200 });
    const row = (letter: string) => rows.find((r) => r.nickname[0] === letter)!;
    expect(row("C")).toMatchObject({
      trial: { userVersion: "1.2.0", template: { templateId: 31, userVersion: "1.2.0", userDesc: "春季版" } },
      audit: { state: "auditing", auditid: 13, version: { userVersion: "1.2.0", template: { templateId: 31, userVersion: "1.2.0" } } },
      live: { userVersion: "1.1.0", template: { templateId: 29, userVersion: "1.1.0", userDesc: "冬季版" } },
      gray: null,
    });
    // The gray version's template: the newest successful commit of 1.3.0 (32), not the failed one; not in the library.
    expect(row("B").gray).toEqual({ percentage: 20, version: { userVersion: "1.3.0", template: { templateId: 32, userVersion: null, userDesc: null } } });
    expect(row("D").gray).toBeNull();
    expect(row("G").live).toEqual({ userVersion: "0.9.0", template: null });
    expect(row("E")).toMatchObject({ live: null, audit: { state: "none", auditid: null, version: null } });
    expect(row("F")).toMatchObject({ trial: null, audit: null, live: null, gray: null, visible: null, readAt: null, status: "needs_reauth" });
    expect(row("A").readAt).toBeInstanceOf(Date);
  });

  it("pages forward and back on (nickname, id) without gaps or repeats", async () => {
    const first = await listFleet({}, { limit: 3 });
    expect(first.rows.map((r) => r.nickname[0])).toEqual(["A", "B", "C"]);
    expect(first.prev).toBeNull();
    const second = await listFleet({}, { after: first.next!, limit: 3 });
    expect(second.rows.map((r) => r.nickname[0])).toEqual(["D", "E", "F"]);
    const third = await listFleet({}, { after: second.next!, limit: 3 });
    expect(third.rows.map((r) => r.nickname[0])).toEqual(["G", "H"]);
    expect(third.next).toBeNull();
    const back = await listFleet({}, { before: third.prev!, limit: 3 });
    expect(back.rows.map((r) => r.nickname[0])).toEqual(["D", "E", "F"]);
    expect(back.next).not.toBeNull();
  });
});

describe("fleetSummary", () => {
  it("counts the fleet per live template, largest first, and what has nothing live or was never read", async () => {
    const summary = await fleetSummary({});
    expect(summary).toEqual({
      total: 8,
      live: [
        { templateId: 31, userVersion: "1.2.0", userDesc: "春季版", n: 2 },
        { templateId: 29, userVersion: "1.1.0", userDesc: "冬季版", n: 2 },
        { templateId: 27, userVersion: null, userDesc: null, n: 1 },
      ],
      unknownTemplate: 1,
      nothingLive: 1,
      unread: 1,
      drift: null,
    });
  });

  it("against a target: up to date vs drifted, over the other filters (not the drift filter itself)", async () => {
    expect((await fleetSummary({ driftFrom: 31 })).drift).toEqual({ target: { templateId: 31, userVersion: "1.2.0", userDesc: "春季版" }, upToDate: 2, drifted: 6 });
    const retail = await fleetSummary({ tag: "零售", driftFrom: 29 });
    expect(retail.total).toBe(2);
    expect(retail.drift).toMatchObject({ upToDate: 1, drifted: 1 });
    expect((await fleetSummary({ driftFrom: 99 })).drift).toEqual({ target: { templateId: 99, userVersion: null, userDesc: null }, upToDate: 0, drifted: 8 });
  });

  it("offers the library's templates and any template live that the library lacks", async () => {
    expect((await fleetTemplateOptions()).map((t) => t.templateId)).toEqual([31, 29, 27]);
  });
});

describe("the filter in an address", () => {
  it("round-trips, ignoring what is malformed", () => {
    const filter: FleetFilter = { q: "店", status: "authorized", tag: "餐饮", auditState: "approved", liveTemplateId: 29, gray: true, driftFrom: 31 };
    const search = fleetSearchOf(filter, { kind: "pipeline" });
    expect(search.toString()).toBe("kind=pipeline&q=%E5%BA%97&status=authorized&tag=%E9%A4%90%E9%A5%AE&auditState=approved&liveTemplateId=29&gray=true&driftFrom=31");
    expect(fleetFilterFromSearch(search)).toEqual(filter);
    expect(fleetFilterFromSearch({ status: "nope", driftFrom: "-3", liveTemplateId: "abc", gray: "no", q: "  ", accountId: "x" })).toEqual({});
    expect(fleetFilterFromSearch({ gray: "1", trialTemplateId: ["7", "8"] })).toEqual({ gray: true, trialTemplateId: 7 });
  });
});
