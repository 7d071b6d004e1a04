import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { platformAccounts, tenants, type PlatformAccount } from "@/lib/db/schema";
import { inLocale, signInAs, translate } from "@/scripts/vitest/actions";
import { preflightJobAction, selectionAccountsAction, startJobAction } from "./actions";

vi.mock("@/lib/auth/session", async () => (await import("@/scripts/vitest/actions")).sessionModule);
vi.mock("next-intl/server", async () => (await import("@/scripts/vitest/actions")).intlServerModule);

/**
 * The wizard's actions over a selection spanning a WeChat and a Baidu account: which accounts it covers (and which
 * submit a text), a template required per account, and the text submission's limits, each refused next to its field
 * before the engine is asked anything.
 */

let wechat: PlatformAccount;
let baidu: PlatformAccount;
let selection: { tenantIds: string[] };
const EXT = '{"extEnable":true,"extAppid":"{{appid}}"}';
const commit = { userVersion: "1.0.0", userDesc: "", extJson: EXT };

beforeAll(async () => {
  wechat = (await db.insert(platformAccounts).values({ platform: "wechat", name: "A 微信", appId: "wx00000000000000aa", secretEnc: encryptSecret("s") }).returning())[0]!;
  baidu = (await db.insert(platformAccounts).values({ platform: "baidu", name: "B 百度", appId: "baidu-client", secretEnc: encryptSecret("baidu-client") }).returning())[0]!;
  const rows = await db
    .insert(tenants)
    .values([
      { accountId: wechat.id, appid: "wx10000000000000a1", nickname: "微信店" },
      { accountId: baidu.id, appid: "30000001", nickname: "百度店 1" },
      { accountId: baidu.id, appid: "30000002", nickname: "百度店 2" },
    ])
    .returning({ id: tenants.id });
  selection = { tenantIds: rows.map((r) => r.id) };
});

beforeEach(async () => {
  inLocale("en");
  await signInAs("operator");
});

describe("the accounts a selection covers", () => {
  it("lists the WeChat and the Baidu account, the Baidu one submitting a text", async () => {
    expect(await selectionAccountsAction({ selection })).toEqual({
      ok: true,
      data: [
        { accountId: wechat.id, name: "A 微信", platform: "wechat", tenants: 1, textSubmission: false },
        { accountId: baidu.id, name: "B 百度", platform: "baidu", tenants: 2, textSubmission: true },
      ],
    });
    expect(await selectionAccountsAction({ selection: { tenantIds: selection.tenantIds.slice(1) } })).toMatchObject({ ok: true, data: [{ accountId: baidu.id }] });
  });

  it("is refused to a viewer and for an empty pick", async () => {
    await signInAs("viewer");
    expect(await selectionAccountsAction({ selection })).toEqual({ ok: false, error: translate("errors.forbidden") });
    await signInAs("operator");
    expect(await selectionAccountsAction({ selection: { tenantIds: [] } })).toMatchObject({ ok: false, fieldErrors: { selection: [expect.any(String)] } });
  });
});

describe("a template per account", () => {
  it("refuses a commit across both accounts that names one template for all, next to each account's field", async () => {
    const answer = await startJobAction({ kind: "commit", params: { ...commit, templateId: 7 }, selection });
    if (answer.ok) throw new Error("expected a refusal");
    expect(answer.error).toBe(translate("errors.invalidInput"));
    expect(answer.fieldErrors).toEqual({ [`templates.${wechat.id}`]: [translate("validation.required")], [`templates.${baidu.id}`]: [translate("validation.required")] });
  });

  it("names the account left out of a pipeline's templates, and an empty choice, under commit.", async () => {
    const submit = { profileId: crypto.randomUUID() };
    const one = await preflightJobAction({ kind: "pipeline", params: { commit: { ...commit, templateId: 7, templates: { [wechat.id]: 7 } }, submit }, selection });
    expect(one).toMatchObject({ ok: false, fieldErrors: { [`commit.templates.${baidu.id}`]: [translate("validation.required")] } });
    if (one.ok) return;
    expect(Object.keys(one.fieldErrors ?? {})).toEqual([`commit.templates.${baidu.id}`]);
    const empty = await preflightJobAction({ kind: "pipeline", params: { commit: { ...commit, templateId: 7, templates: { [wechat.id]: 7, [baidu.id]: 0 } }, submit }, selection });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { [`commit.templates.${baidu.id}`]: [translate("validation.required")] } });
  });

  it("lets one account's selection rely on templateId, and passes a commit naming both accounts' templates to the engine", async () => {
    const single = await preflightJobAction({ kind: "commit", params: { ...commit, templateId: 7 }, selection: { tenantIds: selection.tenantIds.slice(1) } });
    expect(single).toMatchObject({ ok: true, data: { kind: "commit", total: 2 } });
    const both = await preflightJobAction({ kind: "commit", params: { ...commit, templateId: 7, templates: { [wechat.id]: 7, [baidu.id]: 8 } }, selection });
    expect(both).toMatchObject({ ok: true, data: { kind: "commit", total: 3 } });
  });
});

describe("a text submission", () => {
  it("refuses content and remark over 500 characters, by their path", async () => {
    inLocale("zh-CN");
    const profileId = crypto.randomUUID();
    const submit = await startJobAction({ kind: "submit", params: { profileId, content: "字".repeat(501), remark: "ok" }, selection });
    expect(submit).toMatchObject({ ok: false, error: translate("errors.invalidInput"), fieldErrors: { content: [translate("validation.tooLong")] } });
    const params = { commit: { ...commit, templateId: 7, templates: { [wechat.id]: 7, [baidu.id]: 8 } }, submit: { profileId, remark: "x".repeat(501) } };
    const pipeline = await startJobAction({ kind: "pipeline", params, selection });
    if (pipeline.ok) throw new Error("expected a refusal");
    expect(pipeline.fieldErrors).toEqual({ "submit.remark": [translate("validation.tooLong")] });
  });
});
