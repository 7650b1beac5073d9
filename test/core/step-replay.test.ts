import { withDurableExecution, StepError, StepSemantics } from "../../src";
import { MemoryClient, invoke } from "../helpers/memory-client";
import { h } from "../helpers/ids";

describe("step", () => {
  it("runs fresh, checkpoints START+SUCCEED in one request and returns the round-tripped value", async () => {
    const client = new MemoryClient(JSON.stringify({ n: 2 }));
    const fn = jest.fn(async () => ({ when: new Date(0), n: 1 }));
    const handler = withDurableExecution(async (event: { n: number }, ctx) => {
      const value = await ctx.step("first", fn);
      return { value, n: event.n };
    });
    const output = await invoke(client, handler);
    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ value: { when: "1970-01-01T00:00:00.000Z", n: 1 }, n: 2 }),
    });
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0].Updates).toEqual([
      { Id: "c4ca4238a0b92382", Type: "STEP", SubType: "Step", Action: "START", Name: "first" },
      {
        Id: "c4ca4238a0b92382",
        Type: "STEP",
        SubType: "Step",
        Action: "SUCCEED",
        Name: "first",
        Payload: JSON.stringify({ when: "1970-01-01T00:00:00.000Z", n: 1 }),
      },
    ]);
    expect(client.requests[0].CheckpointToken).toBe(client.issuedTokens[0]);
  });

  it("replays a finished step without running it again", async () => {
    const client = new MemoryClient();
    let runs = 0;
    const handler = withDurableExecution(async (_e, ctx) => {
      const a = await ctx.step(async () => ++runs);
      const b = await ctx.step(async () => ++runs);
      return [a, b];
    });
    await invoke(client, handler);
    const again = await invoke(client, handler);
    expect(again).toEqual({ Status: "SUCCEEDED", Result: "[1,2]" });
    expect(runs).toBe(2);
    expect(client.requests).toHaveLength(2);
  });

  it("retries with a RETRY checkpoint, suspends, and runs the next attempt after the timer", async () => {
    const client = new MemoryClient();
    const attempts: number[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "flaky",
        async ({ attempt }) => {
          attempts.push(attempt);
          if (attempt < 2) throw new TypeError("not yet");
          return "ok";
        },
        { retryStrategy: (_err, n) => ({ shouldRetry: n < 3, delay: { seconds: 7 } }) },
      ),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    const retry = client.updates.find((u) => u.Action === "RETRY");
    expect(retry).toMatchObject({
      Error: { ErrorType: "TypeError", ErrorMessage: "not yet" },
      StepOptions: { NextAttemptDelaySeconds: 7 },
    });
    client.readyRetry(h("1"));
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(attempts).toEqual([1, 2]);
  });

  it("a retry decision without a delay retries after one second", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "flaky",
        async () => {
          throw new Error("not yet");
        },
        { retryStrategy: () => ({ shouldRetry: true }) },
      ),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.find((u) => u.Action === "RETRY")?.StepOptions).toEqual({
      NextAttemptDelaySeconds: 1,
    });
  });

  // Both texts (and their different case) are the reference SDK 2.4.0's, checked side by side.
  it("a body that throws something other than an Error: the strategy gets Error('Unknown Error'), the record says 'Unknown error'", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "odd",
        async () => {
          throw "plain text";
        },
        {
          retryStrategy: (error) => {
            seen.push(error);
            return { shouldRetry: false };
          },
        },
      ),
    );
    expect(await invoke(client, handler)).toMatchObject({ Status: "FAILED" });
    expect(seen).toEqual([new Error("Unknown Error")]);
    expect(client.updates.find((u) => u.Action === "FAIL")?.Error).toEqual({
      ErrorMessage: "Unknown error",
    });
  });

  it("a body that throws synchronously is a failed attempt like a rejected one", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "sync",
        (() => {
          throw new RangeError("at once");
        }) as never,
        { retryStrategy: () => ({ shouldRetry: false }) },
      ),
    );
    expect(await invoke(client, handler)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "at once" },
    });
    expect(client.updates.map((u) => [u.Action, u.Error?.ErrorType])).toEqual([
      ["START", undefined],
      ["FAIL", "RangeError"],
    ]);
  });

  it("fails with a StepError rebuilt from the record, identically on replay", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      try {
        await ctx.step(
          "boom",
          async () => {
            throw new TypeError("kaput");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        );
      } catch (error) {
        seen.push(error);
      }
      return "handled";
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"handled"' });
    await invoke(client, handler);
    for (const error of seen) {
      expect(error).toBeInstanceOf(StepError);
      expect(error).toMatchObject({
        message: "kaput",
        errorType: "StepError",
        cause: { name: "TypeError", message: "kaput" },
      });
    }
    expect(seen).toHaveLength(2);
  });

  it("at-least-once: a step found STARTED runs again without a new START", async () => {
    const client = new MemoryClient();
    client.operations.set(h("1"), {
      Id: h("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "STARTED",
    });
    const fn = jest.fn(async () => 5);
    const handler = withDurableExecution(async (_e, ctx) => ctx.step(fn));
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "5" });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(client.updates.map((u) => u.Action)).toEqual(["SUCCEED"]);
  });

  it("at-most-once: START is sent alone before the function; an interrupted attempt is not re-run", async () => {
    const client = new MemoryClient();
    const fn = jest.fn(async () => 1);
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("once", fn, {
        semantics: StepSemantics.AtMostOncePerRetry,
        retryStrategy: () => ({ shouldRetry: false }),
      }),
    );
    await invoke(client, handler);
    expect(client.requests.map((r) => r.Updates!.map((u) => u.Action))).toEqual([
      ["START"],
      ["SUCCEED"],
    ]);

    const interrupted = new MemoryClient();
    const id = h("1");
    interrupted.operations.set(id, {
      Id: id,
      Type: "STEP",
      SubType: "Step",
      Name: "once",
      Status: "STARTED",
    });
    const fn2 = jest.fn(async () => 1);
    const h2 = withDurableExecution(async (_e, ctx) =>
      ctx.step("once", fn2, {
        semantics: StepSemantics.AtMostOncePerRetry,
        retryStrategy: () => ({ shouldRetry: false }),
      }),
    );
    const output = await invoke(interrupted, h2);
    expect(fn2).not.toHaveBeenCalled();
    expect(output).toMatchObject({ Status: "FAILED", Error: { ErrorType: "StepError" } });
    expect(interrupted.updates[0]).toMatchObject({
      Action: "FAIL",
      Error: {
        ErrorType: "StepInterruptedError",
        ErrorMessage:
          "The step execution process was initiated but failed to reach completion due to an interruption.",
      },
    });
  });
});
