import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { createWorld, type World } from "@/scripts/vitest/wechat";
import { db } from "@/lib/db/client";
import { tenants } from "@/lib/db/schema";
import { checkVariables, MAX_VARIABLE_VALUE } from "@/lib/validation/tenant-variables";
import { saveVariablesAction } from "@/app/(console)/tenants/[tenantId]/actions";
import { tenantVariables } from "./tenant-variables";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

const sandbox = sandboxHarness();
let w: World;
beforeAll(async () => {
  w = await createWorld(sandbox, { nickname: "变量店" });
  inLocale("en");
});

const stored = async () => (await db.select({ v: tenants.variables }).from(tenants).where(eq(tenants.id, w.tenant.id)))[0]!.v;

describe("variable rules", () => {
  it("accepts names of a letter or _ then up to 31 letters, digits or _", () => {
    expect(checkVariables([{ key: "shop_id", value: "1" }, { key: "_x", value: "" }, { key: `a${"b".repeat(31)}`, value: "v" }])).toEqual([]);
  });
  it("refuses other names, built-ins, duplicates, long values and more than 50", () => {
    expect(checkVariables([{ key: "1a", value: "" }]).map((p) => p.problem)).toEqual(["keyFormat"]);
    expect(checkVariables([{ key: `a${"b".repeat(32)}`, value: "" }]).map((p) => p.problem)).toEqual(["keyFormat"]);
    expect(checkVariables([{ key: "a-b", value: "" }]).map((p) => p.problem)).toEqual(["keyFormat"]);
    for (const key of ["appid", "nickname", "principal_name", "original_id"]) expect(checkVariables([{ key, value: "" }])[0]?.problem).toBe("builtin");
    expect(checkVariables([{ key: "a", value: "" }, { key: "a", value: "" }])).toEqual([{ problem: "duplicate", index: 1, key: "a" }]);
    expect(checkVariables([{ key: "a", value: "x".repeat(MAX_VARIABLE_VALUE) }])).toEqual([]);
    expect(checkVariables([{ key: "a", value: "x".repeat(MAX_VARIABLE_VALUE + 1) }])[0]?.problem).toBe("valueTooLong");
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "" }));
    expect(checkVariables(many).map((p) => p.problem)).toEqual(["tooMany"]);
    expect(checkVariables(many.slice(0, 50))).toEqual([]);
  });
});

describe("saving a tenant's variables", () => {
  it("replaces the whole list and reads back in name order", async () => {
    await signInAs("operator");
    expect(await saveVariablesAction({ tenantId: w.tenant.id, variables: [{ key: "shop", value: "北京店" }, { key: "city", value: "Beijing" }] })).toEqual({ ok: true, data: { count: 2 } });
    expect(await stored()).toEqual({ shop: "北京店", city: "Beijing" });
    expect(await tenantVariables(w.tenant.id)).toEqual([{ key: "city", value: "Beijing" }, { key: "shop", value: "北京店" }]);
    expect(await saveVariablesAction({ tenantId: w.tenant.id, variables: [{ key: "city", value: "Shanghai" }] })).toMatchObject({ ok: true });
    expect(await stored()).toEqual({ city: "Shanghai" });
  });

  it("refuses a built-in name with its own message and saves nothing", async () => {
    await signInAs("operator");
    const result = await saveVariablesAction({ tenantId: w.tenant.id, variables: [{ key: "ok", value: "1" }, { key: "appid", value: "wx" }] });
    expect(result).toEqual({ ok: false, error: translate("tenant.variables.errors.builtin", { key: "appid" }) });
    expect(await stored()).toEqual({ city: "Shanghai" });
  });

  it("is refused to a viewer", async () => {
    await signInAs("viewer");
    expect(await saveVariablesAction({ tenantId: w.tenant.id, variables: [] })).toEqual({ ok: false, error: translate("errors.forbidden") });
    expect(await stored()).toEqual({ city: "Shanghai" });
  });
});
