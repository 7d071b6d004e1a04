import { describe, expect, it } from "vitest";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { BaiduError, BaiduOAuthError } from "./baidu-error";
import { BAIDU_EMULATOR_ERRNOS, BAIDU_ERROR_CATALOG, baiduErrorClassOf, describeBaiduErrno, describeBaiduOAuthError } from "./errors";

describe("the Baidu error catalog", () => {
  it("keeps Baidu errno values apart from WeChat errcodes", () => {
    expect(BAIDU_ERROR_CATALOG[40001]!.zh).toBe("参数错误");
    expect(BAIDU_ERROR_CATALOG[50032]!.class).toBe("permission");
    expect(describeBaiduErrno(40001, "en").class).toBe("input");
    expect(baiduErrorClassOf(50032)).toBe("permission");
    expect(describeErrcode(40001, "en").class).toBe("token");
  });

  it("describes an unknown errno generically, naming the number", () => {
    expect(describeBaiduErrno(123, "zh-CN")).toMatchObject({ class: "unknown", known: false });
    expect(describeBaiduErrno(123, "en").message).toContain("123");
  });

  it("lists every emulator choice in the catalog, with text in both languages, apart from the documented codes", () => {
    for (const errno of BAIDU_EMULATOR_ERRNOS) {
      expect(BAIDU_ERROR_CATALOG[errno], String(errno)).toBeDefined();
      expect(BAIDU_ERROR_CATALOG[errno]!.zh.length).toBeGreaterThan(0);
      expect(BAIDU_ERROR_CATALOG[errno]!.en.length).toBeGreaterThan(0);
    }
    expect(BAIDU_EMULATOR_ERRNOS.has(40001)).toBe(false);
    expect(BAIDU_EMULATOR_ERRNOS.has(50032)).toBe(false);
  });

  it("makes refusals PlatformErrors: 50032 needs re-authorization, token errnos are of class token", () => {
    const lost = new BaiduError(50032, "no auth", "/rest/2.0/smartapp/auth/retrieve/authorizationcode");
    expect(lost).toMatchObject({ platform: "baidu", code: 50032, errorClass: "permission" });
    expect(lost.options.needsReauth).toBe(true);
    expect(lost.withEvidence("refresh_token:x").options).toMatchObject({ needsReauth: true, evidence: "refresh_token:x" });
    expect(new BaiduError(110, "bad token", "/p").errorClass).toBe("token");
    expect(new BaiduError(40001, "参数错误", "/p").describe("zh-CN")).toBe("40001 — 参数错误");
  });

  it("describes the OAuth endpoint's named errors; a bare invalid_grant is not yet a lost grant", () => {
    expect(describeBaiduOAuthError("invalid_grant").class).toBe("permission");
    expect(describeBaiduOAuthError("made_up").class).toBe("unknown");
    const refused = new BaiduOAuthError("invalid_grant", "refresh token used", "/rest/2.0/oauth/token");
    expect(refused).toMatchObject({ code: null, rawMessage: "invalid_grant: refresh token used" });
    expect(refused.options.needsReauth).toBeUndefined();
    expect(refused.asLostGrant("refresh_token:y").options).toMatchObject({ needsReauth: true, evidence: "refresh_token:y" });
  });
});
