import { describe, expect, it } from "vitest";
import {
  auditStatusAnswer,
  authorizerListInput,
  changeVisitStatusInput,
  ClientInputError,
  commitInput,
  grayReleaseInput,
  latestAuditStatusAnswer,
  parseAnswer,
  parseInput,
  qrcodeJumpAddInput,
  quotaAnswer,
  revertCodeReleaseInput,
  setAuthorizerOptionInput,
  submitAuditInput,
  WeChatAnswerError,
} from "./index";

/** The documented limits, checked without any network: the same schemas forms use. */

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const han = (n: number) => "版".repeat(n);
const commit = { template_id: 3, ext_json: '{"extAppid":"wx1","ext":{}}', user_version: "V1.0", user_desc: "" };
const item = { address: "pages/index/index", first_class: "工具", second_class: "效率", first_id: 287, second_id: 616 };

describe("commit", () => {
  it("accepts the documented body and a 64-character (not byte) version", () => {
    expect(ok(commitInput, commit)).toBe(true);
    expect(ok(commitInput, { ...commit, user_version: han(64) })).toBe(true);
  });

  it.each([
    ["ext_json as an object", { ext_json: { ext: {} } }],
    ["ext_json not JSON", { ext_json: "{ext:" }],
    ["ext_json a JSON array", { ext_json: "[]" }],
    ["ext_json a JSON string", { ext_json: '"x"' }],
    ["user_version of 65 characters", { user_version: han(65) }],
    ["an empty user_version", { user_version: "" }],
    ["template_id as a string", { template_id: "3" }],
    ["a fractional template_id", { template_id: 1.5 }],
    ["a missing user_desc", { user_desc: undefined }],
  ])("refuses %s", (_name, patch) => {
    expect(ok(commitInput, { ...commit, ...patch })).toBe(false);
  });
});

describe("submit_audit", () => {
  it("accepts no item list, 1 and 5 items, 10 tags of 20 characters and a 32-character title", () => {
    expect(ok(submitAuditInput, {})).toBe(true);
    expect(ok(submitAuditInput, { item_list: [item] })).toBe(true);
    const tags = Array.from({ length: 10 }, () => han(20)).join(" ");
    expect(ok(submitAuditInput, { item_list: Array(5).fill({ ...item, tag: tags, title: han(32) }) })).toBe(true);
  });

  it.each([
    ["an empty item list", { item_list: [] }],
    ["6 items", { item_list: Array(6).fill(item) }],
    ["the item list as a JSON string", { item_list: JSON.stringify([item]) }],
    ["11 tags", { item_list: [{ ...item, tag: Array(11).fill("a").join(" ") }] }],
    ["a 21-character tag", { item_list: [{ ...item, tag: `ok ${han(21)}` }] }],
    ["a 33-character title", { item_list: [{ ...item, title: han(33) }] }],
    ["an item without its category", { item_list: [{ address: "pages/index/index" }] }],
    ["feedback_info of 201 characters", { feedback_info: han(201) }],
    ["6 feedback media", { feedback_stuff: "a|b|c|d|e|f" }],
    ["a ugc scene out of range", { ugc_declare: { scene: [6] } }],
  ])("refuses %s", (_name, body) => {
    expect(ok(submitAuditInput, body)).toBe(false);
  });

  it("names the offending field by its path, with catalog keys", () => {
    const error = (() => {
      try {
        parseInput(submitAuditInput, { item_list: [item, { ...item, tag: `x ${han(21)}` }], feedback_info: han(201) }, "wxa.submit_audit");
      } catch (e) {
        return e as ClientInputError;
      }
    })();
    expect(error).toBeInstanceOf(ClientInputError);
    expect(error!.fieldErrors).toEqual({ "item_list.1.tag": ["validation.tooLong"], feedback_info: ["validation.tooLong"] });
    expect(error!.message).toContain("item_list.1.tag validation.tooLong (max 20)");
  });
});

describe("release, visit status, authorizer list", () => {
  it("takes gray percentages 1–100, and 0 only with a *_first flag", () => {
    expect(ok(grayReleaseInput, { gray_percentage: 1 })).toBe(true);
    expect(ok(grayReleaseInput, { gray_percentage: 100 })).toBe(true);
    expect(ok(grayReleaseInput, { gray_percentage: 0, support_debuger_first: true })).toBe(true);
    expect(ok(grayReleaseInput, { gray_percentage: 0, support_experiencer_first: true })).toBe(true);
    for (const bad of [{ gray_percentage: 0 }, { gray_percentage: 0, support_debuger_first: false }, { gray_percentage: 101 }, { gray_percentage: -1 }, { gray_percentage: 2.5 }, {}]) {
      expect(ok(grayReleaseInput, bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("takes open and close only", () => {
    expect(ok(changeVisitStatusInput, { action: "close" })).toBe(true);
    expect(ok(changeVisitStatusInput, { action: "pause" })).toBe(false);
  });

  it("pages authorizers 1–500 at a time, and rolls back to an integer app_version", () => {
    expect(ok(authorizerListInput, { offset: 0, count: 500 })).toBe(true);
    expect(ok(authorizerListInput, { offset: 0, count: 501 })).toBe(false);
    expect(ok(authorizerListInput, { offset: -1, count: 1 })).toBe(false);
    expect(ok(authorizerListInput, { offset: 0, count: 0 })).toBe(false);
    expect(ok(revertCodeReleaseInput, {})).toBe(true);
    expect(ok(revertCodeReleaseInput, { app_version: 3 })).toBe(true);
    expect(ok(revertCodeReleaseInput, { app_version: "3" })).toBe(false);
  });

  it("takes the documented option values only", () => {
    const target = { authorizer_appid: "wx0123456789abcdef" };
    expect(ok(setAuthorizerOptionInput, { ...target, option_name: "location_report", option_value: "2" })).toBe(true);
    expect(ok(setAuthorizerOptionInput, { ...target, option_name: "voice_recognize", option_value: "2" })).toBe(false);
    expect(ok(setAuthorizerOptionInput, { ...target, option_name: "dark_mode", option_value: "1" })).toBe(false);
  });
});

describe("qrcodejumpadd", () => {
  const rule = { prefix: "https://shop.example.com/qr/", permit_sub_rule: 1, path: "pages/index/index", open_version: 3 };

  it("fills the defaults (no debug links, add rather than edit)", () => {
    expect(qrcodeJumpAddInput.parse(rule)).toEqual({ ...rule, debug_url: [], is_edit: 0 });
  });

  it.each([
    ["an ftp prefix", { prefix: "ftp://shop.example.com/" }],
    ["permit_sub_rule 3", { permit_sub_rule: 3 }],
    ["open_version 0", { open_version: 0 }],
    ["is_edit 2", { is_edit: 2 }],
    ["6 debug links", { debug_url: Array.from({ length: 6 }, (_, i) => `https://shop.example.com/qr/${i}`) }],
    ["a debug link outside the prefix", { debug_url: ["https://other.example.com/qr/1"] }],
    // startsWith accepts these; the platform does not (85068): the rule has no trailing "/" nor query.
    ["a debug link continuing the rule's last segment", { prefix: "https://shop.example.com/qr", debug_url: ["https://shop.example.com/qrx"] }],
    ["a debug link under a rule without a trailing slash", { prefix: "https://shop.example.com/qr", debug_url: ["https://shop.example.com/qr/1"] }],
    ["an IP-literal prefix", { prefix: "https://10.0.0.1/qr/" }],
    ["an empty path", { path: "" }],
  ])("refuses %s", (_name, patch) => {
    expect(ok(qrcodeJumpAddInput, { ...rule, ...patch })).toBe(false);
  });
});

describe("audit status answers", () => {
  it("normalises ScreenShot / screenshot to `screenshot`", () => {
    const base = { errcode: 0, errmsg: "ok", auditid: 7, status: 1, reason: "r", user_version: "V1", user_desc: "d", submit_audit_time: 1 };
    expect(latestAuditStatusAnswer.parse({ ...base, ScreenShot: "a|b" })).toEqual({ ...base, screenshot: "a|b" });
    expect(latestAuditStatusAnswer.parse({ ...base, screenshot: "c" })).toEqual({ ...base, screenshot: "c" });
    expect(latestAuditStatusAnswer.parse({ ...base, screenshot: "", ScreenShot: "d" }).screenshot).toBe("d");
    expect(latestAuditStatusAnswer.parse(base).screenshot).toBe("");
    expect(auditStatusAnswer.parse({ status: 0, ScreenShot: "e" })).toEqual({ status: 0, reason: "", screenshot: "e" });
  });

  it("reads the auditid the old example sent as a string, and keeps unknown fields", () => {
    const parsed = latestAuditStatusAnswer.parse({ auditid: "1234567", status: 2, new_field: true });
    expect(parsed.auditid).toBe(1234567);
    expect(parsed).toMatchObject({ new_field: true });
    expect(latestAuditStatusAnswer.safeParse({ auditid: 1, status: 9 }).success).toBe(false);
  });
});

describe("answers of the wrong shape", () => {
  it("are a WeChatAnswerError naming the endpoint and the missing field", () => {
    expect(() => parseAnswer(quotaAnswer, { errcode: 0, errmsg: "ok", rest: 1, limit: 20 }, "wxa.queryquota")).toThrow(WeChatAnswerError);
    expect(() => parseAnswer(quotaAnswer, { rest: 1, limit: 20, speedup_limit: 10 }, "wxa.queryquota")).toThrow(/wxa\.queryquota: unexpected answer: speedup_rest/);
  });
});
