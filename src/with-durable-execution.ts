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

/** Handler results larger than this (6 MiB − 50 bytes) are checkpointed instead of returned. */
export const MAX_RESULT_BYTES = 6_291_406;
const STATE_PAGE_SIZE = 1000;

/** Options of {@link withDurableExecution}. */
export interface DurableExecutionConfig {
  /** @deprecated use `durableExecutionClient: new DurableExecutionApiClient(client)` */
  client?: LambdaClient;
  durableExecutionClient?: DurableExecutionClient;
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
    });
    try {
      return await runHandler(runtime, operations, handler as DurableExecutionHandler);
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
