import {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableOperationError,
  InvokeError,
  PromiseCombinatorError,
  StepError,
  WaitForConditionError,
} from "../../src/errors";

type Ctor = new (message?: string, cause?: Error, errorData?: string) => DurableOperationError;

const concrete: Array<[Ctor, string, string]> = [
  [StepError, "StepError", "Step failed"],
  [CallbackError, "CallbackError", "Callback failed"],
  [CallbackExternalError, "CallbackExternalError", "Callback failed"],
  [CallbackTimeoutError, "CallbackTimeoutError", "Callback timed out"],
  [CallbackSubmitterError, "CallbackSubmitterError", "Callback submitter failed"],
  [InvokeError, "InvokeError", "Invoke failed"],
  [ChildContextError, "ChildContextError", "Child context failed"],
  [WaitForConditionError, "WaitForConditionError", "Wait for condition failed"],
  [PromiseCombinatorError, "PromiseCombinatorError", "Promise combinator failed"],
];

describe.each(concrete)("%p", (Cls, type, defaultMessage) => {
  it("uses the default message when none or an empty one is given", () => {
    expect(new Cls().message).toBe(defaultMessage);
    expect(new Cls("").message).toBe(defaultMessage);
  });

  it("keeps message, cause, errorData and names itself after the class", () => {
    const cause = new Error("inner");
    const error = new Cls("custom", cause, '{"a":1}');
    expect(error.message).toBe("custom");
    expect(error.cause).toBe(cause);
    expect(error.errorData).toBe('{"a":1}');
    expect(error.errorType).toBe(type);
    expect(error.name).toBe(type);
    expect(error).toBeInstanceOf(Cls);
    expect(error).toBeInstanceOf(DurableOperationError);
    expect(error).toBeInstanceOf(Error);
  });

  it("has errorType, cause, errorData and stackTrace as own fields", () => {
    const error = new Cls();
    for (const key of ["errorType", "cause", "errorData", "stackTrace"]) {
      expect(Object.prototype.hasOwnProperty.call(error, key)).toBe(true);
    }
    expect(error.stackTrace).toBeUndefined();
  });

  it("converts to an error record", () => {
    expect(new Cls("m", undefined, "d").toErrorObject()).toEqual({
      ErrorType: type,
      ErrorMessage: "m",
      ErrorData: "d",
      StackTrace: undefined,
    });
  });
});

describe("callback error family", () => {
  it("is caught as CallbackError", () => {
    expect(new CallbackExternalError()).toBeInstanceOf(CallbackError);
    expect(new CallbackTimeoutError()).toBeInstanceOf(CallbackError);
    expect(new CallbackSubmitterError()).toBeInstanceOf(CallbackError);
    expect(new StepError()).not.toBeInstanceOf(CallbackError);
  });
});

describe("BatchCompletionError", () => {
  it("derives its default message from the completion reason", () => {
    const error = new BatchCompletionError("CUSTOM_COMPLETION_FAILED");
    expect(error.message).toBe(
      "Batch completed as failed by shouldComplete (CUSTOM_COMPLETION_FAILED)",
    );
    expect(error.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(error.errorType).toBe("BatchCompletionError");
    expect(error.name).toBe("BatchCompletionError");
    expect(error).toBeInstanceOf(DurableOperationError);
  });

  it("keeps an explicit message, cause and data", () => {
    const cause = new Error("x");
    const error = new BatchCompletionError("ALL_COMPLETED", "nope", cause, "data");
    expect(error.message).toBe("nope");
    expect(error.cause).toBe(cause);
    expect(error.toErrorObject()).toEqual({
      ErrorType: "BatchCompletionError",
      ErrorMessage: "nope",
      ErrorData: "data",
    });
  });
});

describe("toErrorObject cause-chain walk", () => {
  it("takes error data from the first durable error in the cause chain", () => {
    const inner = new InvokeError("inner", undefined, "inner-data");
    const middle = new ChildContextError("middle", inner, "middle-data");
    const plain = Object.assign(new Error("plain"), { cause: middle });
    const outer = new StepError("outer", plain);
    expect(outer.toErrorObject().ErrorData).toBe("middle-data");
  });

  it("prefers its own error data", () => {
    const inner = new InvokeError("inner", undefined, "inner-data");
    expect(new StepError("outer", inner, "own").toErrorObject().ErrorData).toBe("own");
  });

  it("ignores error data on errors that are not durable errors", () => {
    const plain = Object.assign(new Error("plain"), { errorData: "nope" });
    expect(new StepError("outer", plain).toErrorObject().ErrorData).toBeUndefined();
  });

  it("follows at most ten cause links", () => {
    const build = (links: number): StepError => {
      let error: Error = new InvokeError("deep", undefined, "deep-data");
      for (let i = 1; i < links; i++) error = Object.assign(new Error(`e${i}`), { cause: error });
      return new StepError("top", error);
    };
    expect(build(10).toErrorObject().ErrorData).toBe("deep-data");
    expect(build(11).toErrorObject().ErrorData).toBeUndefined();
  });

  it("stops on a cyclic chain", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = a;
    expect(new StepError("top", a).toErrorObject().ErrorData).toBeUndefined();
  });
});

describe("DurableOperationError.fromErrorObject", () => {
  const table: Array<[string, Ctor, string]> = concrete.map(([Cls, type, message]) => [
    type,
    Cls,
    message,
  ]);

  it.each(table)("rebuilds %s as its class", (type, Cls, defaultMessage) => {
    const error = DurableOperationError.fromErrorObject({
      ErrorType: type,
      ErrorMessage: "boom",
      ErrorData: "d",
      StackTrace: ["line 1", "line 2"],
    });
    expect(error).toBeInstanceOf(Cls);
    expect(error.constructor).toBe(Cls);
    expect(error.message).toBe("boom");
    expect(error.errorData).toBe("d");
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause?.name).toBe(type);
    expect(error.cause?.message).toBe("boom");
    expect(error.cause?.stack).toBe("line 1\nline 2");
    expect(DurableOperationError.fromErrorObject({ ErrorType: type }).message).toBe(defaultMessage);
  });

  it.each(["Error", "TypeError", "BatchCompletionError", "StepInterruptedError", "Custom"])(
    "rebuilds %s as a StepError",
    (type) => {
      const error = DurableOperationError.fromErrorObject({
        ErrorType: type,
        ErrorMessage: "boom",
      });
      expect(error.constructor).toBe(StepError);
      expect(error.message).toBe("boom");
      expect(error.cause?.name).toBe(type);
      expect(DurableOperationError.fromErrorObject({ ErrorType: type }).message).toBe(
        "Unknown error",
      );
    },
  );

  it("names the cause Error when the record has no type", () => {
    const error = DurableOperationError.fromErrorObject({});
    expect(error).toBeInstanceOf(StepError);
    expect(error.message).toBe("Unknown error");
    expect(error.cause?.name).toBe("Error");
    expect(error.cause?.message).toBe("");
    expect(error.cause?.stack).toBeUndefined();
    expect(error.errorData).toBeUndefined();
  });

  it("round-trips through toErrorObject", () => {
    const original = new CallbackTimeoutError("late", undefined, "payload");
    const rebuilt = DurableOperationError.fromErrorObject(original.toErrorObject());
    expect(rebuilt).toBeInstanceOf(CallbackTimeoutError);
    expect(rebuilt.toErrorObject()).toEqual(original.toErrorObject());
  });
});

describe("JSON form", () => {
  it("lists cause, name and errorType in the reference SDK's order", () => {
    const error = new StepError("boom", new Error("inner"));
    expect(Object.keys(JSON.parse(JSON.stringify(error)))).toEqual(["cause", "name", "errorType"]);
  });
});
