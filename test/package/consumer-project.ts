/**
 * A throwaway consumer project that sees this repository as the installed package
 * `@aws/durable-execution-sdk-js` (a symlink in its `node_modules`), type-checked with the
 * TypeScript compiler API. It reads the built declarations, so it needs `npm run build`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** The module resolution strategies a consumer may use, with the `module` each goes with. */
export const RESOLUTIONS = {
  node10: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
  node16: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
} as const;

/** Name of one entry of {@link RESOLUTIONS}. */
export type ResolutionName = keyof typeof RESOLUTIONS;

/** Throws a clear error when the declarations the consumer reads have not been built. */
export function assertTypesBuilt(): void {
  for (const file of ["dist-types/index.d.ts", "dist-types/testing/index.d.ts"]) {
    if (!existsSync(path.join(ROOT, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the package tests.`);
    }
  }
}

/** A consumer project on disk. */
export interface ConsumerProject {
  dir: string;
  /** Writes `files` (name → source) and type-checks them; returns the formatted diagnostics. */
  check(files: Record<string, string>, resolution: ResolutionName): string[];
  remove(): void;
}

/**
 * Creates a consumer project in a temporary directory: `@aws/durable-execution-sdk-js` links to
 * this repository, `@aws-sdk` and `@types` to the repository's installed ones.
 */
export function createConsumerProject(): ConsumerProject {
  const dir = mkdtempSync(path.join(tmpdir(), "durable-consumer-"));
  const modules = path.join(dir, "node_modules");
  mkdirSync(path.join(modules, "@aws"), { recursive: true });
  symlinkSync(ROOT, path.join(modules, "@aws", "durable-execution-sdk-js"), "dir");
  for (const scope of ["@aws-sdk", "@smithy", "@types"]) {
    symlinkSync(path.join(ROOT, "node_modules", scope), path.join(modules, scope), "dir");
  }
  return {
    dir,
    check(files, resolution) {
      const names = Object.entries(files).map(([name, source]) => {
        const file = path.join(dir, name);
        writeFileSync(file, source);
        return file;
      });
      return typeCheck(names, resolution);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Type-checks `files` as a strict project with the given resolution; formatted diagnostics. */
function typeCheck(files: string[], resolution: ResolutionName): string[] {
  const options: ts.CompilerOptions = {
    ...RESOLUTIONS[resolution],
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    strict: true,
    noEmit: true,
    types: ["node"],
    esModuleInterop: true,
  };
  const program = ts.createProgram(files, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}: ` : "";
    return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}
