import { describe, expect, it } from "vitest";
import { CATALOGS } from "./catalogs";
import { negotiateLocale } from "./locale";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function placeholders(text: string) {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}

const { en, "zh-CN": zh } = CATALOGS;

describe("message catalogs", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("every message is non-empty and uses the same placeholders in both languages", () => {
    const lookup = (obj: unknown, key: string) => key.split(".").reduce((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(en)) {
      const [e, z] = [lookup(en, key), lookup(zh, key)];
      expect(e.trim(), key).not.toBe("");
      expect(z.trim(), key).not.toBe("");
      expect(placeholders(z), key).toEqual(placeholders(e));
    }
  });
});

describe("locale negotiation", () => {
  it.each([
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr-FR,en;q=0.5,zh;q=0.4", "en"],
    ["en;q=0.2,zh;q=0.9", "zh-CN"],
    ["de-DE", "zh-CN"],
    [null, "zh-CN"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
