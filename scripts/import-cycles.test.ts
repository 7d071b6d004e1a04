import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCycles } from "./import-cycles";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Circles another change of the same issue removes (the WeChat error catalogs, lib/platforms/wechat/errors). When it
 * is gone this test says so: take it out of the list, which should stay empty.
 */
const PENDING: string[][] = [];

describe("import circles", () => {
  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), "mpc-cycles-"));
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

  it("finds a type-only circle through the @/ alias and ignores lazy import()", () => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      fs.writeFileSync(path.join(fixture, file), text);
    };
    write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", paths: { "@/*": ["./*"] } }, include: ["**/*.ts"] }));
    write("lib/form.ts", 'import { picker } from "@/lib/picker";\nexport type Request = { id: string };\nexport const form = picker;\n');
    write("lib/picker.ts", 'import type { Request } from "./form";\nexport const picker = (r: Request) => r.id;\n');
    write("lib/lazy.ts", 'export const later = () => import("./eager");\n');
    write("lib/eager.ts", 'import { later } from "./lazy";\nexport const now = later;\n');

    expect(importCycles(fixture, ["lib"])).toEqual([
      {
        files: ["lib/form.ts", "lib/picker.ts"],
        edges: expect.arrayContaining([
          { from: "lib/form.ts", to: "lib/picker.ts", typeOnly: false },
          { from: "lib/picker.ts", to: "lib/form.ts", typeOnly: true },
        ]),
      },
    ]);
  });

  it("lib/, app/ and components/ import no module that imports them back", () => {
    const cycles = importCycles(root, ["lib", "app", "components"]).map((c) => c.files);
    const pendingGone = PENDING.filter((p) => !cycles.some((c) => c.join() === p.join()));
    expect(pendingGone, "this circle is gone: remove it from PENDING").toEqual([]);
    expect(cycles.filter((c) => !PENDING.some((p) => p.join() === c.join()))).toEqual([]);
  });
});
