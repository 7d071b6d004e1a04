import { beforeAll, describe, expect, it } from "vitest";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { operations, operators } from "@/lib/db/schema";
import { historyCsv } from "./export";
import { parseHistoryFilter, historySearch, type HistoryFilter } from "./filter";
import { listOperations, operationDetails } from "./queries";

const sandbox = sandboxHarness();
let a: World;
let b: World;
let alice: string;
let bob: string;
/** id by label, for readable expectations. */
const ids = new Map<string, number>();

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

beforeAll(async () => {
  a = await createWorld(sandbox, { nickname: "甲, \"quoted\"" });
  b = await createWorld(sandbox, { nickname: "乙" });
  const made = await db
    .insert(operators)
    .values([
      { email: "alice@example.com", name: "Alice", passwordHash: "x", role: "operator" },
      { email: "bob@example.com", name: "Bob", passwordHash: "x", role: "viewer" },
    ])
    .returning({ id: operators.id });
  [alice, bob] = [made[0]!.id, made[1]!.id];
  const rows = [
    { label: "a-release", at: at(1), tenantId: a.tenant.id, actorId: alice, action: "wxa.release", ok: true, request: { appid: "wx1" }, response: { errcode: 0 } },
    { label: "b-gray-85082", at: at(2), tenantId: b.tenant.id, actorId: bob, action: "wxa.grayrelease", ok: false, errcode: 85082 },
    { label: "a-revert-87012", at: at(3), tenantId: a.tenant.id, actorId: alice, action: "wxa.revertcoderelease", ok: false, errcode: 87012 },
    { label: "system-token", at: at(4), tenantId: null, actorId: null, action: "component.api_component_token", ok: true },
    { label: "b-release-85082", at: at(5), tenantId: b.tenant.id, actorId: alice, action: "wxa.release", ok: false, errcode: 85082 },
    { label: "a-failed-nocode", at: at(6), tenantId: a.tenant.id, actorId: bob, action: "wxa.commit", ok: false, errcode: null },
  ];
  for (const { label, ...row } of rows) {
    const [made] = await db.insert(operations).values(row).returning({ id: operations.id });
    ids.set(label, made!.id);
  }
});

const labels = async (filter: HistoryFilter) => {
  const byId = new Map([...ids].map(([k, v]) => [v, k]));
  return (await listOperations(filter)).rows.map((r) => byId.get(r.id));
};

describe("history filters", () => {
  it("return exactly the matching rows, newest first", async () => {
    expect(await labels({})).toEqual(["a-failed-nocode", "b-release-85082", "system-token", "a-revert-87012", "b-gray-85082", "a-release"]);
    expect(await labels({ tenantId: a.tenant.id })).toEqual(["a-failed-nocode", "a-revert-87012", "a-release"]);
    expect(await labels({ actorId: bob })).toEqual(["a-failed-nocode", "b-gray-85082"]);
    expect(await labels({ action: "wxa.release" })).toEqual(["b-release-85082", "a-release"]);
    expect(await labels({ result: "ok" })).toEqual(["system-token", "a-release"]);
    expect(await labels({ result: "failed" })).toEqual(["a-failed-nocode", "b-release-85082", "a-revert-87012", "b-gray-85082"]);
    expect(await labels({ result: 85082 })).toEqual(["b-release-85082", "b-gray-85082"]);
    expect(await labels({ from: at(2), to: at(5) })).toEqual(["system-token", "a-revert-87012", "b-gray-85082"]);
    expect(await labels({ tenantId: b.tenant.id, actorId: alice, result: "failed" })).toEqual(["b-release-85082"]);
  });

  it("carry the operator, the tenant and the row's redacted request and answer", async () => {
    const [row] = (await listOperations({ action: "wxa.release", result: "ok" })).rows;
    expect(row).toMatchObject({ actorEmail: "alice@example.com", tenantId: a.tenant.id, tenantName: a.tenant.nickname, errcode: null });
    const details = await operationDetails([row!.id, ids.get("system-token")!]);
    expect(details.get(row!.id)).toEqual({ request: { appid: "wx1" }, response: { errcode: 0 } });
    expect(details.get(ids.get("system-token")!)).toEqual({ request: null, response: null });
  });

  it("read from the URL and back, dropping what is malformed", () => {
    const filter = parseHistoryFilter({ tenant: a.tenant.id, actor: "nope", action: "wxa.release", result: "85082", from: "2026-11-01", to: "2026-11-01T10:05" });
    expect(filter).toEqual({ tenantId: a.tenant.id, actorId: undefined, action: "wxa.release", result: 85082, from: new Date(Date.UTC(2026, 10, 1)), to: at(5) });
    expect(parseHistoryFilter(historySearch(filter).slice(1).split("&").reduce((o, kv) => ({ ...o, [kv.split("=")[0]!]: decodeURIComponent(kv.split("=")[1]!) }), {}))).toEqual(filter);
    expect(parseHistoryFilter({ result: "ok", code: "85009" }).result).toBe(85009);
    expect(parseHistoryFilter({ result: "failed", from: "yesterday" })).toMatchObject({ result: "failed", from: undefined });
  });
});

describe("history pages", () => {
  it("neither repeat nor skip a row, rows sharing one instant included", async () => {
    const same = at(30);
    await db.insert(operations).values(Array.from({ length: 130 }, (_, i) => ({ at: i % 3 === 0 ? same : at(31 + (i % 7)), action: `bulk.${i}`, ok: true })));
    const everything = (await listOperations({}, { limit: 200 })).rows.map((r) => r.id);
    expect(everything).toHaveLength(136);
    const seen: number[] = [];
    let after: number | undefined;
    let pages = 0;
    do {
      const page = await listOperations({}, { after });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(everything);
  });
});

describe("history CSV", () => {
  it("has exactly the filter's rows in its order, quoted by the CSV writer", async () => {
    let text = "";
    for await (const chunk of historyCsv({ tenantId: a.tenant.id })) text += chunk;
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("id,time,operator,tenant_appid,tenant_name,action,result,errcode,duration_ms,bulk_job_id");
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual((await listOperations({ tenantId: a.tenant.id })).rows.map((r) => r.id));
    expect(lines[1]).toBe(`${ids.get("a-failed-nocode")},2026-11-01T10:06:00.000000Z,bob@example.com,${a.tenant.appid},"甲, ""quoted""",wxa.commit,failed,,0,`);
    let failed = "";
    for await (const chunk of historyCsv({ result: 85082 })) failed += chunk;
    expect(failed.trimEnd().split("\n").slice(1).map((l) => Number(l.split(",")[0]))).toEqual([ids.get("b-release-85082"), ids.get("b-gray-85082")]);
  });
});
