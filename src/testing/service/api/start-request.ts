/** Validation of a `StartDurableExecution` request into the settings of a new execution. */
import { functionArn, requireFunctionReference } from "../protocol/identifiers";
import type { ServiceCore } from "../service-core";
import {
  DurableServiceError,
  invalidParameter,
  resourceNotFound,
} from "../protocol/service-errors";
import { MAX_DURATION_SECONDS, utf8Length } from "../protocol/service-limits";
import type {
  RegisteredFunction,
  StartDurableExecutionRequest,
  StartExecutionOptions,
} from "./service-types";

const EXECUTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** The Lambda model's pattern of `Qualifier` (1-128 characters when present). */
const QUALIFIER_MODEL_PATTERN = /^[a-zA-Z0-9$_-]{1,128}$/;
/** What a qualifier must be to name something: `$LATEST`, a version number, or an alias name. */
const VERSION_OR_ALIAS = /^(\$LATEST|[0-9]+|(?![0-9]+$)[a-zA-Z0-9_-]+)$/;

/**
 * Refuses a qualifier as Lambda does: one that breaks the model's pattern is a
 * `ValidationException`; one that fits it but is neither `$LATEST`, a version number nor an
 * alias name (e.g. `$PROD`) names no function: `ResourceNotFoundException`. `undefined` and
 * the empty string mean "unqualified".
 */
export function validateQualifier(
  core: ServiceCore,
  functionName: string,
  qualifier: string | undefined,
): void {
  if (qualifier === undefined || qualifier === "") return;
  if (!QUALIFIER_MODEL_PATTERN.test(qualifier)) {
    throw new DurableServiceError(
      "ValidationException",
      `1 validation error detected: Value '${qualifier}' at 'qualifier' failed to satisfy constraint: ` +
        "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)",
    );
  }
  if (!VERSION_OR_ALIAS.test(qualifier)) {
    throw resourceNotFound(
      `Function not found: ${functionArn(core.arnSettings, functionName)}:${qualifier}`,
    );
  }
}
const DEFAULT_RETENTION_DAYS = 14;

/** A start request after validation and defaulting. */
export interface ValidStartRequest {
  functionName: string;
  version: string;
  fn: RegisteredFunction;
  /** The caller-chosen execution name, if any. */
  name: string | undefined;
  timeoutSeconds: number;
  retentionDays: number;
  input: string;
}

/** Checks a start request in the service's order and fills in its defaults. */
export function validateStartRequest(
  core: ServiceCore,
  request: StartDurableExecutionRequest,
  options: StartExecutionOptions,
): ValidStartRequest {
  const ref = requireFunctionReference(request?.FunctionName);
  const functionName = ref.name;
  validateQualifier(core, functionName, request.Qualifier);
  validateQualifier(core, functionName, ref.qualifier);
  const version = request.Qualifier || ref.qualifier || "$LATEST";
  const fn = options.handler ?? core.store.resolveFunction(request.FunctionName);
  if (!fn)
    throw resourceNotFound(
      `Function not found: ${functionArn(core.arnSettings, functionName)}:${version}`,
    );
  const name = request.DurableExecutionName;
  if (name !== undefined && !EXECUTION_NAME_PATTERN.test(name)) {
    throw invalidParameter(
      "Invalid value for DurableExecutionName: must be 1-64 characters of [a-zA-Z0-9-_].",
    );
  }
  const timeoutSeconds =
    request.ExecutionTimeout ?? core.options.defaultExecutionTimeoutSeconds ?? MAX_DURATION_SECONDS;
  if (
    !Number.isInteger(timeoutSeconds) ||
    timeoutSeconds < 1 ||
    timeoutSeconds > MAX_DURATION_SECONDS
  ) {
    throw invalidParameter(
      `Invalid value for ExecutionTimeout: must be an integer between 1 and ${MAX_DURATION_SECONDS}.`,
    );
  }
  const retentionDays = request.RetentionPeriodInDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 90) {
    throw invalidParameter(
      "Invalid value for RetentionPeriodInDays: must be an integer between 1 and 90.",
    );
  }
  const input = request.Payload === undefined || request.Payload === "" ? "{}" : request.Payload;
  const inputSize = utf8Length(input);
  if (inputSize > core.limits.inputPayloadBytes) {
    throw new DurableServiceError(
      "RequestTooLargeException",
      `Request payload size ${inputSize} bytes exceeds the limit of ${core.limits.inputPayloadBytes} bytes.`,
    );
  }
  return { functionName, version, fn, name, timeoutSeconds, retentionDays, input };
}
