/** `TestResult`: an immutable snapshot of one run. */
import type { ErrorObject, OperationStatus } from "../types/wire";
import { parseStored, toTestResultError } from "./conversions";
import type { ExecutionStatus } from "./enums";
import { type HandleHost, OperationHandle } from "./operation-handle";
import type { OperationView } from "./operation-view";
import { printOperations } from "./print-operations";
import { copyEvent, type Event } from "./service/state/history-event";
import { renderTimelineHtml } from "./timeline";
import type { TimelineOptions } from "./timeline/render-html";
import type {
  DurableOperation,
  Invocation,
  PrintConfig,
  TestResult,
  TestResultError,
} from "./types";

/** The result of `run()` of either runner: a snapshot of the execution's operations and history. */
export class RunTestResult<TResult = any> implements TestResult<TResult> {
  private readonly source: { view: OperationView; finished: boolean };

  constructor(
    snapshot: OperationView,
    private readonly status: ExecutionStatus | undefined,
    private readonly result: string | undefined,
    private readonly error: ErrorObject | undefined,
    private readonly host: HandleHost,
  ) {
    this.source = { view: snapshot, finished: true };
  }

  getOperations(params?: { status: OperationStatus }): DurableOperation[] {
    const ops = this.source.view.order.filter(
      (op) => !params?.status || op.Status === params.status,
    );
    return ops.map((op) => new OperationHandle(this.source, { kind: "id", id: op.Id }, this.host));
  }

  getInvocations(): Invocation[] {
    return this.source.view.events
      .filter((e) => e.EventType === "InvocationCompleted")
      .map((e) => {
        const d = e.InvocationCompletedDetails;
        return {
          startTimestamp: d?.StartTimestamp ? new Date(d.StartTimestamp.getTime()) : undefined,
          endTimestamp: d?.EndTimestamp ? new Date(d.EndTimestamp.getTime()) : undefined,
          requestId: d?.RequestId,
          error: toTestResultError(d?.Error?.Payload),
        };
      });
  }

  getStatus(): ExecutionStatus | undefined {
    return this.status;
  }

  getResult(): TResult | undefined {
    if (this.status === "SUCCEEDED") return parseStored(this.result);
    if (!this.error) throw new Error(`Execution failed with status "${this.status}"`);
    const error = new Error((this.error.ErrorMessage ?? "").trim());
    if (this.error.StackTrace && this.error.StackTrace.length > 0)
      error.stack = this.error.StackTrace.join("\n");
    throw error;
  }

  getError(): TestResultError {
    if (this.status === "SUCCEEDED") throw new Error("Cannot get error for succeeded execution");
    return (
      toTestResultError(this.error) ?? {
        errorMessage: `Execution failed with status "${this.status}"`,
        errorType: undefined,
        errorData: undefined,
        stackTrace: undefined,
      }
    );
  }

  getHistoryEvents(): Event[] {
    return this.source.view.events.map(copyEvent);
  }

  print(config?: PrintConfig): void {
    printOperations(this.source.view.order, config);
  }

  toTimelineHtml(options?: TimelineOptions): string {
    return renderTimelineHtml(this.source.view.events, options);
  }
}
