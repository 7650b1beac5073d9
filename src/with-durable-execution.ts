import type { Context } from "aws-lambda";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { DurableExecutionApiClient } from "./checkpoint/durable-execution-api-client";
import type { DurableExecutionClient } from "./checkpoint/durable-execution-client";
import { classifyStateLoadFailure } from "./checkpoint/failure-classification";
import { DurableExecutionInvocationInputWithClient } from "./checkpoint/invocation-input-with-client";
import { runInScope } from "./context/active-scope";
import { DurableContextImpl } from "./context/durable-context";
import { ExecutionRuntime } from "./context/execution-runtime";
import { ExecutionState } from "./context/execution-state";
import type { Termination } from "./context/termination";
import { toErrorObject } from "./errors/error-object";
import type { DurableContext, DurableExecutionHandler } from "./types/durable-context";
import { InvocationStatus } from "./types/invocation";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "./types/invocation";
import type { DurableLogger } from "./types/logger";
import type { WireOperation } from "./types/wire";
import { OperationType } from "./types/wire";
import { hashOperationId } from "./context/operation-id";
import { toDate } from "./context/timestamps";
import { DurableOperationError } from "./errors/durable-operation-errors";
import { toOperationInfoMap } from "./plugins/operation-info";
import { loadPluginsFromEnvironment } from "./plugins/plugin-loader";
import { PluginHub } from "./plugins/plugin-hub";
import {
  PluginInvocationStatus,
  type DurableInstrumentationPlugin,
  type InvocationEndInfo,
  type InvocationInfo,
  type OperationInfo,
} from "./plugins/plugin-types";

/** Handler results larger than this (6 MiB − 50 bytes) are checkpointed instead of returned. */
export const MAX_RESULT_BYTES = 6_291_406;
const STATE_PAGE_SIZE = 1000;

/** Options of {@link withDurableExecution}. */
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

/** The function to export as the Lambda handler. */
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
    if (
      !event ||
      typeof event !== "object" ||
      !event.DurableExecutionArn ||
      !event.CheckpointToken
    ) {
      throw new Error(NOT_DURABLE_MESSAGE);
    }
    if (config?.client && config?.durableExecutionClient) {
      return failed(
        new Error(
          "Both `client` and `durableExecutionClient` were provided to withDurableExecution. Pass only `durableExecutionClient`; to use a Lambda client, wrap it: `durableExecutionClient: new DurableExecutionApiClient(client)`.",
        ),
      );
    }
    const loaded = await pluginsLoading;
    if (loaded instanceof Error) return failed(loaded);
    const plugins = new PluginHub(loaded);
    const client = DurableExecutionInvocationInputWithClient.isInstance(event)
      ? event.durableExecutionClient
      : (config?.durableExecutionClient ?? new DurableExecutionApiClient(config?.client));

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
      return await runInvocation(runtime, operations, handler as DurableExecutionHandler, config);
    } finally {
      runtime.dispose();
    }
  };
};

async function loadAllOperations(
  client: DurableExecutionClient,
  event: DurableExecutionInvocationInput,
): Promise<WireOperation[]> {
  const operations = [...(event.InitialExecutionState?.Operations ?? [])];
  let marker = event.InitialExecutionState?.NextMarker;
  while (marker) {
    const page = await client.getExecutionState({
      DurableExecutionArn: event.DurableExecutionArn,
      CheckpointToken: event.CheckpointToken,
      Marker: marker,
      MaxItems: STATE_PAGE_SIZE,
    });
    operations.push(...(page.Operations ?? []));
    marker = page.NextMarker ?? undefined;
  }
  return operations;
}

function parseInput(operations: WireOperation[]): unknown {
  const execution = operations.find((op) => op.Type === OperationType.EXECUTION) ?? operations[0];
  const payload = execution?.ExecutionDetails?.InputPayload;
  return payload === undefined ? {} : JSON.parse(payload);
}

/** Loads explicit and environment plugins once, at wrap time; a failure is kept, never thrown. */
function loadPlugins(
  explicit: DurableInstrumentationPlugin[],
): Promise<DurableInstrumentationPlugin[] | Error> {
  return loadPluginsFromEnvironment().then(
    (fromEnv) => [...explicit, ...fromEnv],
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

function invalidDepth(depth: unknown): boolean {
  return (
    depth !== undefined &&
    depth !== Infinity &&
    !(Number.isInteger(depth) && (depth as number) >= 0)
  );
}

/** Runs one invocation with plugin hooks around it. */
async function runInvocation(
  runtime: ExecutionRuntime,
  operations: WireOperation[],
  handler: DurableExecutionHandler,
  config: DurableExecutionConfig | undefined,
): Promise<DurableExecutionInvocationOutput> {
  const { plugins } = runtime;
  if (!plugins.active) return runValidated(runtime, operations, handler, config);
  const execution = operations.find((op) => op.Type === OperationType.EXECUTION) ?? operations[0];
  let input: unknown;
  try {
    input = parseInput(operations);
  } catch {
    input = undefined;
  }
  const all = toOperationInfoMap(runtime.state.all(), (id) => !runtime.updatedOperationIds.has(id));
  const updated: Record<string, OperationInfo> = {};
  for (const id of runtime.updatedOperationIds)
    if (all[id]) updated[id] = { ...all[id], isReplay: false };
  const base = {
    requestId: runtime.lambdaContext.awsRequestId,
    executionArn: runtime.durableExecutionArn,
    executionInput: input,
    operations: all,
    ...(execution?.StartTimestamp
      ? { executionStartTimestamp: toDate(execution.StartTimestamp) }
      : {}),
  };
  const info: InvocationInfo = {
    ...base,
    isFirstInvocation: runtime.state.size <= 1,
    updatedOperations: updated,
  };
  await plugins.notify("onInvocationStart", info);
  let output: DurableExecutionInvocationOutput;
  try {
    output = await plugins.wrap("wrapInvocation", info, () =>
      runValidated(runtime, operations, handler, config),
    );
  } catch (error) {
    await plugins.notify("onInvocationEnd", {
      ...base,
      operations: toOperationInfoMap(runtime.state.all(), () => false),
      status: PluginInvocationStatus.RETRYING,
      executionError: error instanceof Error ? error : new Error(String(error)),
    });
    throw error;
  }
  const end: InvocationEndInfo = {
    ...base,
    operations: toOperationInfoMap(runtime.state.all(), () => false),
    status: output.Status,
  };
  if (output.Status === InvocationStatus.SUCCEEDED && output.Result)
    end.executionResult = safeParse(output.Result);
  if (output.Status === InvocationStatus.FAILED) {
    end.executionError = DurableOperationError.fromErrorObject(output.Error);
  }
  await plugins.notify("onInvocationEnd", end);
  return output;
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

async function runValidated(
  runtime: ExecutionRuntime,
  operations: WireOperation[],
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

type HandlerOutcome = { kind: "RETURNED"; value: unknown } | { kind: "THREW"; error: unknown };

async function runHandler(
  runtime: ExecutionRuntime,
  operations: WireOperation[],
  handler: DurableExecutionHandler,
): Promise<DurableExecutionInvocationOutput> {
  const root = new DurableContextImpl(runtime);
  const handlerOutcome = (async (): Promise<HandlerOutcome> => {
    try {
      const input = parseInput(operations);
      const value = await runInScope({ kind: "context", contextId: undefined }, () =>
        handler(input, root as unknown as DurableContext),
      );
      return { kind: "RETURNED", value };
    } catch (error) {
      return { kind: "THREW", error };
    }
  })();
  const first = await Promise.race([handlerOutcome, runtime.termination.promise]);
  if (isTermination(first)) return fromTermination(first);

  let output: DurableExecutionInvocationOutput;
  if (first.kind === "THREW") {
    output = failed(first.error);
  } else {
    output = await successOutput(runtime, first.value);
  }
  const drained = await Promise.race([runtime.batcher.drain(), runtime.termination.promise]);
  if (
    isTermination(drained) ||
    runtime.termination.reason?.kind === "FAILED" ||
    runtime.termination.reason?.kind === "THROW"
  ) {
    const reason = runtime.termination.reason;
    if (reason && reason.kind !== "PENDING") return fromTermination(reason);
  }
  return output;
}

async function successOutput(
  runtime: ExecutionRuntime,
  value: unknown,
): Promise<DurableExecutionInvocationOutput> {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return failed(error);
  }
  if (json === undefined) return { Status: InvocationStatus.SUCCEEDED };
  if (Buffer.byteLength(json, "utf8") <= MAX_RESULT_BYTES) {
    return { Status: InvocationStatus.SUCCEEDED, Result: json };
  }
  const acknowledged = runtime.batcher.enqueue({
    Id: hashOperationId(`execution-result-${Date.now()}`),
    Type: OperationType.EXECUTION,
    Action: "SUCCEED",
    Payload: json,
  });
  const settled = await Promise.race([acknowledged, runtime.termination.promise]);
  if (isTermination(settled)) return fromTermination(settled);
  return { Status: InvocationStatus.SUCCEEDED, Result: "" };
}

function isTermination(value: unknown): value is Termination {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    ["PENDING", "FAILED", "THROW"].includes((value as Termination).kind)
  );
}

function fromTermination(termination: Termination): DurableExecutionInvocationOutput {
  switch (termination.kind) {
    case "PENDING":
      return { Status: InvocationStatus.PENDING };
    case "FAILED":
      return { Status: InvocationStatus.FAILED, Error: termination.error };
    case "THROW":
      throw termination.error;
  }
}

function failed(error: unknown): DurableExecutionInvocationOutput {
  return { Status: InvocationStatus.FAILED, Error: toErrorObject(error) };
}
