/** `--function NAME=FILE[:EXPORT]`: an invoke target (or an extra served function). */
import { usageError } from "./cli-error";

/** One `--function` value, split. */
export interface FunctionSpec {
  /** Function name that `context.invoke` (or an HTTP Invoke) uses. */
  name: string;
  /** Handler file as typed. */
  file: string;
  /** Export to use; undefined means "handler, else lambdaHandler". */
  exportName?: string;
}

/**
 * Splits `NAME=FILE[:EXPORT]`. The export is the part after the last `:` when it is an
 * identifier (so `C:\dir\file.mjs` keeps its drive letter).
 */
export function parseFunctionSpec(value: string): FunctionSpec {
  const eq = value.indexOf("=");
  const name = eq > 0 ? value.slice(0, eq) : "";
  const target = eq > 0 ? value.slice(eq + 1) : "";
  if (name === "" || target === "") {
    throw usageError(
      `option '--function <name=file[:export]>' expects NAME=FILE[:EXPORT], got '${value}'`,
    );
  }
  const match = /^(.+?):([A-Za-z_$][\w$]*)$/.exec(target);
  if (match && !/^[A-Za-z]$/.test(match[1])) {
    return { name, file: match[1], exportName: match[2] };
  }
  return { name, file: target };
}
