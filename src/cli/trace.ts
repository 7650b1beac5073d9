/**
 * `run-durable -v` (or `DURABLE_VERBOSE_MODE=true`): a readable trace on standard error of
 * what the SDK decides — each invocation and what it was given, replay or execution of each
 * operation, checkpoints sent (operation, action, size), suspension and what it waits for.
 * SDK-side facts come from an instrumentation plugin (trace-plugin.ts) the CLI installs
 * through `DURABLE_EXECUTION_PLUGINS`, service-side facts from an execution observer; when
 * the trace is off neither is installed and the SDK does no extra work.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type {
  AttemptEndInfo,
  InvocationEndInfo,
  InvocationInfo,
  OperationInfo,
} from "../plugins/plugin-types";
import { isFinishedStatus } from "../context/finished-status";
import { refreshLogConfig } from "../logging/verbose";
import type { ExecutionObserver } from "../testing/service/api/service-types";
import type { OperationUpdate } from "../types/wire";
import { truncate } from "./text-table";
import { TRACE_SINK, type TraceKind } from "./trace-plugin";

const PLUGINS_ENV_VAR = "DURABLE_EXECUTION_PLUGINS";

/** True when the trace is asked for: `-v`, or `DURABLE_VERBOSE_MODE` set to `true`. */
export function traceWanted(verboseFlag: boolean): boolean {
  return verboseFlag || process.env.DURABLE_VERBOSE_MODE === "true";
}

/**
 * Installs the trace: the plugin (for handlers wrapped from now on) and the global sink.
 * Returns the observer to attach to executions for checkpoints and invocation ends.
 */
export function installTrace(write: (line: string) => void): ExecutionObserver {
  // Also the SDK's own switch, for any copy of the SDK that reads it when it loads.
  process.env.DURABLE_VERBOSE_MODE = "true";
  refreshLogConfig();
  // The CLI runs as dist-cjs/cli.js; the plugin is built beside it.
  const pluginFile = path.join(__dirname, "trace-plugin.js");
  const specifier = pathToFileURL(pluginFile).href;
  const current = process.env[PLUGINS_ENV_VAR];
  if (!current?.split(",").includes(specifier)) {
    process.env[PLUGINS_ENV_VAR] = current ? `${current},${specifier}` : specifier;
  }
  const tracer = new Tracer(write);
  (globalThis as Record<symbol, unknown>)[TRACE_SINK] = (kind: TraceKind, info: unknown) =>
    tracer.sdk(kind, info);
  return { onCheckpoint: (updates) => tracer.checkpoint(updates) };
}

/** Turns SDK and service reports into lines. */
export class Tracer {
  private invocation = 0;
  private readonly names = new Map<string, string>();

  constructor(private readonly write: (line: string) => void) {}

  /** A report of the SDK's plugin hooks. */
  sdk(kind: TraceKind, info: unknown): void {
    switch (kind) {
      case "invocation-start":
        return this.invocationStart(info as InvocationInfo);
      case "invocation-end":
        return this.invocationEnd(info as InvocationEndInfo);
      case "operation-start": {
        const op = info as OperationInfo;
        this.remember(op);
        const verb = op.isReplay ? (isFinishedStatus(op.status) ? "replay" : "resume") : "execute";
        const state = op.isReplay && op.status ? ` (recorded ${op.status})` : "";
        return this.line(`  ${verb} ${this.label(op)}${state}`);
      }
      case "operation-end": {
        const op = info as OperationInfo;
        if (op.isReplay) return;
        return this.line(`  end ${this.label(op)}: ${op.status ?? "?"}`);
      }
      case "attempt-start":
        return this.line(
          `  run ${this.label(info as OperationInfo)} attempt ${(info as AttemptEndInfo).attempt}`,
        );
      case "attempt-end": {
        const a = info as AttemptEndInfo;
        const error = a.error ? `: ${truncate(a.error.message, 80)}` : "";
        return this.line(`  attempt ${a.attempt} of ${this.label(a)} ${a.outcome}${error}`);
      }
    }
  }

  /** A checkpoint call the service accepted. */
  checkpoint(updates: readonly OperationUpdate[]): void {
    const bytes = Buffer.byteLength(JSON.stringify(updates));
    if (updates.length === 0) {
      this.line(`  checkpoint (empty: polling for changes)`);
      return;
    }
    const parts = updates.map((u) => `${u.Type} ${this.nameOf(u.Id, u.Name)} ${u.Action}`);
    this.line(`  checkpoint ${updates.length} update(s), ${bytes} bytes: ${parts.join(", ")}`);
  }

  private invocationStart(info: InvocationInfo): void {
    this.invocation++;
    const ops = Object.values(info.operations).filter((op) => op.type !== "EXECUTION");
    for (const op of ops) this.remember(op);
    const updated = Object.values(info.updatedOperations).filter((op) => op.type !== "EXECUTION");
    const what = info.isFirstInvocation
      ? "first invocation"
      : `re-invocation: ${ops.length} recorded operation(s)` +
        (updated.length > 0
          ? `, changed by the service: ${updated.map((op) => `${this.label(op)} ${op.status ?? ""}`.trim()).join(", ")}`
          : "");
    this.line(`invocation #${this.invocation} (request ${info.requestId}): ${what}`);
    const replays = ops.filter(
      (op) => isFinishedStatus(op.status) && !updated.some((u) => u.id === op.id),
    );
    if (replays.length > 0) {
      const shown = replays.slice(0, MAX_LISTED).map((op) => this.label(op));
      const more = replays.length > MAX_LISTED ? ` and ${replays.length - MAX_LISTED} more` : "";
      this.line(
        `  replay when reached (finished: result taken from the record, code not run): ${shown.join(", ")}${more}`,
      );
    }
  }

  private invocationEnd(info: InvocationEndInfo): void {
    if (info.status === "PENDING") {
      const waiting = Object.values(info.operations).filter(isWaiting);
      const why =
        waiting.length > 0
          ? waiting.map((op) => `${waitKind(op)} ${this.label(op)}`).join(", ")
          : "work the service will complete";
      this.line(`  suspend: nothing can run in this invocation; waiting for ${why}`);
    }
    const error = info.executionError ? ` (${truncate(info.executionError.message, 80)})` : "";
    this.line(`invocation #${this.invocation} ended: ${info.status}${error}`);
  }

  private remember(op: OperationInfo): void {
    if (op.name) this.names.set(op.id, op.name);
  }

  private nameOf(id: string | undefined, name: string | undefined): string {
    const known = name ?? (id !== undefined ? this.names.get(id) : undefined);
    return known !== undefined ? `"${known}"` : `#${(id ?? "?").slice(0, 8)}`;
  }

  private label(op: OperationInfo): string {
    const type =
      op.subType && !PLAIN_SUBTYPES.has(op.subType) ? `${op.type}/${op.subType}` : op.type;
    return `${type} ${this.nameOf(op.id, op.name)}`;
  }

  private line(text: string): void {
    this.write(`[trace] ${text}`);
  }
}

const MAX_LISTED = 12;
const PLAIN_SUBTYPES = new Set(["Step", "Wait", "Callback", "ChainedInvoke", "RunInChildContext"]);

function isWaiting(op: OperationInfo): boolean {
  if (op.status === "PENDING" && op.type === "STEP") return true;
  return op.status === "STARTED" && ["WAIT", "CALLBACK", "CHAINED_INVOKE"].includes(op.type);
}

function waitKind(op: OperationInfo): string {
  if (op.type === "STEP") return "the retry of";
  if (op.type === "WAIT") return "the end of";
  if (op.type === "CALLBACK") return "the completion of";
  return "the result of";
}
