import { describe, expect, it } from "vitest";
import {
  describeErrcode,
  ERROR_CATALOG,
  type ErrorClass,
  errorClassOf,
  isRetryableErrcode,
} from ".";
import extract from "./reference.json";

/**
 * The codes the WeChat documents name, extracted by scripts/extract-error-codes.ts (which holds the parser):
 * "reference" from the Open Platform reference's WeChat sections, "seeds" from the official pages' error tables.
 */
const referenceCodes = new Set(extract.reference.map((entry) => entry.code));
const seedErrorCodes = new Set(extract.seeds.map((entry) => entry.code));

describe("the extracted codes", () => {
  it("name where each code comes from", () => {
    for (const entry of [...extract.reference, ...extract.seeds]) {
      expect(entry.from.length, String(entry.code)).toBeGreaterThan(0);
      for (const source of entry.from) expect(extract.sources, `${entry.code} from ${source}`).toHaveProperty([source]);
    }
  });
});

describe("the reference parser (scripts/extract-error-codes.ts), through its extract", () => {
  it("finds codes from every part of the reference, including ranges and local WXBizMsgCrypt codes", () => {
    for (const code of [-1, 40001, 61023, 45009, 85009, 85085, 87011, 89403, 9402203, 886000, 506015, -60005, -40011, 76022, 86020]) {
      expect(referenceCodes, String(code)).toContain(code);
    }
    expect(referenceCodes.size).toBeGreaterThan(150);
  });

  it("skips numbers that are not error codes", () => {
    for (const notACode of [1234567, 2592000, 18000, 10000, 7200, 1715943329, 1590219412, 50032]) {
      expect(referenceCodes.has(notACode), String(notACode)).toBe(false);
    }
  });

  it("finds the seeds' error tables (commit, submit_audit, release, revert, QR-jump, gray release)", () => {
    for (const code of [-1, -60005, 80082, 9402203, 85310, 85086, 85019, 87012, 85076, 85082, 87013, 85015]) {
      expect(seedErrorCodes, String(code)).toContain(code);
    }
    for (const notACode of [1234567, 339721, 1452365, 55106, 58210, 20000]) {
      expect(seedErrorCodes.has(notACode), String(notACode)).toBe(false);
    }
  });
});

describe("ERROR_CATALOG coverage", () => {
  it.each([...referenceCodes].sort((a, b) => a - b))("has zh and en text for reference code %i", (code) => {
    const entry = ERROR_CATALOG[code];
    expect(entry, `missing ${code}`).toBeDefined();
    expect(entry!.zh.trim()).not.toBe("");
    expect(entry!.en.trim()).not.toBe("");
  });

  it.each([...seedErrorCodes].sort((a, b) => a - b))("has an entry for seed code %i", (code) => {
    expect(ERROR_CATALOG[code], `missing ${code}`).toBeDefined();
  });

  it("uses only known classes and gives every entry real text in both languages", () => {
    const classes: ErrorClass[] = ["retryable", "token", "quota", "state", "input", "permission", "unknown"];
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(classes, code).toContain(entry.class);
      expect(entry.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en.length, code).toBeGreaterThan(10);
      expect(Number.isInteger(Number(code)), code).toBe(true);
    }
  });

  it("follows the seeds' Chinese wording", () => {
    expect(ERROR_CATALOG[85009]!.zh).toBe("已经有正在审核的版本");
    expect(ERROR_CATALOG[85019]!.zh).toBe("没有审核版本");
    expect(ERROR_CATALOG[85020]!.zh).toBe("审核状态未满足发布");
    expect(ERROR_CATALOG[85070]!.zh).toBe("链接为黑名单");
    expect(ERROR_CATALOG[85076]!.zh).toBe("链接没有 ICP 备案");
    expect(ERROR_CATALOG[9402202]!.zh).toBe("请勿频繁提交，待上一次操作完成后再提交");
  });

  // Baidu's errno values (its 40001 is "invalid parameters"): lib/platforms/baidu/errors.test.ts.
  it("reads WeChat's 40001 as a token error", () => {
    expect(describeErrcode(40001, "en").class).toBe("token");
  });

  it("mentions no other platform's codes", async () => {
    const { readFile } = await import("node:fs/promises");
    for (const file of ["index.ts", "catalog.ts", "catalog-wxa.ts", "wechat-error.ts"]) {
      expect(await readFile(new URL(file, import.meta.url), "utf8"), file).not.toMatch(/baidu/i);
    }
  });
});

describe("error classes", () => {
  it("asks for re-authorization, not a token refresh, when the refresh token or the authorization is gone", () => {
    expect(errorClassOf(61023)).toBe("permission");
    expect(errorClassOf(61003)).toBe("permission");
    expect(errorClassOf(42007)).toBe("permission");
    expect(describeErrcode(61023, "en").message).toBe(
      "The refresh token is invalid: the merchant must authorize the mini-program again.",
    );
  });

  it("treats rejected access tokens as token errors", () => {
    for (const code of [40001, 40014, 42001]) expect(errorClassOf(code), String(code)).toBe("token");
  });

  it("classes used-up allowances as quota", () => {
    for (const code of [45009, 85085, 87013, 89405, 48006, 886000]) expect(errorClassOf(code), String(code)).toBe("quota");
  });

  it("classes transient failures as retryable and nothing else", () => {
    for (const code of [-1, 45011, 44990, 89401, 886001, 9402202, 61039]) {
      expect(isRetryableErrcode(code), String(code)).toBe(true);
    }
    for (const code of [45009, 85085, 40001, 61023, 85009, 0, 123456, Number.NaN]) {
      expect(isRetryableErrcode(code), String(code)).toBe(false);
    }
  });

  it("classes conflicts with the current release state as state", () => {
    for (const code of [85009, 85019, 85020, 85079, 85080, 85082, 87011, 87012, 85086, 86001]) {
      expect(errorClassOf(code), String(code)).toBe("state");
    }
  });

  it("classes missing grants and account restrictions as permission", () => {
    for (const code of [48001, 61007, 61004, 61028, 86000, 89231, 85075]) expect(errorClassOf(code), String(code)).toBe("permission");
  });

  it("classes malformed requests as input", () => {
    for (const code of [40097, 44002, 47001, 85013, 85048, 85081, 85022, 61014]) expect(errorClassOf(code), String(code)).toBe("input");
  });
});

describe("describeErrcode", () => {
  it("returns the localized meaning of a known code", () => {
    expect(describeErrcode(85009, "zh-CN")).toEqual({ message: "已经有正在审核的版本", class: "state", known: true });
    expect(describeErrcode(85009, "en")).toEqual({
      message: "A version is already under audit: wait for the result or withdraw it (undocodeaudit) first.",
      class: "state",
      known: true,
    });
    expect(describeErrcode(-1, "en").class).toBe("retryable");
  });

  it("describes an unknown code generically, naming the number in both locales", () => {
    for (const code of [123456, -99, 9999999]) {
      const zh = describeErrcode(code, "zh-CN");
      const en = describeErrcode(code, "en");
      expect(zh.message).toContain(String(code));
      expect(en.message).toContain(String(code));
      expect(zh).toMatchObject({ class: "unknown", known: false });
      expect(en).toMatchObject({ class: "unknown", known: false });
    }
  });

  it("does not resolve inherited object properties or non-integers as codes", () => {
    expect(describeErrcode(Number.NaN, "en").known).toBe(false);
    expect(describeErrcode(85009.5, "en").known).toBe(false);
    expect(describeErrcode("constructor" as unknown as number, "en").known).toBe(false);
  });
});
