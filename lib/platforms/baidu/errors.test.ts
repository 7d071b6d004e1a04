import { describe, expect, it } from "vitest";
import { describeErrcode } from "@/lib/platforms/wechat/errors";
import { BAIDU_ERROR_CATALOG, baiduErrorClassOf, describeBaiduErrno } from "./errors";

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
});
