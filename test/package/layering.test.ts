/**
 * The layering rules of docs/architecture.md, read from the sources: no import circle
 * anywhere in src/ (type-only imports included), types/ names only types/ and the public
 * error classes, plugins/ does not reach into context/, and the SDK never imports the
 * testing tools or the CLI.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

const SRC = path.resolve(__dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

/** Every relative import (or re-export) of `file`, resolved to a source file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+["'](\.[^"']+)["']/g)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const found = [`${base}.ts`, path.join(base, "index.ts")].find((f) => existsSync(f));
    if (found) targets.push(found);
  }
  return targets;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(SRC, f);

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(rel(w));
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return groups;
}

const importsFrom = (folder: string) =>
  files
    .filter((f) => rel(f).startsWith(`${folder}/`))
    .flatMap((f) => (graph.get(f) ?? []).map((t) => [rel(f), rel(t)] as const));

test("the source tree has enough files for the checks to mean something", () => {
  expect(files.length).toBeGreaterThan(200);
  expect(importsFrom("operations").length).toBeGreaterThan(100);
});

test("no import circle anywhere in src/", () => {
  expect(circles()).toEqual([]);
});

test("types/ imports only types/ and the public error classes its signatures name", () => {
  const outside = importsFrom("types").filter(([, to]) => !to.startsWith("types/"));
  expect(outside).toEqual([
    ["types/batch.ts", "errors/durable-operation-errors.ts"],
    ["types/operation-configs.ts", "errors/durable-operation-errors.ts"],
  ]);
});

test("plugins/ does not reach into context/; the SDK never imports testing/ or cli/", () => {
  expect(importsFrom("plugins").filter(([, to]) => to.startsWith("context/"))).toEqual([]);
  const sdkFolders = ["context", "operations", "checkpoint", "entry", "plugins", "types"];
  for (const folder of sdkFolders) {
    expect(
      importsFrom(folder).filter(([, to]) => to.startsWith("testing/") || to.startsWith("cli/")),
    ).toEqual([]);
  }
});
