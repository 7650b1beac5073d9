/**
 * The invocation loop: schedules at most one invocation per execution at a time, calls the
 * durable handler with the envelope and an in-process client, and decides what follows from
 * its outcome (end the execution, retry, re-invoke, or wait).
 */
import { DurableExecutionInvocationInputWithClient } from "../../checkpoint/invocation-input-with-client";
import type { DurableExecutionInvocationInput } from "../../types/invocation";
import { realNow } from "../../timers/real-timers";
import type { ErrorObject } from "../../types/wire";
import { testingLog } from "../log";
import { completeExecution } from "./execution-completion";
import { notifyIfBlocked } from "./execution-progress";
import type { ExecutionRecord, InvocationRecord } from "./execution-record";
import { callDurableHandler, type HandlerOutcome } from "./function-invoker";
import { errorOf, type Event } from "./history-event";
import { encodeCheckpointToken, newUuid } from "./identifiers";
import { InProcessDurableExecutionClient, type InProcessServiceFace } from "./in-process-client";
import { classifyOutput } from "./invocation-output";
import { createLambdaContext } from "./lambda-context";
import type { ServiceCore } from "./service-core";
import type { DurableLambdaHandler } from "./service-types";
import { ownTimerGate } from "./skip-gates";
import { statePage } from "./state-pages";

const PENDING_WITHOUT_OPERATIONS = "Cannot return PENDING status with no pending operations.";

/** Runs the invocations of every execution of one service. */
export class InvocationDriver {
  /**
   * @param core shared service state
   * @param api what the in-process client of each invocation calls (the service itself)
   */
  constructor(
    private readonly core: ServiceCore,
    private readonly api: InProcessServiceFace,
  ) {}

  /** Schedules an invocation of `exec` unless it ended or one is already running or due. */
  requestInvocation(exec: ExecutionRecord): void {
    if (
      exec.terminal ||
      exec.invocationScheduled ||
      exec.current?.active ||
      this.core.runtime.closed
    )
      return;
    exec.invocationScheduled = true;
    this.core.runtime.later(() => void this.runInvocation(exec));
  }

  private async runInvocation(exec: ExecutionRecord): Promise<void> {
    exec.invocationScheduled = false;
    if (exec.terminal || this.core.runtime.closed) return;
    const { options, runtime } = this.core;
    let kill!: (error: ErrorObject) => void;
    const killed = new Promise<HandlerOutcome>((resolve) => {
      kill = (error) => resolve({ kind: "error", error });
    });
    const inv: InvocationRecord = {
      number: ++exec.invocationCount,
      requestId: newUuid(),
      start: runtime.clock.date(),
      active: true,
      tokenSequence: 0,
      checkpoints: 0,
      killed: false,
      kill,
    };
    exec.current = inv;
    exec.lastActivity = realNow();
    const updated = [...exec.undelivered];
    exec.undelivered.clear();
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
      this.api,
      inv,
      options.checkpointDelayMs ?? 0,
      exec.faultInjection,
    );
    const event = new DurableExecutionInvocationInputWithClient(envelope, client);
    (event as DurableExecutionInvocationInput).UpdatedOperationIds = updated;
    const context = createLambdaContext(inv.requestId, exec.functionName);
    const handler = exec.fn.handler as DurableLambdaHandler;
    testingLog.debug(`invocation ${inv.number} of ${exec.arn}`);
    const outcome = await Promise.race([callDurableHandler(handler, event, context), killed]);
    this.finishInvocation(exec, inv, outcome);
  }

  private finishInvocation(
    exec: ExecutionRecord,
    inv: InvocationRecord,
    outcome: HandlerOutcome,
  ): void {
    const { core } = this;
    inv.active = false;
    exec.lastActivity = realNow();
    core.runtime.scheduler.kick();
    const verdict = classifyOutput(outcome);
    const now = core.runtime.clock.date();
    const details: NonNullable<Event["InvocationCompletedDetails"]> = {
      StartTimestamp: inv.start,
      EndTimestamp: now,
      RequestId: inv.requestId,
    };
    if (verdict.kind === "invocation-error") details.Error = errorOf(verdict.error);
    exec.record({
      EventType: "InvocationCompleted",
      EventTimestamp: now,
      InvocationCompletedDetails: details,
    });
    for (const wake of exec.idleWaiters.splice(0)) wake();
    for (const launch of exec.takeLaunches()) launch();
    if (exec.terminal) return;
    switch (verdict.kind) {
      case "invocation-error": {
        if (verdict.invalidOutput)
          for (const o of exec.observers) o.onInvalidOutput?.(verdict.error.ErrorMessage ?? "");
        if (exec.terminal) return;
        exec.consecutiveFailures++;
        if (exec.consecutiveFailures > (core.options.invocationRetries ?? 5)) {
          completeExecution(core, exec, "FAILED", { error: verdict.error });
          return;
        }
        const delay = (core.options.invocationRetryDelaySeconds ?? 5) * 1000;
        core.runtime.execTimer(
          exec,
          core.runtime.clock.now() + delay,
          () => this.requestInvocation(exec),
          ownTimerGate(core, exec),
        );
        return;
      }
      case "succeeded":
        exec.consecutiveFailures = 0;
        completeExecution(core, exec, "SUCCEEDED", { result: verdict.result });
        return;
      case "failed":
        exec.consecutiveFailures = 0;
        completeExecution(core, exec, "FAILED", { error: verdict.error });
        return;
      default: {
        exec.consecutiveFailures = 0;
        if (exec.undelivered.size > 0 || exec.readyCount > 0) {
          this.requestInvocation(exec);
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
}

/** Crash simulation: the invocation dies with `Runtime.ExitError`. No-op once it ended. */
export function killInvocation(inv: InvocationRecord): void {
  if (!inv.active || inv.killed) return;
  inv.killed = true;
  for (const listener of inv.killListeners ?? []) listener();
  inv.kill?.({
    ErrorType: "Runtime.ExitError",
    ErrorMessage: `RequestId: ${inv.requestId} Error: Runtime exited without providing a reason`,
  });
}
