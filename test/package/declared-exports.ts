/**
 * Names a declaration entry (`.d.ts`) exports, read with the TypeScript type checker: which of
 * them are values and which have a type meaning (a class or enum is both).
 */
import * as ts from "typescript";

/** The export names of one declaration entry, sorted. */
export interface DeclaredExports {
  values: string[];
  types: string[];
}

/** Reads the exports of each of `entries` (absolute `.d.ts` paths) in one program. */
export function declaredExports(entries: readonly string[]): Map<string, DeclaredExports> {
  const program = ts.createProgram([...entries], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, DeclaredExports>();
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${entry} is not a module`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & ts.SymbolFlags.Value && !isTypeOnlyExport(symbol))
        values.push(symbol.name);
      if (target.flags & ts.SymbolFlags.Type) types.push(symbol.name);
    }
    result.set(entry, { values: values.sort(), types: types.sort() });
  }
  return result;
}

/** Whether the symbol comes from `export type { ... }` (its value side is not exported). */
function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => ts.isTypeOnlyImportOrExportDeclaration(d));
}
