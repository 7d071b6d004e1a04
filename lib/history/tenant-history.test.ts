import { beforeAll, describe, expect, it } from "vitest";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import { listOperations } from "./queries";

const sandbox = sandboxHarness();
let a: World;
let b: World;
beforeAll(async () => {
  a = await createWorld(sandbox, { nickname: "甲" });
  b = await createWorld(sandbox, { nickname: "乙" });
  await db.insert(operations).values([
    { tenantId: a.tenant.id, action: "wxa.release", ok: true },
    { tenantId: b.tenant.id, action: "wxa.grayrelease", ok: false, errcode: 85082 },
    { tenantId: a.tenant.id, action: "wxa.revertcoderelease", ok: false, errcode: 87012 },
    { tenantId: null, action: "component.api_component_token", ok: true },
  ]);
});

describe("a tenant's history", () => {
  it("lists only that tenant's operations, newest first", async () => {
    const { rows } = await listOperations({ tenantId: a.tenant.id });
    expect(rows.map((r) => r.action)).toEqual(["wxa.revertcoderelease", "wxa.release"]);
    expect((await listOperations({ tenantId: b.tenant.id })).rows.map((r) => r.errcode)).toEqual([85082]);
  });

  it("without a tenant, lists everyone's", async () => {
    expect((await listOperations({})).rows.map((r) => r.action)).toEqual(expect.arrayContaining(["wxa.release", "wxa.grayrelease", "component.api_component_token"]));
  });
});
