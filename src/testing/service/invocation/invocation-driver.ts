/**
 * The invocation loop: schedules at most one invocation per execution at a time, calls the
 * durable handler with the envelope and an in-process client, and decides what follows from
 * its outcome (end the execution, retry, re-invoke, or wait).
 */
import { DurableExecutionInvocationInputWithClient } from "../../../checkpoint/invocation-input-with-client";
import type { DurableExecutionInvocationInput } from "../../../types/invocation";
import { testingLog } from "../../log";
import { completeExecution } from "../state/execution-completion";
import { notifyIfBlocked } from "../state/execution-progress";
import { checkpoint, executionState } from "../api/checkpoint-api";
import type { ExecutionRecord } from "../state/execution-record";
import { callDurableHandler, type HandlerOutcome } from "./function-invoker";
import { errorOf, type Event } from "../state/history-event";
import { encodeCheckpointToken, newUuid } from "../protocol/identifiers";
import type { InvocationRecord } from "../state/invocation-record";
import { InProcessDurableExecutionClient, type InProcessServiceFace } from "./in-process-client";
import { classifyOutput } from "./invocation-output";
import { createLambdaContext } from "./lambda-context";
import type { ServiceCore } from "../service-core";
import type { DurableLambdaHandler } from "../api/service-types";
import { ownTimerGate } from "../timers/skip-gates";
import { statePage } from "../api/state-pages";

const PENDING_WITHOUT_OPERATIONS = "Cannot return PENDING status with no pending operations.";

/** Schedules an invocation of `exec` unless it ended or one is already running or due. */
export function requestInvocation(core: ServiceCore, exec: ExecutionRecord): void {
  if (core.runtime.closed || !exec.scheduleInvocation()) return;
  core.runtime.later(() => void runInvocation(core, exec));
}

async function runInvocation(core: ServiceCore, exec: ExecutionRecord): Promise<void> {
  if (!exec.takeScheduledInvocation() || core.runtime.closed) return;
  const { options, runtime } = core;
  const inv = exec.beginInvocation(newUuid(), runtime.clock.date());
  const killed = inv.whenKilled.then((error): HandlerOutcome => ({ kind: "error", error }));
  const updated = exec.takeUndelivered();
  const first = statePage(exec, 0, options.firstPageSize ?? 1000);
  const envelope: DurableExecutionInvocationInput = {
    DurableExecutionArn: exec.arn,
    CheckpointToken: encodeCheckpointToken({
      executionId: exec.id,
      invocation: inv.number,
      sequence: 0,
    }),
    InitialExecutionState: { Operations: first.Operations ?? [], NextMarker: first.NextMarker },
    UpdatedOperationIds: updated,
  };
  if (first.NextMarker === undefined) delete envelope.InitialExecutionState.NextMarker;
  const client = new InProcessDurableExecutionClient(
    invocationApi(core),
    inv,
    options.checkpointDelayMs ?? 0,
    exec.faultInjection,
    options.skipTime ? 0 : undefined,
  );
  const event = new DurableExecutionInvocationInputWithClient(envelope, client);
  (event as DurableExecutionInvocationInput).UpdatedOperationIds = updated;
  const context = createLambdaContext(inv.requestId, exec.functionName);
  const handler = exec.fn.handler as DurableLambdaHandler;
  testingLog.debug(`invocation ${inv.number} of ${exec.arn}`);
  const outcome = await Promise.race([callDurableHandler(handler, event, context), killed]);
  finishInvocation(core, exec, inv, outcome);
}

/** The service calls the in-process client of an invocation makes. */
function invocationApi(core: ServiceCore): InProcessServiceFace {
  return {
    checkpointDurableExecution: async (request) => checkpoint(core, request),
    getDurableExecutionState: async (request) => executionState(core, request),
  };
}

function finishInvocation(
  core: ServiceCore,
  exec: ExecutionRecord,
  inv: InvocationRecord,
  outcome: HandlerOutcome,
): void {
  const verdict = classifyOutput(outcome);
  const now = core.runtime.clock.date();
  const details: NonNullable<Event["InvocationCompletedDetails"]> = {
    StartTimestamp: inv.start,
    EndTimestamp: now,
    RequestId: inv.requestId,
  };
  if (verdict.kind === "invocation-error") details.Error = errorOf(verdict.error);
  exec.endInvocation(inv, verdict.kind === "invocation-error", {
    EventType: "InvocationCompleted",
    EventTimestamp: now,
    InvocationCompletedDetails: details,
  });
  core.runtime.scheduler.kick();
  for (const launch of exec.takeLaunches()) launch();
  if (exec.terminal) return;
  switch (verdict.kind) {
    case "invocation-error": {
      if (verdict.invalidOutput)
        for (const o of exec.observers) o.onInvalidOutput?.(verdict.error.ErrorMessage ?? "");
      if (exec.terminal) return;
      if (exec.consecutiveFailures > (core.options.invocationRetries ?? 5)) {
        completeExecution(core, exec, "FAILED", { error: verdict.error });
        return;
      }
      const delay = (core.options.invocationRetryDelaySeconds ?? 5) * 1000;
      core.runtime.execTimer(
        exec,
        core.runtime.clock.now() + delay,
        () => requestInvocation(core, exec),
        { gate: ownTimerGate(core, exec) },
      );
      return;
    }
    case "succeeded":
      completeExecution(core, exec, "SUCCEEDED", { result: verdict.result });
      return;
    case "failed":
      completeExecution(core, exec, "FAILED", { error: verdict.error });
      return;
    default: {
      if (exec.hasUndelivered || exec.readyCount > 0) {
        requestInvocation(core, exec);
        return;
      }
      if (exec.blockingCount === 0 && exec.targetsInFlight === 0) {
        completeExecution(core, exec, "FAILED", {
          error: {
            ErrorType: "InvalidParameterValueException",
            ErrorMessage: PENDING_WITHOUT_OPERATIONS,
          },
        });
        return;
      }
      notifyIfBlocked(core.store, exec);
    }
  }
}
