import { describe, expect, it } from "vitest";
import { debugUrlsOutsideRule, isRulePrefix, linkMatchesRule, ruleHost } from "./qrcode-jump-match";

describe("the QR-jump matcher shared by the form, the console and the sandbox", () => {
  it.each([
    ["https://a.cn/x", "https://a.cn/x", true],
    ["https://a.cn/x", "https://a.cn/x?id=1", true],
    ["https://a.cn/x", "https://a.cn/xy", false],
    ["https://a.cn/x", "https://a.cn/x/1", false],
    ["https://a.cn/x/", "https://a.cn/x/1", true],
    ["https://a.cn/mp?id=123", "https://a.cn/mp?id=1234", true],
    ["https://a.cn/mp?id=123", "https://a.cn/mp?id=132", false],
    ["https://a.cn/x", "https://b.cn/x", false],
  ])("rule %s against %s matches: %s", (rule, link, expected) => {
    expect(linkMatchesRule(rule, link)).toBe(expected);
  });

  it("names the debug URLs the platform would refuse, by index", () => {
    expect(debugUrlsOutsideRule("https://a.cn/x", ["https://a.cn/x?a=1", "https://a.cn/xy", "https://a.cn/x", `https://a.cn/x?${"q".repeat(1100)}`])).toEqual([1, 3]);
  });

  it.each([
    ["https://a.cn/x", true],
    ["http://shop.a.cn/", true],
    ["ftp://a.cn/x", false],
    ["a.cn/x", false],
    ["https://10.0.0.1/x", false],
    ["https://localhost/x", false],
    ["https://u:p@a.cn/x", false],
    ["https://a.cn/x#top", false],
  ])("accepts %s as a rule prefix: %s", (prefix, expected) => {
    expect(isRulePrefix(prefix)).toBe(expected);
  });

  it("gives the host the verification file is served from, without port, in lower case", () => {
    expect(ruleHost("https://Shop.A.cn:8443/qr/")).toBe("shop.a.cn");
    expect(ruleHost("not a url")).toBeNull();
  });
});
