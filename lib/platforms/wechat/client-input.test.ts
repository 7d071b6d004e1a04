import { beforeAll, describe, expect, it } from "vitest";
import { sandboxHarness } from "@/scripts/vitest/sandbox";
import { ClientInputError } from "@/lib/platforms/wechat/schemas/common";
import { allUpstreamCalls, createWorld, historyCount, type World } from "@/scripts/vitest/wechat";

/**
 * Bad input is refused before anything leaves the process: no token is fetched, the sandbox counts no call and no
 * history row is written. The world's tokens are cold, so even a token refresh would show in the counters.
 */

const sandbox = sandboxHarness();
let w: World;

beforeAll(async () => {
  w = await createWorld(sandbox);
});

const cases: [string, () => Promise<unknown>, string][] = [
  ["commit with ext_json as an object", () => w.client.commit({ template_id: 1, ext_json: { ext: {} } as unknown as string, user_version: "V1", user_desc: "" }), "ext_json"],
  ["commit with a 65-character version", () => w.client.commit({ template_id: 1, ext_json: "{}", user_version: "v".repeat(65), user_desc: "" }), "user_version"],
  ["submit_audit with 6 items", () => w.client.submitAudit({ item_list: Array(6).fill({ first_class: "a", second_class: "b", first_id: 1, second_id: 2 }) }), "item_list"],
  ["submit_audit with a 33-character title", () => w.client.submitAudit({ item_list: [{ first_class: "a", second_class: "b", first_id: 1, second_id: 2, title: "t".repeat(33) }] }), "item_list.0.title"],
  ["grayrelease at 0 % without a *_first flag", () => w.client.grayRelease({ gray_percentage: 0 }), "gray_percentage"],
  ["grayrelease at 101 %", () => w.client.grayRelease({ gray_percentage: 101 }), "gray_percentage"],
  ["change_visitstatus pause", () => w.client.changeVisitStatus({ action: "pause" as "open" }), "action"],
  ["revertcoderelease to version 0", () => w.client.revertCodeRelease({ app_version: 0 }), "app_version"],
  ["get_auditstatus without an id", () => w.client.getAuditStatus({} as { auditid: number }), "auditid"],
  ["setweappsupportversion of 'latest'", () => w.client.setSupportVersion({ version: "latest" }), "version"],
  ["qrcodejumpadd with 6 debug links", () => w.client.qrcodeJumpAdd({ prefix: "https://a.example.com/", permit_sub_rule: 1, path: "p", open_version: 3, debug_url: Array(6).fill("https://a.example.com/x") }), "debug_url"],
  ["qrcodejumppublish of a bare host", () => w.client.qrcodeJumpPublish({ prefix: "a.example.com" }), "prefix"],
  ["get_qrcode with a 1025-character path", () => w.client.getTrialQrcode({ path: "p".repeat(1025) }), "path"],
  ["get_authorizer_list of 501", () => w.component.getAuthorizerList({ offset: 0, count: 501 }), "count"],
  ["addtotemplate of template type 2", () => w.component.addToTemplate({ draft_id: 1, template_type: 2 as 0 }), "template_type"],
  ["set_authorizer_option to an undocumented value", () => w.component.setAuthorizerOption({ authorizer_appid: w.authorizer.appid, option_name: "customer_service", option_value: "2" }), "option_value"],
  ["api_query_auth without a code", () => w.component.queryAuth({ authorization_code: "" }), "authorization_code"],
  ["an authorization URL with auth_type 7", () => w.component.createAuthorizationUrl({ redirect_uri: "https://a.example.com/cb", auth_type: 7 as 2 }), "auth_type"],
];

describe("input checked before any call", () => {
  it.each(cases)("refuses %s", async (_name, run, field) => {
    const [upstream, history] = [await allUpstreamCalls(), await historyCount()];
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientInputError);
    expect(Object.keys((error as ClientInputError).fieldErrors)).toContain(field);
    expect({ upstream: await allUpstreamCalls(), history: await historyCount() }).toEqual({ upstream, history });
  });

  it("still has cold tokens afterwards: not one of those reached the token authority", async () => {
    expect(await allUpstreamCalls()).toBe(0);
    // And a good call from the same world then works (one component token, one authorizer token, the call).
    expect((await w.client.getCategory()).category_list.length).toBeGreaterThan(0);
    expect(await allUpstreamCalls()).toBe(3);
  });
});
