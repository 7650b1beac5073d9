/**
 * Starting executions (the Lambda `Invoke` of a durable function): name
 * idempotency, the execution record, its EXECUTION operation and timeout, and the first
 * invocation request.
 */
import type { Operation } from "../../../types/wire";
import { testingLog } from "../../log";
import { timeOutExecution } from "./execution-completion";
import { ExecutionRecord } from "./execution-record";
import { executionArn, functionArn, newUuid } from "../protocol/identifiers";
import { recordOperationEvent } from "./operation-events";
import { executionTimeoutGate } from "../timers/skip-gates";
import type { ServiceCore } from "../service-core";
import { DurableServiceError } from "../protocol/service-errors";
import type {
  StartDurableExecutionRequest,
  StartDurableExecutionResponse,
  StartExecutionOptions,
} from "../api/service-types";
import { validateStartRequest } from "../api/start-request";

/**
 * Starts an execution (or returns the one already started under the same name with the same
 * payload) and asks for its first invocation; `parent` links a chained-invoke child, and
 * `launch` decides when the first invocation is requested (at once by default).
 */
export function startExecution(
  core: ServiceCore,
  request: StartDurableExecutionRequest,
  options: StartExecutionOptions,
  parent: ExecutionRecord["parent"],
  launch: (firstInvocation: () => void) => void = (firstInvocation) => firstInvocation(),
): StartDurableExecutionResponse {
  core.runtime.assertOpen();
  const valid = validateStartRequest(core, request, options);
  const { functionName, version, name, input } = valid;
  if (name !== undefined) {
    const existing = core.store.findByName(functionName, name);
    if (existing) {
      if (existing.input === input)
        return { DurableExecutionArn: existing.arn, AlreadyStarted: true };
      throw new DurableServiceError(
        "DurableExecutionAlreadyStartedException",
        `A durable execution named ${name} already exists for function ${functionName} with a different input payload.`,
      );
    }
  }
  const id = newUuid();
  const execName = name ?? newUuid();
  const arn = executionArn(core.arnSettings, functionName, version, execName, id);
  const now = core.runtime.clock.date();
  const exec = new ExecutionRecord(
    id,
    arn,
    execName,
    functionName,
    `${functionArn(core.arnSettings, functionName)}:${version}`,
    version,
    valid.fn,
    options.functions,
    input,
    now,
    valid.timeoutSeconds,
    valid.retentionDays,
    options.faultInjection,
    parent,
  );
  if (options.observer) exec.addObserver(options.observer);
  for (const watch of core.watchers) {
    const observer = watch({
      DurableExecutionArn: arn,
      DurableExecutionName: execName,
      FunctionName: functionName,
      ...(parent ? { ParentExecutionArn: parent.execution.arn } : {}),
    });
    if (observer) exec.addObserver(observer);
  }
  core.store.addExecution(exec, name !== undefined);

  const executionOp: Operation = {
    Id: newUuid(),
    Type: "EXECUTION",
    Status: "STARTED",
    StartTimestamp: now,
    ExecutionDetails: { InputPayload: input },
  };
  exec.addOperation(executionOp);
  recordOperationEvent(exec, executionOp, "ExecutionStarted", now, {
    Input: { Payload: input },
    ExecutionTimeout: valid.timeoutSeconds,
  });
  exec.notifyOperation(executionOp);
  const timeoutAt = now.getTime() + valid.timeoutSeconds * 1000;
  core.runtime.execTimer(exec, timeoutAt, () => timeOutExecution(core, exec, timeoutAt), {
    gate: executionTimeoutGate(core, exec),
  });
  launch(() => core.requestInvocation(exec));
  testingLog.debug(`started execution ${arn}`);
  return { DurableExecutionArn: arn, AlreadyStarted: false };
}
