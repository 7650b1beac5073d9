import type { Context } from "aws-lambda";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { DurableExecutionApiClient } from "./checkpoint/durable-execution-api-client";
import type { DurableExecutionClient } from "./checkpoint/durable-execution-client";
import { classifyStateLoadFailure } from "./checkpoint/failure-classification";
import { DurableExecutionInvocationInputWithClient } from "./checkpoint/invocation-input-with-client";
import { ExecutionRuntime } from "./context/execution-runtime";
import { ExecutionState } from "./context/execution-state";
import { failed, runHandler } from "./context/handler-runner";
import { loadAllOperations } from "./context/state-loader";
import type { DurableExecutionHandler } from "./types/durable-context";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "./types/invocation";
import type { DurableLogger } from "./types/logger";
import type { WireOperation } from "./types/wire";
import { loadPlugins, runWithInvocationHooks } from "./plugins/invocation-hooks";
import { PluginHub } from "./plugins/plugin-hub";
import type { DurableInstrumentationPlugin } from "./plugins/plugin-types";

export { MAX_RESULT_BYTES } from "./context/handler-runner";

/**
 * Options of {@link withDurableExecution}.
 *
 * @example
 * ```ts
 * export const handler = withDurableExecution(work, {
 *   durableExecutionClient: new DurableExecutionApiClient(new LambdaClient({})),
 *   plugins: [new MetricsPlugin()],
 * });
 * ```
 */
export interface DurableExecutionConfig {
  /** @deprecated use `durableExecutionClient: new DurableExecutionApiClient(client)` */
  client?: LambdaClient;
  /** Transport replacing the default Lambda API client. */
  durableExecutionClient?: DurableExecutionClient;
  /** Instrumentation plugins (experimental), called in array order before environment ones. */
  plugins?: DurableInstrumentationPlugin[];
  /** Plugin settings (experimental). */
  pluginsConfig?: {
    /** Levels of child contexts that keep their children after finishing (0, n or Infinity). */
    childOperationsDepth?: number;
  };
}

/**
 * The function to export as the Lambda handler.
 *
 * @example
 * ```ts
 * export const handler: DurableLambdaHandler = withDurableExecution(work);
 * ```
 */
export type DurableLambdaHandler = (
  event: DurableExecutionInvocationInput,
  context: Context,
) => Promise<DurableExecutionInvocationOutput>;

const NOT_DURABLE_MESSAGE =
  "Unexpected payload provided to start the durable execution.\nCheck your resource configurations to confirm the durability is set.";

/**
 * Wraps a durable handler as a Lambda handler: validates the envelope, loads the execution
 * state, runs the handler with a root DurableContext (replaying checkpointed operations) and
 * reports SUCCEEDED, FAILED or PENDING.
 *
 * An error thrown by the handler (or a durable operation it awaits) becomes a `FAILED`
 * output carrying the error's type and message; it is not rethrown. Plugins and the client
 * come from `config` (default: the Lambda API client of `@aws-sdk/client-lambda`).
 *
 * @throws Error (the returned handler rejects) when the event is not a durable invocation
 *   envelope: the function was invoked without durable execution turned on.
 * @example
 * ```ts
 * import { withDurableExecution } from "@aws/durable-execution-sdk-js";
 *
 * export const handler = withDurableExecution(async (event: { name: string }, context) => {
 *   const greeting = await context.step("greet", async () => `Hello, ${event.name}!`);
 *   await context.wait("pause", { seconds: 5 });
 *   return { greeting };
 * });
 * ```
 */
export const withDurableExecution = <
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
>(
  handler: DurableExecutionHandler<TEvent, TResult, TLogger>,
  config?: DurableExecutionConfig,
): DurableLambdaHandler => {
  const pluginsLoading = loadPlugins(config?.plugins ?? []);
  return async (event, lambdaContext) => {
    const missing = missingEnvelopeFields(event);
    if (missing) throw new Error(`${NOT_DURABLE_MESSAGE}\n${missing}`);
    if (config?.client && config?.durableExecutionClient) {
      return failed(
        new Error(
          "Both `client` and `durableExecutionClient` were provided to withDurableExecution. Pass only `durableExecutionClient`, wrapping a Lambda client: `new DurableExecutionApiClient(client)`.",
        ),
      );
    }
    const loaded = await pluginsLoading;
    if (loaded instanceof Error) return failed(loaded);
    const client: DurableExecutionClient = DurableExecutionInvocationInputWithClient.isInstance(
      event,
    )
      ? event.durableExecutionClient
      : (config?.durableExecutionClient ?? new DurableExecutionApiClient(config?.client));
    // A verify-only replay sends nothing anywhere, plugin output (spans, metrics) included.
    const plugins = new PluginHub(client.replayVerifier ? [] : loaded);

    let operations: WireOperation[];
    try {
      operations = await loadAllOperations(client, event);
    } catch (error) {
      if (classifyStateLoadFailure(error) === "EXECUTION") return failed(error);
      throw error;
    }
    const runtime = new ExecutionRuntime({
      durableExecutionArn: event.DurableExecutionArn,
      checkpointToken: event.CheckpointToken,
      client,
      state: new ExecutionState(operations),
      lambdaContext: lambdaContext ?? ({} as Context),
      plugins,
      updatedOperationIds: event.UpdatedOperationIds,
      childOperationsDepth: config?.pluginsConfig?.childOperationsDepth,
    });
    try {
      return await runWithInvocationHooks(runtime, operations, () =>
        runValidated(runtime, operations, handler as DurableExecutionHandler, config),
      );
    } finally {
      runtime.dispose();
    }
  };
};

/** What makes `event` not a durable invocation, or `undefined` when it is one. */
function missingEnvelopeFields(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) {
    return `The event is ${event === null ? "null" : typeof event}, not a durable invocation envelope.`;
  }
  const missing = ["DurableExecutionArn", "CheckpointToken"].filter(
    (field) =>
      typeof (event as Record<string, unknown>)[field] !== "string" ||
      !(event as Record<string, unknown>)[field],
  );
  return missing.length === 0
    ? undefined
    : `The event has no ${missing.join(" or ")}: it is not a durable invocation (was the function invoked directly instead of through a durable execution?).`;
}

function invalidDepth(depth: unknown): boolean {
  return (
    depth !== undefined &&
    depth !== Infinity &&
    !(Number.isInteger(depth) && (depth as number) >= 0)
  );
}

async function runValidated(
  runtime: ExecutionRuntime,
  operations: readonly WireOperation[],
  handler: DurableExecutionHandler,
  config: DurableExecutionConfig | undefined,
): Promise<DurableExecutionInvocationOutput> {
  const depth = config?.pluginsConfig?.childOperationsDepth;
  if (invalidDepth(depth)) {
    return failed(
      new Error(
        `pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity; got ${String(depth)}.`,
      ),
    );
  }
  return runHandler(runtime, operations, handler);
}
