/**
 * The instrumentation plugin `run-durable -v` installs through `DURABLE_EXECUTION_PLUGINS`
 * (built to dist-cjs/trace-plugin.js). It forwards what the SDK reports (invocations,
 * operations started and ended, replay or not, attempts) to the sink the CLI put on
 * `globalThis`; formatting lives in trace.ts. Loaded by whichever copy of the SDK the handler
 * imports, so it talks to the CLI only through that global symbol.
 */
import type {
  AttemptEndInfo,
  AttemptInfo,
  DurableInstrumentationPlugin,
  InvocationEndInfo,
  InvocationInfo,
  OperationEndInfo,
  OperationInfo,
} from "../plugins/plugin-types";

/** Global key of the sink: `(kind, info) => void`. */
export const TRACE_SINK = Symbol.for("@aws/durable-execution-sdk-js/run-durable-trace");

/** What the plugin forwards. */
export type TraceKind =
  | "invocation-start"
  | "invocation-end"
  | "operation-start"
  | "operation-end"
  | "attempt-start"
  | "attempt-end";

type Sink = (kind: TraceKind, info: unknown) => void;

function emit(kind: TraceKind, info: unknown): void {
  const sink = (globalThis as Record<symbol, Sink | undefined>)[TRACE_SINK];
  sink?.(kind, info);
}

/** Forwards every hook to the CLI's sink. */
export class RunDurableTracePlugin implements DurableInstrumentationPlugin {
  async onInvocationStart(info: InvocationInfo): Promise<void> {
    emit("invocation-start", info);
  }
  async onInvocationEnd(info: InvocationEndInfo): Promise<void> {
    emit("invocation-end", info);
  }
  async onOperationStart(info: OperationInfo): Promise<void> {
    emit("operation-start", info);
  }
  async onOperationEnd(info: OperationEndInfo): Promise<void> {
    emit("operation-end", info);
  }
  async onOperationAttemptStart(info: AttemptInfo): Promise<void> {
    emit("attempt-start", info);
  }
  async onOperationAttemptEnd(info: AttemptEndInfo): Promise<void> {
    emit("attempt-end", info);
  }
}

/** The provider `DURABLE_EXECUTION_PLUGINS` loads. */
export const durableExecutionPluginProvider = {
  pluginApiVersion: 1 as const,
  pluginType: RunDurableTracePlugin,
  createPlugin: () => new RunDurableTracePlugin(),
};
