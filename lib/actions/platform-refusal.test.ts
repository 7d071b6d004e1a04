import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { ActionError } from "@/lib/actions/errors";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { PlatformError } from "@/lib/platforms/port";
import { ApiBaseRefusedError, WeChatError, WeChatTransportError } from "@/lib/platforms/wechat/errors/wechat-error";
import { ClientInputError } from "@/lib/platforms/wechat/schemas/common";
import { NoVerifyTicketError } from "@/lib/platforms/wechat/tokens";
import { platformRefusal } from "./platform-refusal";

/** Every platform refusal reaches the operator as "code — meaning" (or the meaning alone without a code), in their language. */

async function refusalOf(error: unknown, locale: "en" | "zh-CN" = "en") {
  try {
    await platformRefusal(error, locale);
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected a throw");
}

/** The text the action wrapper shows: the ActionError translated with the real catalogs. */
async function shown(error: unknown, locale: "en" | "zh-CN") {
  const refused = (await refusalOf(error, locale)) as ActionError;
  const t = createTranslator({ locale, messages: CATALOGS[locale] });
  return t(refused.messageKey as never, refused.values as never);
}

describe("platform refusals as action errors", () => {
  it("carries the errcode and its meaning, the transport reason, or the missing ticket; anything else is rethrown", async () => {
    const refused = (await refusalOf(new WeChatError(61004, "access clientip is not registered rid: x", "/p"))) as ActionError;
    expect(refused.messageKey).toBe("accounts.errors.refused");
    expect(refused.values).toEqual({ errcode: 61004, meaning: new WeChatError(61004, "", "/p").meaning.en });
    expect(((await refusalOf(new WeChatTransportError("/p", "timed out"))) as ActionError).values).toEqual({ meaning: "The WeChat platform could not be reached: timed out" });
    expect(((await refusalOf(new NoVerifyTicketError("a"))) as ActionError).values!.meaning).toMatch(/^No verify ticket has arrived/);
    const bug = new TypeError("bug");
    expect(await refusalOf(bug)).toBe(bug);
  });

  it("shows code — meaning in both languages, never a bare 'refused'", async () => {
    const error = new WeChatError(85019, "no version is under auditing rid: 1", "/wxa/release");
    expect(await shown(error, "en")).toBe(
      "Refused by the platform: 85019 — There is no approved version to release: submit a version and wait for the audit to pass.",
    );
    expect(await shown(error, "zh-CN")).toBe("平台拒绝了请求：85019 — 没有审核版本");
  });

  it("handles any platform's PlatformError the same way", async () => {
    const baidu = new PlatformError("baidu", 50032, "no auth", { "zh-CN": "没有授权关系", en: "Not authorized." }, "permission");
    expect(await shown(baidu, "zh-CN")).toBe("平台拒绝了请求：50032 — 没有授权关系");
    expect(await shown(baidu, "en")).toBe("Refused by the platform: 50032 — Not authorized.");
  });

  it("shows the meaning alone, in both languages, when nothing answered with a code", async () => {
    expect(await shown(new WeChatTransportError("/p", "HTTP 502", 502), "zh-CN")).toBe("无法连接微信平台：HTTP 502");
    expect(await shown(new ApiBaseRefusedError("/p", "https://evil.example.com"), "en")).toMatch(/^Not sent: this platform account's API base is not an allowed host/);
    expect(await shown(new NoVerifyTicketError("a"), "zh-CN")).toMatch(/^该平台账号还没有收到验证票据/);
    const input = new ClientInputError("wxa.commit", [{ code: "custom", message: "validation.tooLong", path: ["user_version"], input: "x" }]);
    expect(await shown(input, "en")).toBe("Not sent: these fields break the platform's documented limits: user_version");
    expect(await shown(input, "zh-CN")).toBe("请求未发送：以下字段不符合平台文档规定的限制：user_version");
  });
});
