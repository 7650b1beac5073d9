import type { Context } from "aws-lambda";
import { DurableExecutionApiClient } from "../checkpoint/durable-execution-api-client";
import type { DurableExecutionClient } from "../checkpoint/durable-execution-client";
import { classifyStateLoadFailure } from "../checkpoint/failure-classification";
import { DurableExecutionInvocationInputWithClient } from "../checkpoint/invocation-input-with-client";
import { ExecutionRuntime } from "../context/execution-runtime";
import { ExecutionState } from "../context/execution-state";
import { loadAllOperations } from "../context/state-loader";
import { PluginHub } from "../plugins/plugin-hub";
import { loadPlugins } from "../plugins/plugin-loader";
import type { DurableExecutionHandler } from "../types/durable-context";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "../types/invocation";
import type { DurableLogger } from "../types/logger";
import type { WireOperation } from "../types/wire";
import {
  assertOwnOptions,
  checkConfig,
  type DurableExecutionConfig,
} from "./durable-execution-config";
import { failed, runHandler } from "./handler-runner";
import { runWithInvocationHooks } from "./invocation-hooks";

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
 * The configuration is checked once, here: a broken one (both `client` and
 * `durableExecutionClient`, an unusable `pluginsConfig.childOperationsDepth`) makes every
 * invocation return `FAILED` with a message naming the fix.
 *
 * @throws TypeError at once when `config.checkpointMode` is not one of its values.
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
  assertOwnOptions(config);
  const pluginsLoading = loadPlugins(config?.plugins ?? []);
  const problems = checkConfig(config);
  const pipelined = config?.checkpointMode === "pipelined";
  return async (event, lambdaContext) => {
    const missing = missingEnvelopeFields(event);
    if (missing) throw new Error(`${NOT_DURABLE_MESSAGE}\n${missing}`);
    if (problems.transport) return failed(problems.transport);
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
      pipelined,
    });
    const depthProblem = problems.depth;
    try {
      return await runWithInvocationHooks(runtime, operations, async () =>
        depthProblem
          ? failed(depthProblem)
          : runHandler(runtime, operations, handler as DurableExecutionHandler),
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
