import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { baiduApiBaseProblem } from "./api-base";
import { allBaiduEndpoints, baiduActionOf } from "./endpoints";
import { addToTemplateInput, packageAnswer, submitAuditInput, uploadInput } from "./schemas";
import { auditStateOfPackage, baiduTimeOf } from "./states";

/** The endpoint table against the documents: every endpoint once, its token, its retry class, its documented limits. */

describe("the Baidu endpoint table", () => {
  it("declares every documented endpoint once, with the token it needs", () => {
    const byPath = allBaiduEndpoints().map((e) => `${e.method} ${e.path} ${e.token}${e.action.endsWith(".refresh") || e.action.endsWith(".exchange") ? ` ${e.action}` : ""}`);
    expect(byPath.sort()).toEqual(
      [
        "GET /public/2.0/smartapp/auth/tp/token none",
        "GET /rest/2.0/smartapp/tp/createpreauthcode tp",
        "GET /rest/2.0/oauth/token tp baidu.oauth.token.exchange",
        "GET /rest/2.0/oauth/token tp baidu.oauth.token.refresh",
        "POST /rest/2.0/smartapp/auth/retrieve/authorizationcode tp",
        "GET /rest/2.0/smartapp/template/gettemplatedraftlist tp",
        "POST /rest/2.0/smartapp/template/addtotemplate tp",
        "GET /rest/2.0/smartapp/template/gettemplatelist tp",
        "POST /rest/2.0/smartapp/template/deltemplate tp",
        "GET /rest/2.0/smartapp/app/info app",
        "POST /rest/2.0/smartapp/package/upload app",
        "POST /rest/2.0/smartapp/package/submitaudit app",
        "POST /rest/2.0/smartapp/package/release app",
        "POST /rest/2.0/smartapp/package/rollback app",
        "POST /rest/2.0/smartapp/package/withdraw app",
        "GET /rest/2.0/smartapp/package/get app",
        "GET /rest/2.0/smartapp/package/getdetail app",
        "GET /rest/2.0/smartapp/package/auditquota app",
      ].sort(),
    );
  });

  it("never retries what a lost success would make harmful: upload, submit, rollback and the single-use grants", () => {
    const never = allBaiduEndpoints().filter((e) => e.retry === "never").map((e) => e.action);
    expect(never.sort()).toEqual(["baidu.oauth.token.exchange", "baidu.oauth.token.refresh", "baidu.package.rollback", "baidu.package.submitaudit", "baidu.package.upload"]);
  });

  it("names history actions after the path", () => {
    expect(baiduActionOf("/rest/2.0/smartapp/package/upload")).toBe("baidu.package.upload");
    expect(baiduActionOf("/public/2.0/smartapp/auth/tp/token")).toBe("baidu.auth.tp.token");
    expect(baiduActionOf("/rest/2.0/oauth/token", "refresh")).toBe("baidu.oauth.token.refresh");
    const actions = allBaiduEndpoints().map((e) => e.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});

describe("documented limits and both spellings", () => {
  const ext = (o: unknown) => JSON.stringify(o);
  const upload = (ext_json: string) => uploadInput.safeParse({ template_id: 754, ext_json, user_version: "1.0.0", user_desc: "d" });

  it("sends ext_json as its JSON text, with extEnable (boolean) and extAppid (int or string)", () => {
    expect(upload(ext({ extEnable: true, extAppid: "100000282" })).data).toMatchObject({ template_id: "754", ext_json: ext({ extEnable: true, extAppid: "100000282" }) });
    expect(upload(ext({ extEnable: false, extAppid: 100000282 })).success).toBe(true);
    expect(upload(ext({ extAppid: 1 })).error?.issues[0]).toMatchObject({ path: ["ext_json", "extEnable"], message: "validation.required" });
    expect(upload(ext({ extEnable: true })).error?.issues[0]).toMatchObject({ path: ["ext_json", "extAppid"] });
    expect(upload("{not json").success).toBe(false);
    expect(upload("[]").success).toBe(false);
  });

  it("needs package_id, content and remark to submit; ids as numbers or digit strings", () => {
    expect(submitAuditInput.safeParse({ package_id: "55106", content: "c", remark: "r" }).data).toEqual({ package_id: "55106", content: "c", remark: "r" });
    expect(submitAuditInput.safeParse({ package_id: 55106, content: "c" }).success).toBe(false);
    expect(submitAuditInput.safeParse({ package_id: "abc", content: "c", remark: "r" }).success).toBe(false);
    expect(packageAnswer.parse({ package_id: "201", status: 4, version: "d0.0.0.2" })).toMatchObject({ package_id: 201, status: 4 });
    expect(packageAnswer.parse({ package_id: 1, status: 1 }).package_id).toBe(1);
  });

  it("limits a template's description to 30 characters", () => {
    expect(addToTemplateInput.safeParse({ draft_id: 1, user_desc: "字".repeat(30) }).success).toBe(true);
    expect(addToTemplateInput.safeParse({ draft_id: 1, user_desc: "字".repeat(31) }).error?.issues[0]?.message).toBe("validation.tooLong");
  });
});

describe("package statuses and times", () => {
  it("maps each documented status to the audit it tells of", () => {
    expect([1, 3, 4, 5, 6, 8, 2, undefined].map(auditStateOfPackage)).toEqual(["approved", "withdrawn", "auditing", "rejected", "approved", "approved", null, null]);
  });

  it("reads Baidu's times as Beijing time, and seconds or milliseconds", () => {
    expect(baiduTimeOf("2018/09/04 17:13:59")).toEqual(new Date("2018-09-04T09:13:59Z"));
    expect(baiduTimeOf("2019-01-14 12:45:10")).toEqual(new Date("2019-01-14T04:45:10Z"));
    expect(baiduTimeOf(1715943329)).toEqual(new Date(1715943329_000));
    expect(baiduTimeOf("1715943329000")).toEqual(new Date(1715943329_000));
    expect([baiduTimeOf(""), baiduTimeOf("soon"), baiduTimeOf(undefined), baiduTimeOf(0)]).toEqual([null, null, null, null]);
  });
});

describe("where Baidu calls may go", () => {
  it("allows Baidu's host, this console's emulator and the emulator beside the deployment's WeChat sandbox; nothing else", () => {
    expect(baiduApiBaseProblem("https://openapi.baidu.com")).toBeNull();
    expect(baiduApiBaseProblem(`${env.APP_URL}/sandbox/baidu`)).toBeNull();
    expect(baiduApiBaseProblem(env.WECHAT_API_BASE.replace(/\/sandbox\/wechat$/, "/sandbox/baidu"))).toBeNull();
    expect(baiduApiBaseProblem("http://openapi.baidu.com")).toBe("notAllowed");
    expect(baiduApiBaseProblem("https://evil.example/sandbox/baidu")).toBe("notAllowed");
    expect(baiduApiBaseProblem("https://user:pw@openapi.baidu.com")).toBe("format");
    expect(baiduApiBaseProblem(env.WECHAT_API_BASE)).toBe("notAllowed");
  });
});
