import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  BAIDU_ERROR_CATALOG,
  describeErrcode,
  ERROR_CATALOG,
  type ErrorClass,
  errorClassOf,
  isRetryableErrcode,
} from "./errors";

const REFERENCE_DIR = path.resolve(process.cwd(), "../shared/reference");
const reference = readFileSync(path.join(REFERENCE_DIR, "wechat-open-platform.md"), "utf8");
const seeds = readdirSync(path.join(REFERENCE_DIR, "seeds"))
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(path.join(REFERENCE_DIR, "seeds", f), "utf8"));

/** "## N. Title" sections of the reference, keyed by N. */
function sections(md: string): Map<number, string> {
  const out = new Map<number, string>();
  const parts = md.split(/^## (?=\d+\.)/m).slice(1);
  for (const part of parts) out.set(Number.parseInt(part, 10), part);
  return out;
}

function expandRange(from: string, to: string): number[] {
  const a = Number(from);
  const b = Number(to);
  if (Math.sign(a) !== Math.sign(b) || Math.abs(b - a) > 20) throw new Error(`suspicious range ${from}–${to}`);
  const step = a <= b ? 1 : -1;
  return Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => a + i * step);
}

// Error codes are 5–7 digit numbers (optionally negative) standing alone: not part of an id, hash, timestamp
// (10 digits), decimal or URL. A sentence-final period is fine ("…, 40006 size, 86020.").
const CODE = /(?<![\w.#])-?\d{5,7}(?!\w|\.\w)/g;
const RANGE = /(?<![\w.#])(-?\d{5,7})\s*[–…]\s*(-?\d{5,7})(?!\w|\.\w)/g;

/**
 * Every error code the reference names for WeChat (sections 1–7 and the gotchas in 10; 8 is Baidu with its
 * own errno space, 9 is Alipay with string codes). Inline code spans holding JSON examples are dropped first:
 * they carry sample values such as an auditid, not codes. -1 only counts in error lists and tables.
 */
function referenceWeChatCodes(md: string): Set<number> {
  const codes = new Set<number>();
  for (const [n, text] of sections(md)) {
    if (n === 8 || n === 9) continue;
    const prose = text.replace(/`[^`\n]*[{:][^`\n]*`/g, " ");
    for (const [, from, to] of prose.matchAll(RANGE)) expandRange(from!, to!).forEach((c) => codes.add(c));
    for (const [match] of prose.matchAll(CODE)) codes.add(Number(match));
    for (const line of prose.split("\n")) {
      if (/^\| -1 \|/.test(line) || (/rror/.test(line) && /(?<![\w.])-1(?=[,;)\s/])/.test(line))) codes.add(-1);
    }
  }
  codes.delete(0);
  return codes;
}

/** Codes in the seeds' error tables: "| 85013 | …" rows (new docs) and "85013  说明" rows / runs (old rst docs). */
function seedCodes(texts: string[]): Set<number> {
  const codes = new Set<number>();
  for (const text of texts) {
    for (const [, code] of text.matchAll(/^(-?\d{1,7}) \|/gm)) codes.add(Number(code));
    for (const [, code] of text.matchAll(/^(-?\d{1,7}) {2,}\S/gm)) codes.add(Number(code));
    for (const [run] of text.matchAll(/错误码说明：\s*返回码\s*说明[^]*?(?:\n\s*\n)/g)) {
      for (const [code] of run.matchAll(/(?<![\w.])(?:-1|\d{5,7})(?![\w.])/g)) codes.add(Number(code));
    }
    for (const [table] of text.matchAll(/^错误码\s+错误说明$[^]*?^=+ =+$/gm)) {
      for (const [, code] of table.matchAll(/^(\d{5,7})\s/gm)) codes.add(Number(code));
    }
  }
  codes.delete(0);
  return codes;
}

const referenceCodes = referenceWeChatCodes(reference);
const seedErrorCodes = seedCodes(seeds);

describe("the reference parser itself", () => {
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

  it("keeps Baidu errno values apart from WeChat errcodes", () => {
    expect(BAIDU_ERROR_CATALOG[40001]!.zh).toBe("参数错误");
    expect(BAIDU_ERROR_CATALOG[50032]!.class).toBe("permission");
    expect(describeErrcode(40001, "en", "baidu").class).toBe("input");
    expect(describeErrcode(40001, "en").class).toBe("token");
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
