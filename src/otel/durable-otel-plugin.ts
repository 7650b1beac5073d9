import { AsyncLocalStorage } from "node:async_hooks";
import { trace, type TracerProvider } from "@opentelemetry/api";
import type { DurableExecutionInvocationOutput } from "../types/invocation";
import type {
  AttemptEndInfo,
  DurableInstrumentationPlugin,
  InvocationEndInfo,
  InvocationInfo,
  OperationEndInfo,
  OperationInfo,
} from "../plugins/plugin-types";
import { executionLayout } from "./execution-layout";
import { durableSpanId, executionTraceId } from "./ids";
import { invocationLayout } from "./invocation-layout";
import { InvocationRecord } from "./invocation-record";
import { emitSpan } from "./span-emitter";

/**
 * How spans are grouped into traces: `"execution"` (one trace per durable execution, across
 * all its invocations) or `"invocation"` (one short trace per invocation, linked to the
 * execution's trace).
 *
 * @example
 * ```ts
 * const mode: DurableTraceMode = "invocation";
 * ```
 */
export type DurableTraceMode = "execution" | "invocation";

/**
 * Options of {@link DurableOtelPlugin}.
 *
 * @example
 * ```ts
 * const options: DurableOtelPluginOptions = { mode: "execution", tracerProvider: provider };
 * ```
 */
export interface DurableOtelPluginOptions {
  /** Where spans go. Default: the global provider (`trace.getTracerProvider()`), read per invocation. */
  tracerProvider?: TracerProvider;
  /** Trace grouping; default `"execution"`. */
  mode?: DurableTraceMode;
  /** Instrumentation scope name; default `"@aws/durable-execution-sdk-js/otel"`. */
  tracerName?: string;
  /**
   * Call the provider's `forceFlush()` (when it has one) at the end of every invocation, so that
   * spans are exported before Lambda freezes the environment. Default `true`.
   */
  forceFlush?: boolean;
}

const DEFAULT_TRACER_NAME = "@aws/durable-execution-sdk-js/otel";

/**
 * An instrumentation plugin that turns durable executions into OpenTelemetry traces: spans for
 * the execution, each invocation, each operation (steps, waits, callbacks, invokes, child
 * contexts, map and parallel with their items) and each step attempt. Operations are emitted
 * once, by the invocation in which they end; replayed operations emit nothing. Ids are derived
 * from the execution ARN and operation ids (see `docs/otel.md`).
 *
 * @example
 * ```ts
 * import { withDurableExecution } from "@aws/durable-execution-sdk-js";
 * import { DurableOtelPlugin } from "@aws/durable-execution-sdk-js/otel";
 *
 * export const handler = withDurableExecution(
 *   async (event, context) => context.step("work", async () => "done"),
 *   { plugins: [new DurableOtelPlugin({ mode: "execution" })] },
 * );
 * ```
 */
export class DurableOtelPlugin implements DurableInstrumentationPlugin {
  readonly mode: DurableTraceMode;
  readonly #options: DurableOtelPluginOptions;
  readonly #current = new AsyncLocalStorage<InvocationRecord>();
  readonly #open = new Map<string, InvocationRecord>();

  constructor(options: DurableOtelPluginOptions = {}) {
    const mode = options.mode ?? "execution";
    if (mode !== "execution" && mode !== "invocation") {
      throw new Error(`DurableOtelPlugin mode must be "execution" or "invocation"; got "${mode}".`);
    }
    this.mode = mode;
    this.#options = options;
  }

  /** Starts collecting the invocation's facts. */
  async onInvocationStart(info: InvocationInfo): Promise<void> {
    this.#open.set(info.requestId, new InvocationRecord(info));
  }

  /** Runs the invocation with its record as the current one (hooks carry no request id). */
  wrapInvocation(
    info: InvocationInfo,
    fn: () => Promise<DurableExecutionInvocationOutput>,
  ): Promise<DurableExecutionInvocationOutput> {
    const record = this.#open.get(info.requestId);
    return record ? this.#current.run(record, fn) : fn();
  }

  /** Notes an operation that runs in this invocation. */
  async onOperationStart(info: OperationInfo): Promise<void> {
    this.#record()?.started(info);
  }

  /** Notes an operation that ended (replayed ends are ignored). */
  async onOperationEnd(info: OperationEndInfo): Promise<void> {
    this.#record()?.ended(info);
  }

  /** Notes one finished attempt of a step or check. */
  async onOperationAttemptEnd(info: AttemptEndInfo): Promise<void> {
    this.#record()?.attemptEnded(info);
  }

  /** Emits the invocation's spans and flushes the provider. */
  async onInvocationEnd(info: InvocationEndInfo): Promise<void> {
    const record = this.#open.get(info.requestId);
    if (!record) return;
    this.#open.delete(info.requestId);
    const now = new Date();
    const specs =
      this.mode === "execution"
        ? executionLayout(record, info, now)
        : invocationLayout(record, info, now);
    const provider = this.#options.tracerProvider ?? trace.getTracerProvider();
    const tracer = provider.getTracer(this.#options.tracerName ?? DEFAULT_TRACER_NAME);
    for (const spec of specs) emitSpan(tracer, spec);
    const flushable = provider as { forceFlush?: () => Promise<void> };
    if (this.#options.forceFlush !== false && typeof flushable.forceFlush === "function") {
      await flushable.forceFlush();
    }
  }

  /** Adds the execution's trace id and the invocation's span id to log records. */
  enrichLogContext(): Record<string, string> | undefined {
    const record = this.#record();
    if (!record || this.mode !== "execution") return undefined;
    return {
      traceId: executionTraceId(record.executionArn),
      spanId: durableSpanId(record.executionArn, "invocation", record.requestId),
    };
  }

  #record(): InvocationRecord | undefined {
    const current = this.#current.getStore();
    if (current) return current;
    return this.#open.size === 1 ? this.#open.values().next().value : undefined;
  }
}
