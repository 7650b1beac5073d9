/**
 * How a failed service call is classified: whether it ends only this invocation (Lambda
 * retries it) or the whole execution, and whether the batcher retries it within the invocation.
 */
import {
  classifyCheckpointFailure,
  classifyStateLoadFailure,
  isInvalidTokenError,
  isKmsError,
  isTransientFailure,
} from "../../src/checkpoint/failure-classification";
import { DurableExecutionClientError } from "../../src/errors/durable-execution-client-error";

/** An error shaped like the AWS SDK's service exceptions. */
function awsError(name: string, status: number, message = "failed"): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

const KMS = [
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSInvalidStateException",
  "KMSNotFoundException",
];

describe("checkpoint failures", () => {
  test.each<[string, unknown, "INVOCATION" | "EXECUTION", boolean]>([
    ...KMS.map((name): [string, unknown, "EXECUTION", boolean] => [
      name,
      awsError(name, 502),
      "EXECUTION",
      false,
    ]),
    [
      "an invalid checkpoint token (400)",
      awsError("InvalidParameterValueException", 400, "Invalid Checkpoint Token: stale"),
      "INVOCATION",
      false,
    ],
    [
      "another invalid parameter (400)",
      awsError("InvalidParameterValueException", 400, "Invalid value for Updates"),
      "EXECUTION",
      false,
    ],
    ["a conflict (409)", awsError("ConflictException", 409), "EXECUTION", false],
    ["a 499", awsError("ClientClosed", 499), "EXECUTION", false],
    ["throttling (429)", awsError("TooManyRequestsException", 429), "INVOCATION", true],
    ["a 399", awsError("Odd", 399), "INVOCATION", true],
    ["a server error (500)", awsError("ServiceException", 500), "INVOCATION", true],
    ["a network error (no status)", new Error("socket hang up"), "INVOCATION", true],
    [
      "a status that is not a number",
      Object.assign(new Error("odd"), { $metadata: { httpStatusCode: "400" } }),
      "INVOCATION",
      true,
    ],
    ["something thrown that is not an error", "boom", "INVOCATION", true],
    ["undefined", undefined, "INVOCATION", true],
    [
      "a client error scoped to the execution",
      new DurableExecutionClientError("no", { scope: "EXECUTION" }),
      "EXECUTION",
      false,
    ],
    [
      "a client error scoped to the invocation, even with a 4xx status",
      Object.assign(new DurableExecutionClientError("no", { scope: "INVOCATION" }), {
        $metadata: { httpStatusCode: 400 },
      }),
      "INVOCATION",
      false,
    ],
  ])("%s: %s scope, retried within the invocation: %s", (_title, error, scope, transient) => {
    expect([classifyCheckpointFailure(error), isTransientFailure(error)]).toEqual([
      scope,
      transient,
    ]);
  });
});

describe("state-loading failures", () => {
  test.each<[string, unknown, "INVOCATION" | "EXECUTION"]>([
    ...KMS.map((name): [string, unknown, "EXECUTION"] => [name, awsError(name, 400), "EXECUTION"]),
    ["a 400 that is not KMS", awsError("InvalidParameterValueException", 400), "INVOCATION"],
    ["a server error", awsError("ServiceException", 500), "INVOCATION"],
    [
      "a client error scoped to the execution",
      new DurableExecutionClientError("no", { scope: "EXECUTION" }),
      "EXECUTION",
    ],
    ["a plain error", new Error("x"), "INVOCATION"],
  ])("%s: %s scope", (_title, error, scope) => {
    expect(classifyStateLoadFailure(error)).toBe(scope);
  });
});

test("the KMS check reads only the name of an object", () => {
  expect(isKmsError({ name: "KMSDisabledException" })).toBe(true);
  expect(isKmsError({ name: "KMSDisabled" })).toBe(false);
  expect(isKmsError("KMSDisabledException")).toBe(false);
  expect(isKmsError(null)).toBe(false);
});

test("an invalid token is recognised by its name and the start of its message", () => {
  const named = (name: string, message: unknown) => ({ name, message });
  expect(
    isInvalidTokenError(named("InvalidParameterValueException", "Invalid Checkpoint Token x")),
  ).toBe(true);
  expect(
    isInvalidTokenError(named("InvalidParameterValueException", "x Invalid Checkpoint Token")),
  ).toBe(false);
  expect(isInvalidTokenError(named("ValidationException", "Invalid Checkpoint Token x"))).toBe(
    false,
  );
  expect(isInvalidTokenError(named("InvalidParameterValueException", 42))).toBe(false);
  expect(isInvalidTokenError(undefined)).toBe(false);
});
