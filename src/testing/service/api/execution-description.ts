/** How an execution is described by `GetDurableExecution` and listed by `ListDurableExecutionsByFunction`. */
import type { ExecutionRecord } from "../state/execution-record";
import { copyError } from "../state/history-event";
import type { ExecutionSummary, GetDurableExecutionResponse } from "./service-types";

/** The list entry of an execution. */
export function summarizeExecution(exec: ExecutionRecord): ExecutionSummary {
  const s: ExecutionSummary = {
    DurableExecutionArn: exec.arn,
    DurableExecutionName: exec.name,
    FunctionArn: exec.functionArn,
    Status: exec.status,
    StartTimestamp: new Date(exec.start.getTime()),
  };
  if (exec.end) s.EndTimestamp = new Date(exec.end.getTime());
  return s;
}

/** The full description of an execution; `includeData` adds its input and outcome. */
export function describeExecution(
  exec: ExecutionRecord,
  includeData: boolean,
): GetDurableExecutionResponse {
  const out: GetDurableExecutionResponse = {
    ...summarizeExecution(exec),
    Version: exec.version,
    ExecutionDataIncluded: includeData,
    DurableConfig: {
      RetentionPeriodInDays: exec.retentionDays,
      ExecutionTimeout: exec.executionTimeout,
    },
  };
  if (includeData) {
    out.InputPayload = exec.input;
    if (exec.status === "SUCCEEDED" && exec.result !== undefined) out.Result = exec.result;
    if (exec.status !== "SUCCEEDED" && exec.status !== "RUNNING" && exec.error)
      out.Error = copyError(exec.error);
  }
  return out;
}
