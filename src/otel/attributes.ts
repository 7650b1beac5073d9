import type { Attributes } from "@opentelemetry/api";
import type { OperationInfo } from "../plugins/plugin-types";

/**
 * Attribute keys the durable OpenTelemetry plugin sets on its spans.
 *
 * @example
 * ```ts
 * const failedSteps = spans.filter(
 *   (s) => s.attributes[DurableAttributes.OPERATION_STATUS] === "FAILED",
 * );
 * ```
 */
export const DurableAttributes = {
  EXECUTION_ARN: "durable.execution.arn",
  INVOCATION_REQUEST_ID: "durable.invocation.request_id",
  INVOCATION_FIRST: "durable.invocation.first",
  INVOCATION_STATUS: "durable.invocation.status",
  OPERATION_ID: "durable.operation.id",
  OPERATION_PARENT_ID: "durable.operation.parent_id",
  OPERATION_NAME: "durable.operation.name",
  OPERATION_TYPE: "durable.operation.type",
  OPERATION_SUBTYPE: "durable.operation.subtype",
  OPERATION_STATUS: "durable.operation.status",
  ATTEMPT: "durable.operation.attempt",
  ATTEMPT_OUTCOME: "durable.attempt.outcome",
  /** True when the operation had started in an earlier invocation and this one resumed it. */
  REPLAY: "durable.replay",
  /** Set when the span's provider did not honour the deterministic span id. */
  INTENDED_SPAN_ID: "durable.span_id",
  /** Semantic-convention attribute for the class of error that ended the span. */
  ERROR_TYPE: "error.type",
} as const;

const LABELS: Record<string, string> = {
  Step: "step",
  Wait: "wait",
  Callback: "callback",
  ChainedInvoke: "invoke",
  RunInChildContext: "child context",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "parallel branch",
  WaitForCallback: "wait for callback",
  WaitForCondition: "wait for condition",
  STEP: "step",
  WAIT: "wait",
  CALLBACK: "callback",
  CHAINED_INVOKE: "invoke",
  CONTEXT: "child context",
};

/** `step charge`, `map item` — the kind of operation, then its name when it has one. */
export function operationSpanName(info: Pick<OperationInfo, "type" | "subType" | "name">): string {
  const label = LABELS[info.subType ?? ""] ?? LABELS[info.type] ?? info.type.toLowerCase();
  return info.name ? `${label} ${info.name}` : label;
}

/** The error type to record: the durable error's `errorType`, else the error's name. */
export function errorTypeOf(error: Error | undefined): string | undefined {
  if (!error) return undefined;
  const typed = (error as { errorType?: unknown }).errorType;
  return typeof typed === "string" ? typed : error.name;
}

/** Attributes describing one operation. */
export function operationAttributes(arn: string, info: OperationInfo): Attributes {
  const attributes: Attributes = {
    [DurableAttributes.EXECUTION_ARN]: arn,
    [DurableAttributes.OPERATION_ID]: info.id,
    [DurableAttributes.OPERATION_TYPE]: info.type,
  };
  if (info.parentId) attributes[DurableAttributes.OPERATION_PARENT_ID] = info.parentId;
  if (info.name !== undefined) attributes[DurableAttributes.OPERATION_NAME] = info.name;
  if (info.subType) attributes[DurableAttributes.OPERATION_SUBTYPE] = info.subType;
  if (info.status) attributes[DurableAttributes.OPERATION_STATUS] = info.status;
  if (info.attempt !== undefined) attributes[DurableAttributes.ATTEMPT] = info.attempt;
  const errorType = errorTypeOf(info.error);
  if (errorType) attributes[DurableAttributes.ERROR_TYPE] = errorType;
  return attributes;
}

/** Operation statuses that mark the span as an error. */
export const ERROR_STATUSES: ReadonlySet<string> = new Set(["FAILED", "TIMED_OUT", "STOPPED"]);
