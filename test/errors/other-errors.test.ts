import {
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
  NonDeterministicExecutionError,
  PluginLoadError,
  SerdesFailedError,
  serdesFailed,
  StepInterruptedError,
} from "../../src/errors";

describe("StepInterruptedError", () => {
  it("has a fixed message that ignores its arguments", () => {
    const error = new StepInterruptedError("step-1", "charge");
    expect(error.name).toBe("StepInterruptedError");
    expect(error.message).toBe(
      "The step execution process was initiated but failed to reach completion due to an interruption.",
    );
    expect(error).toBeInstanceOf(Error);
  });
});

describe("PluginLoadError", () => {
  it("prefixes the message and keeps the cause", () => {
    const cause = new Error("missing module");
    const error = new PluginLoadError("cannot load x", { cause });
    expect(error.name).toBe("PluginLoadError");
    expect(error.message).toBe("Dynamic plugin configuration failed: cannot load x");
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(PluginLoadError);
  });

  it("works without options", () => {
    expect(new PluginLoadError("x").cause).toBeUndefined();
  });
});

describe("DurableExecutionClientError", () => {
  it("defaults to INVOCATION scope without a cause", () => {
    const error = new DurableExecutionClientError("throttled");
    expect(error.name).toBe("DurableExecutionClientError");
    expect(error.message).toBe("throttled");
    expect(error.scope).toBe("INVOCATION");
    expect(error.isDurableExecutionClientError).toBe(true);
    expect("cause" in error).toBe(false);
    expect(error).toBeInstanceOf(DurableExecutionClientError);
  });

  it("keeps an explicit scope and cause", () => {
    const cause = new Error("403");
    const error = new DurableExecutionClientError("denied", {
      scope: DurableExecutionClientErrorScope.EXECUTION,
      cause,
    });
    expect(error.scope).toBe("EXECUTION");
    expect(error.cause).toBe(cause);
  });

  it("exposes the scope constants", () => {
    expect(DurableExecutionClientErrorScope).toEqual({
      INVOCATION: "INVOCATION",
      EXECUTION: "EXECUTION",
    });
  });

  it("is recognised structurally", () => {
    expect(isDurableExecutionClientError(new DurableExecutionClientError("x"))).toBe(true);
    const foreign = Object.assign(new Error("x"), {
      isDurableExecutionClientError: true,
      scope: "EXECUTION",
    });
    expect(isDurableExecutionClientError(foreign)).toBe(true);
    expect(
      isDurableExecutionClientError(
        Object.assign(new Error("x"), { isDurableExecutionClientError: true, scope: "OTHER" }),
      ),
    ).toBe(false);
    expect(
      isDurableExecutionClientError({ isDurableExecutionClientError: true, scope: "EXECUTION" }),
    ).toBe(false);
    expect(isDurableExecutionClientError(new Error("x"))).toBe(false);
    expect(isDurableExecutionClientError(undefined)).toBe(false);
  });
});

describe("internal errors", () => {
  it("NonDeterministicExecutionError keeps the composed message", () => {
    const error = new NonDeterministicExecutionError("[Unrecoverable Execution] mismatch");
    expect(error.name).toBe("NonDeterministicExecutionError");
    expect(error.message).toBe("[Unrecoverable Execution] mismatch");
    expect(error).toBeInstanceOf(NonDeterministicExecutionError);
  });

  it("serdesFailed names the step, id and reason", () => {
    const reason = new TypeError("Do not know how to serialize a BigInt");
    const error = serdesFailed("Serialization", { name: "charge", id: "abc123" }, reason);
    expect(error).toBeInstanceOf(SerdesFailedError);
    expect(error.name).toBe("SerdesFailedError");
    expect(error.message).toBe(
      '[Unrecoverable Invocation] Serialization failed for step "charge" (abc123): Do not know how to serialize a BigInt',
    );
    expect(error.cause).toBe(reason);
  });

  it("serdesFailed handles unnamed steps and non-error reasons", () => {
    expect(serdesFailed("Deserialization", { id: "id-9" }, "bad input").message).toBe(
      "[Unrecoverable Invocation] Deserialization failed for step (id-9): bad input",
    );
    expect(
      serdesFailed("Deserialization", { name: "n", id: "i" }, { message: "object reason" }).message,
    ).toBe('[Unrecoverable Invocation] Deserialization failed for step "n" (i): object reason');
  });

  it("serdesFailed names the operation by its kind", () => {
    const kinds = [
      ["RunInChildContext", "child context"],
      ["MapIteration", "map item"],
      ["ParallelBranch", "parallel branch"],
      ["ChainedInvoke", "invoke"],
      ["WaitForCondition", "waitForCondition"],
      ["Step", "step"],
    ];
    for (const [subType, kind] of kinds) {
      expect(serdesFailed("Serialization", { name: "x", id: "i", subType }, "no").message).toBe(
        `[Unrecoverable Invocation] Serialization failed for ${kind} "x" (i): no`,
      );
    }
  });

  it("checkpoint errors carry their prefix and cause", () => {
    const cause = new Error("503 Service Unavailable");
    const invocation = new CheckpointUnrecoverableInvocationError(cause.message, cause);
    expect(invocation.name).toBe("CheckpointUnrecoverableInvocationError");
    expect(invocation.message).toBe(
      "[Unrecoverable Invocation] Checkpoint failed: 503 Service Unavailable",
    );
    expect(invocation.cause).toBe(cause);
    const execution = new CheckpointUnrecoverableExecutionError("Access denied");
    expect(execution.name).toBe("CheckpointUnrecoverableExecutionError");
    expect(execution.message).toBe("[Unrecoverable Execution] Checkpoint failed: Access denied");
    expect(execution.cause).toBeUndefined();
  });
});
