/**
 * Extracts the WeChat error codes the catalog (lib/platforms/wechat/errors/index.ts) must cover from the platform's documents,
 * into lib/platforms/wechat/errors/reference.json, which lib/platforms/wechat/errors/errors.test.ts checks the catalog against.
 *
 *   npx tsx scripts/extract-error-codes.ts <reference-folder> [--check]
 *
 * The folder holds `wechat-open-platform.md` (a digest of the Open Platform reference, in numbered sections) and
 * `seeds/*.txt` (pages of the official docs and SDK docs). The maintainers keep it outside the repository and name
 * it on the command line; the repository holds only the extract, which is all the test reads.
 * --check: exit 1 when the committed extract differs from what the documents give, without writing.
 *
 * Run by hand only: neither the app nor the tests import this file.
 */
import fs from "node:fs";
import path from "node:path";

const OUTPUT = path.resolve(import.meta.dirname, "../lib/platforms/wechat/errors/reference.json");

/** What the seed pages are, for the extract's readers; a page not listed here is named by its first line. */
const SEED_TITLES: Record<string, string> = {
  "000_818da07f41843120.txt": "Go SDK documentation, package code_management (代码管理)",
  "001_5f98441b29e258e3.txt": "Open Platform documentation (older edition): 代码管理, the code-management APIs",
  "002_81d65b933c1867fa.txt": "Open Platform documentation: 上传代码并生成体验版 (commit)",
  "003_72349d231f076b15.txt": "Open Platform documentation: 小程序包管理, from upload to release",
  "004_fa439716153b54dd.txt": "Go SDK documentation, 微信第三方平台 SDK (component package)",
};

type Sources = Map<number, Set<string>>;

function add(into: Sources, code: number, source: string) {
  if (!into.has(code)) into.set(code, new Set());
  into.get(code)!.add(source);
}

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
 * own errno space, 9 is Alipay with string codes), with the sections naming it. Inline code spans holding JSON
 * examples are dropped first: they carry sample values such as an auditid, not codes. -1 only counts in error
 * lists and tables.
 */
function referenceWeChatCodes(md: string): { codes: Sources; titles: Map<string, string> } {
  const codes: Sources = new Map();
  const titles = new Map<string, string>();
  for (const [n, text] of sections(md)) {
    if (n === 8 || n === 9) continue;
    const source = `§${n}`;
    titles.set(source, `wechat-open-platform.md, section ${text.split("\n")[0]!.trim()}`);
    const prose = text.replace(/`[^`\n]*[{:][^`\n]*`/g, " ");
    for (const [, from, to] of prose.matchAll(RANGE)) expandRange(from!, to!).forEach((c) => add(codes, c, source));
    for (const [match] of prose.matchAll(CODE)) add(codes, Number(match), source);
    for (const line of prose.split("\n")) {
      if (/^\| -1 \|/.test(line) || (/rror/.test(line) && /(?<![\w.])-1(?=[,;)\s/])/.test(line))) add(codes, -1, source);
    }
  }
  codes.delete(0);
  return { codes, titles };
}

/** Codes in a seed's error tables: "| 85013 | …" rows (new docs) and "85013  说明" rows / runs (old rst docs). */
function seedCodes(text: string, source: string, into: Sources) {
  const codes: number[] = [];
  for (const [, code] of text.matchAll(/^(-?\d{1,7}) \|/gm)) codes.push(Number(code));
  for (const [, code] of text.matchAll(/^(-?\d{1,7}) {2,}\S/gm)) codes.push(Number(code));
  for (const [run] of text.matchAll(/错误码说明：\s*返回码\s*说明[^]*?(?:\n\s*\n)/g)) {
    for (const [code] of run.matchAll(/(?<![\w.])(?:-1|\d{5,7})(?![\w.])/g)) codes.push(Number(code));
  }
  for (const [table] of text.matchAll(/^错误码\s+错误说明$[^]*?^=+ =+$/gm)) {
    for (const [, code] of table.matchAll(/^(\d{5,7})\s/gm)) codes.push(Number(code));
  }
  for (const code of codes) if (code !== 0) add(into, code, source);
}

/** One code per line, so that a change of the documents reads as a short diff. */
function render(about: string, sources: Map<string, string>, reference: Sources, seeds: Sources): string {
  const list = (codes: Sources) =>
    [...codes]
      .sort(([a], [b]) => a - b)
      .map(([code, from]) => `    ${JSON.stringify({ code, from: [...from].sort((a, b) => a.localeCompare(b, "en", { numeric: true })) })}`)
      .join(",\n");
  const named = [...sources].map(([key, title]) => `    ${JSON.stringify(key)}: ${JSON.stringify(title)}`).join(",\n");
  return `{\n  "about": ${JSON.stringify(about)},\n  "sources": {\n${named}\n  },\n  "reference": [\n${list(reference)}\n  ],\n  "seeds": [\n${list(seeds)}\n  ]\n}\n`;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const given = args.find((a) => !a.startsWith("--"));
  if (!given) {
    console.error("usage: extract-error-codes.ts <folder holding wechat-open-platform.md and seeds/> [--check]");
    process.exit(2);
  }
  const folder = path.resolve(given);
  const digest = path.join(folder, "wechat-open-platform.md");
  if (!fs.existsSync(digest)) {
    console.error(`No ${digest}: pass the folder holding wechat-open-platform.md and seeds/ as the first argument.`);
    process.exit(2);
  }

  const { codes: reference, titles } = referenceWeChatCodes(fs.readFileSync(digest, "utf8"));
  const seeds: Sources = new Map();
  const seedDir = path.join(folder, "seeds");
  for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith(".txt")).sort()) {
    const text = fs.readFileSync(path.join(seedDir, file), "utf8");
    seedCodes(text, file, seeds);
    titles.set(file, SEED_TITLES[file] ?? text.split("\n").find((line) => line.trim())!.trim());
  }
  const used = new Set([...reference.values(), ...seeds.values()].flatMap((from) => [...from]));
  const sources = new Map([...titles].filter(([key]) => used.has(key)));

  const about =
    "Error codes the catalog (lib/platforms/wechat/errors/index.ts) must cover: 'reference' from the WeChat Open Platform reference " +
    "(sections 1-7 and 10; 8 is Baidu, 9 Alipay), 'seeds' from the error tables of the official documentation pages. " +
    "'from' names the section or page (see 'sources'). Made by scripts/extract-error-codes.ts; do not edit by hand.";
  const text = render(about, sources, reference, seeds);
  const before = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
  if (check) {
    console.log(before === text ? `${path.relative(process.cwd(), OUTPUT)} is up to date` : `${path.relative(process.cwd(), OUTPUT)} differs from the documents`);
    process.exit(before === text ? 0 : 1);
  }
  fs.writeFileSync(OUTPUT, text);
  console.log(`${path.relative(process.cwd(), OUTPUT)}: ${reference.size} reference codes, ${seeds.size} seed codes`);
}

main();
