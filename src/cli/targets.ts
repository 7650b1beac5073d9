/**
 * Functions the CLI registers with the embedded service: `--function NAME=FILE[:EXPORT]`
 * invoke targets, and the handler files `serve` exposes. Each is durable or plain.
 */
import * as path from "node:path";
import type { RegisteredFunction } from "../testing/service/api/service-types";
import type { FunctionSpec } from "./function-spec";
import { loadHandler } from "./load-handler";

/** A function ready to register under `name`. */
export interface Target {
  name: string;
  file: string;
  exportName: string;
  fn: RegisteredFunction;
}

/**
 * True for a durable handler: what `withDurableExecution` returns. Such a handler checks
 * that its event is a durable invocation envelope, so its source names the envelope's
 * `DurableExecutionArn` and `CheckpointToken` members; a plain Lambda handler does not.
 */
export function isDurableHandler(fn: (...args: any[]) => unknown): boolean {
  const source = Function.prototype.toString.call(fn);
  return source.includes("DurableExecutionArn") && source.includes("CheckpointToken");
}

/** Wraps a loaded handler as a durable or plain registered function. */
export function registeredFunction(handler: (...args: any[]) => unknown): RegisteredFunction {
  return isDurableHandler(handler)
    ? { kind: "durable", handler: handler as never }
    : { kind: "plain", handler: handler as never };
}

/** Loads every `--function` target (exit code 2 when one cannot be loaded). */
export async function loadTargets(specs: readonly FunctionSpec[], cwd: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const spec of specs) {
    const loaded = await loadHandler(spec.file, spec.exportName, cwd);
    targets.push({
      name: spec.name,
      file: spec.file,
      exportName: loaded.exportName,
      fn: registeredFunction(loaded.handler),
    });
  }
  return targets;
}

/** The function name a served handler file gets: its file name without extension. */
export function functionNameOf(file: string): string {
  return path.parse(file).name;
}

/** One line per target: `NAME  durable|plain  FILE#EXPORT`. */
export function describeTargets(targets: readonly Target[]): string[] {
  return targets.map((t) => `  ${t.name} (${t.fn.kind}) ${t.file}#${t.exportName}`);
}
