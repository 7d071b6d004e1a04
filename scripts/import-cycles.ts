/**
 * Import circles among the app's modules, found with TypeScript's own resolver (the `@/` alias included).
 * `npx tsx scripts/import-cycles.ts` prints them; scripts/import-cycles.test.ts keeps the app free of them.
 *
 * Static imports and re-exports count, type-only ones too: a type-only circle costs nothing at run time, but it
 * still says two modules are one concept cut in two (move the shared type to a module both import). `import()`
 * expressions do not count: a lazy import is how a module deliberately reaches above itself at call time.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export type ImportEdge = { from: string; to: string; typeOnly: boolean };

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // `import "x"` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every import between the project's files under `dirs` (paths relative to `root`, which holds tsconfig.json). */
export function importEdges(root: string, dirs: string[]): ImportEdge[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`no tsconfig.json in ${root}`);
  const inScope = (file: string) => dirs.some((d) => path.relative(path.join(root, d), file).split(path.sep)[0] !== "..") && !file.includes(`${path.sep}node_modules${path.sep}`);
  const files = new Set(config.fileNames.map((f) => path.resolve(f)).filter(inScope));
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier.text, file, config.options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (files.has(target)) edges.push({ from: path.relative(root, file), to: path.relative(root, target), typeOnly: isTypeOnly(statement) });
    }
  }
  return edges;
}

/** The circles: each strongly connected group of files (Tarjan), sorted, with the edges inside it. */
export function importCycles(root: string, dirs: string[]): { files: string[]; edges: ImportEdge[] }[] {
  const edges = importEdges(root, dirs);
  const out = new Map<string, ImportEdge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const { to } of out.get(v) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (out.get(v) ?? []).some((e) => e.to === v)) groups.push(group.sort());
  };
  for (const v of out.keys()) if (!index.has(v)) visit(v);
  return groups
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .map((files) => ({ files, edges: edges.filter((e) => files.includes(e.from) && files.includes(e.to)) }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const cycles = importCycles(process.cwd(), ["lib", "app", "components"]);
  for (const cycle of cycles) {
    console.log(cycle.files.join(" ↔ "));
    for (const e of cycle.edges) console.log(`  ${e.from} → ${e.to}${e.typeOnly ? " (type-only)" : ""}`);
  }
  console.log(`${cycles.length} import circle(s)`);
  process.exitCode = cycles.length ? 1 : 0;
}
