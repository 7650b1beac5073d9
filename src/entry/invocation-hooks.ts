import { parseInput } from "../context/state-loader";
import type { ExecutionRuntime } from "../context/execution-runtime";
import { toDate } from "../context/timestamps";
import { DurableOperationError } from "../errors/durable-operation-errors";
import type { DurableExecutionInvocationOutput } from "../types/invocation";
import { InvocationStatus } from "../types/invocation";
import type { WireOperation } from "../types/wire";
import { OperationType } from "../types/wire";
import { toOperationInfoMap } from "../plugins/operation-info";
import {
  PluginInvocationStatus,
  type InvocationEndInfo,
  type InvocationInfo,
  type OperationInfo,
} from "../plugins/plugin-types";

/**
 * Runs one invocation inside the plugins' invocation hooks: `onInvocationStart`,
 * `wrapInvocation` and `onInvocationEnd` (RETRYING when the invocation throws).
 */
export async function runWithInvocationHooks(
  runtime: ExecutionRuntime,
  operations: readonly WireOperation[],
  run: () => Promise<DurableExecutionInvocationOutput>,
): Promise<DurableExecutionInvocationOutput> {
  const { plugins } = runtime;
  if (!plugins.active) return run();
  const execution = operations.find((op) => op.Type === OperationType.EXECUTION) ?? operations[0];
  let input: unknown;
  try {
    input = parseInput(operations);
  } catch {
    // no readable input
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
  let output: DurableExecutionInvocationOutput | undefined;
  let thrown: unknown;
  try {
    output = await plugins.wrap("wrapInvocation", info, run);
  } catch (error) {
    thrown = error;
  }
  const end: InvocationEndInfo = {
    ...base,
    isFirstInvocation: info.isFirstInvocation,
    operations: toOperationInfoMap(runtime.state.all()),
    status: output ? output.Status : PluginInvocationStatus.RETRYING,
  };
  if (!output) {
    end.executionError = thrown instanceof Error ? thrown : new Error(String(thrown));
  } else if (output.Status === InvocationStatus.SUCCEEDED && output.Result) {
    end.executionResult = safeParse(output.Result);
  } else if (output.Status === InvocationStatus.FAILED) {
    end.executionError = DurableOperationError.fromErrorObject(output.Error);
  }
  await plugins.notify("onInvocationEnd", end);
  if (!output) throw thrown;
  return output;
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}
