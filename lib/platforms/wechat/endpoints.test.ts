import { describe, expect, it } from "vitest";
import type { PlatformAccount, Tenant } from "@/lib/db/schema";
import { sandboxRoutePaths } from "@/lib/sandbox";
import { getAuthorizerClient, getComponentClient } from "./client";
import { actionOf, allEndpoints } from "./endpoints";

/**
 * The endpoint table: history action names derived from the paths are exactly the names the history has used so
 * far, and the generated clients still offer every method (on the sandboxed endpoint) they offered before.
 */

/** Table entry → the history action the hand-written family modules used (lib/platforms/wechat/api/*, tokens.ts). */
const ACTIONS_IN_HISTORY: Record<string, string> = {
  "component.createPreAuthCode": "component.api_create_preauthcode",
  "component.queryAuth": "component.api_query_auth",
  "component.getAuthorizerInfo": "component.api_get_authorizer_info",
  "component.getAuthorizerList": "component.api_get_authorizer_list",
  "component.getAuthorizerOption": "component.get_authorizer_option",
  "component.setAuthorizerOption": "component.set_authorizer_option",
  "component.startPushTicket": "component.api_start_push_ticket",
  "component.getTemplateDraftList": "wxa.gettemplatedraftlist",
  "component.addToTemplate": "wxa.addtotemplate",
  "component.getTemplateList": "wxa.gettemplatelist",
  "component.deleteTemplate": "wxa.deletetemplate",
  "component.clearQuota": "cgi.clear_quota",
  "component.clearQuotaV2": "component.clear_quota_v2",
  "component.clearComponentQuota": "component.clear_quota",
  "component.getApiQuota": "openapi.quota_get",
  "component.getRidInfo": "openapi.rid_get",
  "authorizer.commit": "wxa.commit",
  "authorizer.getPage": "wxa.get_page",
  "authorizer.getTrialQrcode": "wxa.get_qrcode",
  "authorizer.getCategory": "wxa.get_category",
  "authorizer.changeVisitStatus": "wxa.change_visitstatus",
  "authorizer.getVisitStatus": "wxa.getvisitstatus",
  "authorizer.getVersionInfo": "wxa.getversioninfo",
  "authorizer.getSupportVersion": "wxopen.getweappsupportversion",
  "authorizer.setSupportVersion": "wxopen.setweappsupportversion",
  "authorizer.getCodePrivacyInfo": "wxa.get_code_privacy_info",
  "authorizer.submitAudit": "wxa.submit_audit",
  "authorizer.getAuditStatus": "wxa.get_auditstatus",
  "authorizer.getLatestAuditStatus": "wxa.get_latest_auditstatus",
  "authorizer.undoAudit": "wxa.undocodeaudit",
  "authorizer.speedupAudit": "wxa.speedupaudit",
  "authorizer.queryQuota": "wxa.queryquota",
  "authorizer.uploadMedia": "wxa.uploadmedia",
  "authorizer.getMaterial": "material.get_material",
  "authorizer.release": "wxa.release",
  "authorizer.grayRelease": "wxa.grayrelease",
  "authorizer.getGrayReleasePlan": "wxa.getgrayreleaseplan",
  "authorizer.revertGrayRelease": "wxa.revertgrayrelease",
  "authorizer.revertCodeRelease": "wxa.revertcoderelease",
  "authorizer.getHistoryVersions": "wxa.revertcoderelease.get_history_version",
  "authorizer.qrcodeJumpAdd": "wxopen.qrcodejumpadd",
  "authorizer.qrcodeJumpGet": "wxopen.qrcodejumpget",
  "authorizer.qrcodeJumpDownload": "wxopen.qrcodejumpdownload",
  "authorizer.qrcodeJumpDelete": "wxopen.qrcodejumpdelete",
  "authorizer.qrcodeJumpPublish": "wxopen.qrcodejumppublish",
  "authorizer.clearQuota": "cgi.clear_quota",
  "authorizer.getApiQuota": "openapi.quota_get",
  "authorizer.getRidInfo": "openapi.rid_get",
  "token.componentToken": "component.api_component_token",
  "token.authorizerToken": "component.api_authorizer_token",
};

/** Methods of the clients before the table (besides the endpoints: the authorization page builders). */
const PAGE_METHODS = ["authorizationUrl", "createAuthorizationUrl"];

describe("the endpoint table", () => {
  const endpoints = allEndpoints();

  it("derives every history action from its path, as the history has named it so far", () => {
    expect(endpoints.map((e) => `${e.table}.${e.name}`).sort()).toEqual(Object.keys(ACTIONS_IN_HISTORY).sort());
    for (const e of endpoints) expect(e.action, `${e.table}.${e.name}`).toBe(ACTIONS_IN_HISTORY[`${e.table}.${e.name}`]);
  });

  it("follows the path rule: cgi-bin dropped, namespace first, name last, a version joined, a variant appended", () => {
    expect(actionOf("/wxa/commit")).toBe("wxa.commit");
    expect(actionOf("/cgi-bin/component/api_component_token")).toBe("component.api_component_token");
    expect(actionOf("/cgi-bin/clear_quota")).toBe("cgi.clear_quota");
    expect(actionOf("/cgi-bin/component/clear_quota/v2")).toBe("component.clear_quota_v2");
    expect(actionOf("/wxa/security/get_code_privacy_info")).toBe("wxa.get_code_privacy_info");
    expect(actionOf("/wxa/revertcoderelease", { action: "get_history_version" })).toBe("wxa.revertcoderelease.get_history_version");
  });

  it("names each path once per token, except the documented variants", () => {
    const keys = endpoints.map((e) => `${e.token} ${e.method} ${e.path} ${e.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never retries commit and submit_audit, and only those", () => {
    expect(endpoints.filter((e) => e.retry === "never").map((e) => e.action).sort()).toEqual(["wxa.commit", "wxa.submit_audit"]);
  });

  it("sends the secret-based calls without a token, and expects binary from get_qrcode and get_material only", () => {
    expect(endpoints.filter((e) => e.token === "none").map((e) => e.action).sort()).toEqual([
      "component.api_component_token",
      "component.api_start_push_ticket",
      "component.clear_quota_v2",
    ]);
    expect(endpoints.filter((e) => e.binary).map((e) => e.action).sort()).toEqual(["material.get_material", "wxa.get_qrcode"]);
  });

  it("has only endpoints the sandbox emulates", () => {
    const routed = new Set(sandboxRoutePaths());
    for (const e of endpoints) expect(routed.has(e.path), e.path).toBe(true);
  });
});

describe("the generated clients", () => {
  // Building a client costs nothing (no query, no call): fake rows are enough to list its methods.
  const account = { id: "a", platform: "wechat", appId: "wxcomponent", apiBase: null, secretEnc: "" } as unknown as PlatformAccount;
  const tenant = { id: "t", accountId: "a", appid: "wxtenant" } as unknown as Tenant;
  const methods = (client: object) => Object.keys(client).filter((k) => typeof (client as Record<string, unknown>)[k] === "function");

  it("still offer every method they offered before, on the endpoint it called", () => {
    const component = methods(getComponentClient(account));
    const authorizer = methods(getAuthorizerClient(tenant));
    const expected = (table: string) => Object.keys(ACTIONS_IN_HISTORY).filter((k) => k.startsWith(`${table}.`)).map((k) => k.slice(table.length + 1));
    expect(component.sort()).toEqual([...expected("component"), ...PAGE_METHODS].sort());
    expect(authorizer.sort()).toEqual(expected("authorizer").sort());
    // The token authority's calls are on no client.
    for (const name of expected("token")) expect([...component, ...authorizer]).not.toContain(name);
  });
});
