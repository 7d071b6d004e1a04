import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, sqlClient } from "@/lib/db/client";
import { authorizerKey, componentKey } from "@/lib/platforms/wechat/grants";
import { KEYED_LOCK_PREFIXES, LOCK_IDS, keyedXactLock, sandboxLockKeys, xactLock } from "./locks";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe("advisory locks", () => {
  it("gives every fixed lock its own id", () => {
    const ids = Object.values(LOCK_IDS);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(Number.isSafeInteger(id)).toBe(true);
  });

  it("keeps the keyed lock families apart: no prefix starts another, and each builder uses its own", () => {
    const prefixes = Object.values(KEYED_LOCK_PREFIXES);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${b} starts with ${a}`).toBe(false);
    expect(componentKey("acc")).toBe(`${KEYED_LOCK_PREFIXES.componentToken}acc`);
    expect(authorizerKey("ten")).toBe(`${KEYED_LOCK_PREFIXES.authorizerToken}ten`);
    expect(sandboxLockKeys.templates("wxc")).toBe(`${KEYED_LOCK_PREFIXES.sandboxTemplates}wxc`);
    expect(sandboxLockKeys.draft("wxc", "wxs")).toBe(`${KEYED_LOCK_PREFIXES.sandboxDraft}wxc:wxs`);
    expect(sandboxLockKeys.qrjumpPrefixes()).toBe(KEYED_LOCK_PREFIXES.sandboxQrjumpPrefixes);
  });

  it("takes no advisory lock anywhere except through lib/db/locks.ts's ids and builders", () => {
    const self = path.join("lib", "db", "locks.test.ts");
    const offenders = ["lib", "scripts", "app"]
      .flatMap(sourceFiles)
      .filter((file) => file !== self && file !== path.join("lib", "db", "locks.ts"))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => /pg_(try_)?advisory_\w+\(/.test(line) && !/^\s*(\*|\/\/)/.test(line) && !line.includes("LOCK_IDS.")),
      );
    expect(offenders).toEqual([]);
  });

  it("holds a keyed lock until the transaction ends, and a fixed one likewise", async () => {
    const other = sqlClient();
    const tryKey = async (key: string) => (await other`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as ok`)[0]!.ok as boolean;
    const tryId = async (id: number) => (await other`select pg_try_advisory_xact_lock(${id}) as ok`)[0]!.ok as boolean;
    await db.transaction(async (tx) => {
      await tx.execute(keyedXactLock(sandboxLockKeys.templates("wxlocktest")));
      await tx.execute(xactLock("firstOperator"));
      expect(await tryKey(sandboxLockKeys.templates("wxlocktest"))).toBe(false);
      expect(await tryKey(sandboxLockKeys.templates("wxother"))).toBe(true);
      expect(await tryId(LOCK_IDS.firstOperator)).toBe(false);
    });
    expect(await tryKey(sandboxLockKeys.templates("wxlocktest"))).toBe(true);
    expect(await tryId(LOCK_IDS.firstOperator)).toBe(true);
  });
});
