import {
  ChildContextError,
  DurableOperationError,
  StepError,
  toErrorObject,
} from "../../src/errors";

describe("toErrorObject", () => {
  it("uses a durable error's own conversion", () => {
    const inner = new ChildContextError("inner", undefined, "data");
    expect(toErrorObject(new StepError("outer", inner))).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "outer",
      ErrorData: "data",
    });
  });

  it("records name and message of errors, without a stack trace", () => {
    const record = toErrorObject(new TypeError("x is undefined"));
    expect(record).toEqual({ ErrorType: "TypeError", ErrorMessage: "x is undefined" });
    expect(record.StackTrace).toBeUndefined();
    expect(record.ErrorData).toBeUndefined();
  });

  it("records error-like objects", () => {
    expect(toErrorObject({ name: "Custom", message: "m", stack: "s" })).toEqual({
      ErrorType: "Custom",
      ErrorMessage: "m",
    });
  });

  it.each([["a string"], [undefined], [null], [42], [{ message: "no name" }]])(
    "records %p as an unknown error",
    (value) => {
      expect(toErrorObject(value)).toStrictEqual({ ErrorMessage: "Unknown error" });
    },
  );

  it("gives a TypeError thrown in a step back as a StepError with the original as cause", () => {
    const rebuilt = DurableOperationError.fromErrorObject(toErrorObject(new TypeError("boom")));
    expect(rebuilt).toBeInstanceOf(StepError);
    expect(rebuilt.message).toBe("boom");
    expect(rebuilt.errorType).toBe("StepError");
    expect(rebuilt.cause?.name).toBe("TypeError");
    expect(rebuilt.cause?.message).toBe("boom");
  });
});
