import { trace, type SpanContext } from "@opentelemetry/api";
import type {
  AttemptEndInfo,
  InvocationInfo,
  OperationEndInfo,
  OperationInfo,
} from "../plugins/plugin-types";

/** What one invocation saw of one operation. */
export interface SeenOperation {
  /** The latest info (start or end). */
  info: OperationInfo;
  /** The operation had started in an earlier invocation and this one resumed it. */
  resumed: boolean;
  /** When this invocation first heard of it. */
  seenAt: Date;
  /** Set when the operation ended in this invocation (not a replayed end). */
  ended?: OperationEndInfo;
  endedAt?: Date;
}

/** The facts one invocation collects for its spans, emitted when the invocation ends. */
export class InvocationRecord {
  readonly executionArn: string;
  readonly requestId: string;
  readonly isFirstInvocation: boolean;
  readonly hasUpdates: boolean;
  readonly start = new Date();
  /** The active span when the invocation started (e.g. the Lambda layer's), if any. */
  readonly ambient: SpanContext | undefined;
  readonly operations = new Map<string, SeenOperation>();
  readonly attempts: AttemptEndInfo[] = [];

  constructor(info: InvocationInfo) {
    this.executionArn = info.executionArn;
    this.requestId = info.requestId;
    this.isFirstInvocation = info.isFirstInvocation;
    this.hasUpdates = Object.keys(info.updatedOperations).length > 0;
    const active = trace.getActiveSpan()?.spanContext();
    this.ambient = active && trace.isSpanContextValid(active) ? active : undefined;
  }

  /** An operation runs in this invocation (new, or resumed from an earlier one). */
  started(info: OperationInfo): void {
    const seen = this.operations.get(info.id);
    if (seen) seen.info = info;
    else this.operations.set(info.id, { info, resumed: info.isReplay, seenAt: new Date() });
  }

  /** An operation ended; a replayed end (already reported by an earlier invocation) is ignored. */
  ended(info: OperationEndInfo): void {
    if (info.isReplay) return;
    const seen = this.operations.get(info.id) ?? { info, resumed: true, seenAt: new Date() };
    seen.info = info;
    seen.ended = info;
    seen.endedAt = new Date();
    this.operations.set(info.id, seen);
  }

  /** One attempt of a step or condition check ended. */
  attemptEnded(info: AttemptEndInfo): void {
    this.attempts.push(info);
  }

  /** True when this invocation did new work: a pure replay of a finished execution did none. */
  get didWork(): boolean {
    return (
      this.isFirstInvocation ||
      this.hasUpdates ||
      this.attempts.length > 0 ||
      [...this.operations.values()].some((op) => op.ended || !op.resumed)
    );
  }
}
