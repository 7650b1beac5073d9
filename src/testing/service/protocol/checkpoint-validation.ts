/**
 * Batch validation of a checkpoint request. Runs before any
 * update is applied; the first violation rejects the whole request with an
 * `InvalidParameterValueException`.
 */
import type {
  Operation,
  OperationAction,
  OperationStatus,
  OperationType,
  OperationUpdate,
} from "../../../types/wire";
import { invalidParameter } from "./service-errors";
import {
  assertWithinByteLimit,
  MAX_DURATION_SECONDS,
  type ServiceLimits,
  utf8Length,
} from "./service-limits";

const ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const SUBTYPE_PATTERN = /^[a-zA-Z0-9_-]{1,32}$/;
const NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;
const TENANT_PATTERN = /^[a-zA-Z0-9._:/=+\-@ ]{1,256}$/;

const VALID_ACTIONS: Record<OperationType, readonly OperationAction[]> = {
  STEP: ["START", "SUCCEED", "FAIL", "RETRY"],
  CONTEXT: ["START", "SUCCEED", "FAIL"],
  WAIT: ["START", "CANCEL"],
  CALLBACK: ["START"],
  CHAINED_INVOKE: ["START"],
  EXECUTION: ["SUCCEED", "FAIL"],
};

/** What validation knows about an operation: its record, or what earlier updates of the batch made of it. */
interface Known {
  Type: OperationType;
  Status: OperationStatus;
  Name?: string;
  SubType?: string;
  ParentId?: string;
}

const RESULT_STATUS: Record<OperationAction, OperationStatus> = {
  START: "STARTED",
  SUCCEED: "SUCCEEDED",
  FAIL: "FAILED",
  RETRY: "PENDING",
  CANCEL: "CANCELLED",
};

/**
 * Validates `updates` against the execution's current operations. Throws the first violation.
 * @param lookup returns the recorded operation with an id, if any.
 */
export function validateCheckpointUpdates(
  updates: readonly OperationUpdate[],
  lookup: (id: string) => Operation | undefined,
  limits: ServiceLimits,
): void {
  if (!Array.isArray(updates))
    throw invalidParameter("Updates must be a list of operation updates.");
  if (updates.length > limits.updatesPerCheckpoint) {
    throw invalidParameter(
      `Too many updates in one checkpoint: ${updates.length} exceeds the limit of ${limits.updatesPerCheckpoint}.`,
    );
  }
  // 4.1: EXECUTION updates
  const executionIndexes: number[] = [];
  updates.forEach((u, i) => {
    if (u?.Type === "EXECUTION") executionIndexes.push(i);
  });
  if (executionIndexes.length > 1)
    throw invalidParameter("Cannot checkpoint multiple EXECUTION updates.");
  if (executionIndexes.length === 1 && executionIndexes[0] !== updates.length - 1) {
    throw invalidParameter("EXECUTION checkpoint must be the last update.");
  }

  // 4.2: ids, duplicates, parents
  const seen = new Map<string, { count: number; first: OperationUpdate }>();
  const contextsStarted = new Set<string>();
  for (const u of updates) {
    if (!u || typeof u.Id !== "string" || u.Id.length === 0)
      throw invalidParameter("Operation update must have an Id.");
    const prior = seen.get(u.Id);
    if (prior) {
      const pairOk =
        prior.count === 1 &&
        (u.Type === "STEP" || u.Type === "CONTEXT") &&
        prior.first.Action === "START" &&
        u.Action !== "START";
      if (!pairOk)
        throw invalidParameter("Cannot update the same operation twice in a single request.");
      prior.count++;
    } else {
      seen.set(u.Id, { count: 1, first: u });
    }
    if (u.ParentId !== undefined && u.Type !== "EXECUTION") {
      const parent = lookup(u.ParentId);
      if (!(parent?.Type === "CONTEXT" || contextsStarted.has(u.ParentId))) {
        throw invalidParameter("Invalid parent operation id.");
      }
    }
    if (u.Type === "CONTEXT" && u.Action === "START") contextsStarted.add(u.Id);
  }

  // 4.3: fields, consistency, actions, transitions
  const simulated = new Map<string, Known>();
  for (const u of updates) {
    checkFields(u, limits);
    if (typeof u.Type !== "string" || !(u.Type in VALID_ACTIONS))
      throw invalidParameter("Unknown operation type.");
    const type = u.Type as OperationType;
    if (
      typeof u.Action !== "string" ||
      !VALID_ACTIONS[type].includes(u.Action as OperationAction)
    ) {
      throw invalidParameter("Invalid action for the given operation type.");
    }
    if (type === "EXECUTION") {
      checkExclusivity(u);
      continue;
    }
    const known: Known | undefined = simulated.get(u.Id) ?? lookup(u.Id);
    if (known) checkConsistency(u, known);
    const status = checkTransition(u, type, known?.Status);
    simulated.set(u.Id, {
      Type: type,
      Status: status,
      Name: known ? known.Name : u.Name,
      SubType: known ? known.SubType : u.SubType,
      ParentId: known ? known.ParentId : u.ParentId,
    });
  }
}

function fieldError(field: string, rule: string): Error {
  return invalidParameter(`Invalid value for ${field}: ${rule}.`);
}

function checkFields(u: OperationUpdate, limits: ServiceLimits): void {
  if (!ID_PATTERN.test(u.Id as string))
    throw fieldError("Id", "must be 1-64 characters of [a-zA-Z0-9-_]");
  if (
    u.ParentId !== undefined &&
    (typeof u.ParentId !== "string" || !ID_PATTERN.test(u.ParentId))
  ) {
    throw fieldError("ParentId", "must be 1-64 characters of [a-zA-Z0-9-_]");
  }
  if (u.Name !== undefined && (typeof u.Name !== "string" || !NAME_PATTERN.test(u.Name))) {
    throw fieldError("Name", "must be 1-256 printable ASCII characters");
  }
  if (
    u.SubType !== undefined &&
    (typeof u.SubType !== "string" || !SUBTYPE_PATTERN.test(u.SubType))
  ) {
    throw fieldError("SubType", "must be 1-32 characters of [a-zA-Z0-9-_]");
  }
  checkDuration("WaitOptions.WaitSeconds", u.WaitOptions?.WaitSeconds);
  checkDuration("StepOptions.NextAttemptDelaySeconds", u.StepOptions?.NextAttemptDelaySeconds);
  checkNonNegative("CallbackOptions.TimeoutSeconds", u.CallbackOptions?.TimeoutSeconds);
  checkNonNegative(
    "CallbackOptions.HeartbeatTimeoutSeconds",
    u.CallbackOptions?.HeartbeatTimeoutSeconds,
  );
  const invoke = u.ChainedInvokeOptions;
  if (invoke) {
    const fn = invoke.FunctionName;
    if (fn !== undefined && (typeof fn !== "string" || fn.length < 1 || fn.length > 256)) {
      throw fieldError("ChainedInvokeOptions.FunctionName", "must be 1-256 characters");
    }
    if (
      invoke.TenantId !== undefined &&
      (typeof invoke.TenantId !== "string" || !TENANT_PATTERN.test(invoke.TenantId))
    ) {
      throw fieldError(
        "ChainedInvokeOptions.TenantId",
        "must be 1-256 characters of [a-zA-Z0-9._:/=+-@ ]",
      );
    }
  }
  if (u.Payload !== undefined) {
    if (typeof u.Payload !== "string") throw fieldError("Payload", "must be a string");
    const limit =
      u.Type === "EXECUTION" ? limits.executionPayloadBytes : limits.operationPayloadBytes;
    if (u.Payload.length > limit / 3)
      assertWithinByteLimit("Payload", utf8Length(u.Payload), limit);
  }
  if (u.Error !== undefined) {
    if (typeof u.Error !== "object" || u.Error === null)
      throw fieldError("Error", "must be an ErrorObject");
    assertWithinByteLimit("Error", utf8Length(JSON.stringify(u.Error)), limits.errorBytes);
  }
}

function checkDuration(field: string, value: unknown): void {
  if (value === undefined) return;
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_DURATION_SECONDS
  ) {
    throw fieldError(field, `must be an integer between 1 and ${MAX_DURATION_SECONDS}`);
  }
}

function checkNonNegative(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw fieldError(field, "must be an integer greater than or equal to 0");
  }
}

function checkConsistency(u: OperationUpdate, known: Known): void {
  if (u.Type !== known.Type) throw invalidParameter("Inconsistent operation type.");
  if (u.SubType !== undefined && u.SubType !== known.SubType)
    throw invalidParameter("Inconsistent operation subtype.");
  if (u.Name !== undefined && u.Name !== known.Name)
    throw invalidParameter("Inconsistent operation name.");
  if (u.ParentId !== undefined && u.ParentId !== known.ParentId) {
    throw invalidParameter("Inconsistent parent operation id.");
  }
}

function checkExclusivity(u: OperationUpdate): void {
  if (u.Action === "SUCCEED" && u.Error !== undefined)
    throw invalidParameter("Cannot provide an Error for SUCCEED action.");
  if (u.Action === "FAIL" && u.Payload !== undefined)
    throw invalidParameter("Cannot provide a Payload for FAIL action.");
}

function checkTransition(
  u: OperationUpdate,
  type: OperationType,
  current: OperationStatus | undefined,
): OperationStatus {
  const action = u.Action as OperationAction;
  const fromNoneOr = (...statuses: OperationStatus[]) =>
    current === undefined || statuses.includes(current);
  switch (type) {
    case "STEP":
      if (action === "START" && !fromNoneOr("READY"))
        throw invalidParameter("Invalid current STEP state to start.");
      if ((action === "SUCCEED" || action === "FAIL") && !fromNoneOr("STARTED", "READY")) {
        throw invalidParameter("Invalid current STEP state to close.");
      }
      if (action === "RETRY") {
        if (!fromNoneOr("STARTED", "READY"))
          throw invalidParameter("Invalid current STEP state to re-attempt.");
        if (u.StepOptions?.NextAttemptDelaySeconds === undefined) {
          throw invalidParameter("Invalid StepOptions for the given action.");
        }
        if (u.Error !== undefined && u.Payload !== undefined) {
          throw invalidParameter("Cannot provide both error and payload to RETRY a STEP.");
        }
      }
      break;
    case "CONTEXT":
      if (action === "START" && current !== undefined)
        throw invalidParameter("Cannot start a CONTEXT that already exists.");
      if (action !== "START" && !fromNoneOr("STARTED"))
        throw invalidParameter("Invalid current CONTEXT state to close.");
      break;
    case "WAIT":
      if (action === "START") {
        if (current !== undefined)
          throw invalidParameter("Cannot start a WAIT that already exists.");
        if (u.WaitOptions?.WaitSeconds === undefined)
          throw invalidParameter("Invalid WaitOptions for the given action.");
      }
      if (action === "CANCEL" && current !== "STARTED") {
        throw invalidParameter(
          "Cannot cancel a WAIT that does not exist or has already completed.",
        );
      }
      break;
    case "CALLBACK":
      if (current !== undefined)
        throw invalidParameter("Cannot start a CALLBACK that already exists.");
      break;
    case "CHAINED_INVOKE":
      if (current !== undefined)
        throw invalidParameter("Cannot start a CHAINED_INVOKE that already exists.");
      if (!u.ChainedInvokeOptions?.FunctionName) {
        throw invalidParameter("Invalid ChainedInvokeOptions for the given action.");
      }
      break;
    default:
      break;
  }
  checkExclusivity(u);
  return RESULT_STATUS[action];
}
