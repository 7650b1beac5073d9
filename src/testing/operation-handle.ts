/** `DurableOperation` handles. */
import type { OperationSubType } from "../types/operation-sub-type";
import type { ErrorObject, Operation, OperationStatus, OperationType } from "../types/wire";
import { parseStored, toLambdaOperation, toTestResultError } from "./conversions";
import { WaitingOperationStatus } from "./enums";
import type { OperationLocator, OperationView } from "./operation-view";
import type { Operation as LambdaOperation } from "./operation-types";
import { isFinishedStatus } from "../context/finished-status";
import { copyEvent, deepCopy, type Event } from "./service/state/history-event";
import type {
  CallbackDetails,
  ChainedInvokeDetails,
  ContextDetails,
  DurableOperation,
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
  StepDetails,
  WaitResultDetails,
} from "./types";

/** Where a handle reads its data: `view` may be swapped by the runner when a new run starts. */
export interface ViewSource {
  view: OperationView;
  /** Set once a run fed by this source has finished. */
  finished?: boolean;
}

/**
 * Where a handle sends callback responses: the embedded service locally, the Lambda API
 * through a `LambdaClient` in the cloud. `DurableExecutionService` fits as it is.
 */
export interface CallbackSender {
  sendDurableExecutionCallbackSuccess(request: {
    CallbackId: string;
    Result?: string;
  }): Promise<SendDurableExecutionCallbackSuccessResponse>;
  sendDurableExecutionCallbackFailure(request: {
    CallbackId: string;
    Error?: ErrorObject;
  }): Promise<SendDurableExecutionCallbackFailureResponse>;
  sendDurableExecutionCallbackHeartbeat(request: {
    CallbackId: string;
  }): Promise<SendDurableExecutionCallbackHeartbeatResponse>;
}

/** What a handle needs from its runner. */
export interface HandleHost {
  /** Where callback responses go (throws when that is not available, e.g. no environment). */
  callbacks(): CallbackSender;
  /** True while a `run()` that feeds `source` is in progress or may still start (no run finished yet). */
  isRunning(source: ViewSource): boolean;
  /** Parks a `waitForData` until the handle is satisfied or the run ends. */
  addWaiter(waiter: DataWaiter): void;
  /**
   * Why this runner cannot wait for data it does not have yet (e.g. a cloud run invoked
   * synchronously), or `undefined` when it can.
   */
  waitUnsupportedReason?(): string | undefined;
}

/** A pending `waitForData`. */
export interface DataWaiter {
  handle: OperationHandle;
  status: WaitingOperationStatus;
  resolve: () => void;
  reject: (error: Error) => void;
  error: Error;
}

/** Builds the `waitForData` rejection message. */
export function notFoundMessage(status: WaitingOperationStatus): string {
  return (
    `Operation was not found after execution completion. Expected status: ${status}. ` +
    "This typically means the operation was never executed or the test is waiting for the wrong operation."
  );
}

/** A handle on one operation, resolved through its locator every time it is read. */
export class OperationHandle<TResult = any> implements DurableOperation<TResult> {
  constructor(
    private readonly source: ViewSource,
    private readonly locator: OperationLocator,
    private readonly host: HandleHost,
  ) {}

  private data(): Operation | undefined {
    return this.source.view.resolve(this.locator);
  }

  /** True when the operation has reached the requested stage. */
  isSatisfied(status: WaitingOperationStatus): boolean {
    const op = this.data();
    if (!op) return false;
    if (isFinishedStatus(op.Status)) return true;
    if (isWaitForCallbackOp(op)) {
      const children = this.source.view.children.get(op.Id) ?? [];
      const callback = children.find((c) => c.Type === "CALLBACK");
      const submitter = children.find((c) => c.Type === "STEP");
      switch (status) {
        case WaitingOperationStatus.STARTED:
          return callback !== undefined || submitter !== undefined;
        case WaitingOperationStatus.SUBMITTED:
          return (
            (submitter !== undefined && isFinishedStatus(submitter.Status)) ||
            (callback !== undefined && isFinishedStatus(callback.Status))
          );
        default:
          return callback !== undefined && isFinishedStatus(callback.Status);
      }
    }
    return status === WaitingOperationStatus.STARTED;
  }

  waitForData(
    status: WaitingOperationStatus = WaitingOperationStatus.STARTED,
  ): Promise<DurableOperation<TResult>> {
    const error = new Error(notFoundMessage(status));
    if (this.isSatisfied(status)) return Promise.resolve(this);
    if (!this.host.isRunning(this.source)) return Promise.reject(error);
    const unsupported = this.host.waitUnsupportedReason?.();
    if (unsupported !== undefined) return Promise.reject(new Error(unsupported));
    return new Promise((resolve, reject) => {
      this.host.addWaiter({ handle: this, status, resolve: () => resolve(this), reject, error });
    });
  }

  getContextDetails(): ContextDetails<TResult> | undefined {
    const op = this.data();
    if (!op) return undefined;
    if (op.Type !== "CONTEXT") throw new Error(`Operation type ${op.Type} is not CONTEXT`);
    return {
      result: parseStored(op.ContextDetails?.Result),
      error: toTestResultError(op.ContextDetails?.Error),
    };
  }

  getStepDetails(): StepDetails<TResult> | undefined {
    const op = this.data();
    if (!op) return undefined;
    if (op.Type !== "STEP") throw new Error(`Operation type ${op.Type} is not STEP`);
    const d = op.StepDetails;
    return {
      attempt: d?.Attempt,
      nextAttemptTimestamp: d?.NextAttemptTimestamp
        ? new Date(d.NextAttemptTimestamp.getTime())
        : undefined,
      result: parseStored(d?.Result),
      error: toTestResultError(d?.Error),
    };
  }

  getChainedInvokeDetails(): ChainedInvokeDetails<TResult> | undefined {
    const op = this.data();
    if (!op) return undefined;
    if (op.Type !== "CHAINED_INVOKE") throw new Error(`Operation type ${op.Type} is not INVOKE`);
    const raw = op.ChainedInvokeDetails?.Result;
    let result: TResult | undefined;
    if (typeof raw === "string" && raw.length > 0) {
      try {
        result = JSON.parse(raw);
      } catch (cause) {
        throw new Error("Could not parse result for invoke details", { cause });
      }
    }
    return { result, error: toTestResultError(op.ChainedInvokeDetails?.Error) };
  }

  getCallbackDetails(): CallbackDetails<TResult> | undefined {
    const op = this.data();
    if (!op) return undefined;
    const callback = this.callbackOperation(op);
    const id = callback.CallbackDetails?.CallbackId;
    if (!id) throw new Error("Could not find callback ID in callback details");
    return {
      callbackId: id,
      error: toTestResultError(callback.CallbackDetails?.Error),
      result: parseStored(callback.CallbackDetails?.Result),
    };
  }

  getWaitDetails(): WaitResultDetails | undefined {
    const op = this.data();
    if (!op) return undefined;
    if (op.Type !== "WAIT") throw new Error(`Operation type ${op.Type} is not WAIT`);
    const first = this.source.view.eventsById.get(op.Id)?.[0];
    const details = first?.EventType === "WaitStarted" ? first.WaitStartedDetails : undefined;
    if (!details) throw new Error("First wait event does not have WaitStartedDetails");
    return {
      waitSeconds: details.Duration,
      scheduledEndTimestamp: details.ScheduledEndTimestamp
        ? new Date(details.ScheduledEndTimestamp.getTime())
        : undefined,
    };
  }

  getChildOperations(): DurableOperation[] | undefined {
    const op = this.data();
    if (!op) return undefined;
    if (!op.Id) throw new Error("Could not find operation ID");
    return (this.source.view.children.get(op.Id) ?? []).map(
      (child) => new OperationHandle(this.source, { kind: "id", id: child.Id }, this.host),
    );
  }

  getOperationData(): LambdaOperation | undefined {
    const op = this.data();
    return op ? toLambdaOperation(deepCopy(op)) : undefined;
  }

  getEvents(): Event[] | undefined {
    const op = this.data();
    if (!op) return undefined;
    return (this.source.view.eventsById.get(op.Id) ?? []).map(copyEvent);
  }

  getId(): string | undefined {
    return this.data()?.Id;
  }

  getParentId(): string | undefined {
    return this.data()?.ParentId;
  }

  getName(): string | undefined {
    return this.data()?.Name;
  }

  getType(): OperationType | undefined {
    return this.data()?.Type;
  }

  getSubType(): OperationSubType | undefined {
    return this.data()?.SubType as OperationSubType | undefined;
  }

  isWaitForCallback(): boolean {
    const op = this.data();
    return op !== undefined && isWaitForCallbackOp(op);
  }

  isCallback(): boolean {
    return this.data()?.Type === "CALLBACK";
  }

  getStatus(): OperationStatus | undefined {
    return this.data()?.Status;
  }

  getStartTimestamp(): Date | undefined {
    const t = this.data()?.StartTimestamp;
    return t ? new Date(t.getTime()) : undefined;
  }

  getEndTimestamp(): Date | undefined {
    const t = this.data()?.EndTimestamp;
    return t ? new Date(t.getTime()) : undefined;
  }

  sendCallbackSuccess(result?: string): Promise<SendDurableExecutionCallbackSuccessResponse> {
    const callbackId = this.requireCallbackId();
    return this.host
      .callbacks()
      .sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: result });
  }

  sendCallbackFailure(error?: ErrorObject): Promise<SendDurableExecutionCallbackFailureResponse> {
    const callbackId = this.requireCallbackId();
    return this.host
      .callbacks()
      .sendDurableExecutionCallbackFailure({ CallbackId: callbackId, Error: error });
  }

  sendCallbackHeartbeat(): Promise<SendDurableExecutionCallbackHeartbeatResponse> {
    const callbackId = this.requireCallbackId();
    return this.host.callbacks().sendDurableExecutionCallbackHeartbeat({ CallbackId: callbackId });
  }

  private requireCallbackId(): string {
    const details = this.getCallbackDetails();
    if (!details) throw new Error("Could not find callback details");
    return details.callbackId;
  }

  private callbackOperation(op: Operation): Operation {
    if (op.Type === "CALLBACK") return op;
    if (isWaitForCallbackOp(op)) {
      const child = (this.source.view.children.get(op.Id) ?? []).find((c) => c.Type === "CALLBACK");
      if (!child) throw new Error("Could not find CALLBACK operation in WAIT_FOR_CALLBACK context");
      return child;
    }
    throw new Error(
      `Operation with Type ${op.Type} and SubType ${op.SubType} is not a valid callback`,
    );
  }
}

function isWaitForCallbackOp(op: Operation): boolean {
  return op.Type === "CONTEXT" && op.SubType === "WaitForCallback";
}
