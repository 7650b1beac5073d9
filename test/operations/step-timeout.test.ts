/** Per-attempt timeouts and the attempt's AbortSignal: steps, checks, Lambda time, replay. */
import {
  ChildContextError,
  LambdaTimeRunningOutError,
  StepError,
  StepInterruptedError,
  StepSemantics,
  StepTimeoutError,
  retryPresets,
  withDurableExecution,
} from "../../src";
import type { RetryStrategy } from "../../src/types/operation-configs";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { hashOperationId } from "../../src/context/operation-id";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";

const ID1 = hashOperationId("1");

type Handler = ReturnType<typeof withDurableExecution>;

// Timeouts and the Lambda-time guard run on faked timers: the test moves the clock, 100 ms at a
// time, until the invocation settles (setImmediate stays real: the in-memory client uses it).
beforeEach(() => jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] }));
afterEach(() => jest.useRealTimers());

async function run(client: MemoryClient, handler: Handler, remainingMs = 900_000) {
  const output = handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext({ getRemainingTimeInMillis: () => remainingMs }),
  );
  let settled = false;
  output.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) await jest.advanceTimersByTimeAsync(100);
  return output;
}

/** A body that honours the signal: it rejects with the abort reason and never resolves otherwise. */
function untilAborted(signal: AbortSignal | undefined, seen: unknown[]): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener("abort", () => {
      seen.push(signal.reason);
      reject(signal.reason as Error);
    });
  });
}

/** Retries once after 1 s, and records what it was given. */
function retryOnce(errors: Error[]): RetryStrategy {
  return (error, attempt) => {
    errors.push(error);
    return attempt < 2 ? { shouldRetry: true, delay: { seconds: 1 } } : { shouldRetry: false };
  };
}

const timeoutRecord = (name: string, attempt = 1) => ({
  ErrorType: "StepTimeoutError",
  ErrorMessage: `step "${name}": attempt ${attempt} timed out after 1 s`,
});

describe("step timeout", () => {
  it("fails a slow attempt with StepTimeoutError, aborts its signal, retries (RETRY) and then succeeds", async () => {
    const client = new MemoryClient();
    const reasons: unknown[] = [];
    const errors: Error[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "slow",
        async ({ attempt, signal }) => (attempt === 1 ? untilAborted(signal, reasons) : "done"),
        { timeout: { seconds: 1 }, retryStrategy: retryOnce(errors) },
      ),
    );

    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(StepTimeoutError);
    expect(errors[0]).toBe(reasons[0]);
    expect(errors[0]).toBeInstanceOf(StepError);
    expect(errors[0].name).toBe("StepTimeoutError");
    const actions = client.updates.map((u) => u.Action);
    expect(actions).toEqual(["START", "RETRY"]);
    expect(client.updates[1]).toMatchObject({
      Error: timeoutRecord("slow"),
      StepOptions: { NextAttemptDelaySeconds: 1 },
    });

    client.readyRetry(ID1);
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
  });

  it("fails the step with StepTimeoutError (FAIL) when the strategy gives up, and replays it as failed", async () => {
    const client = new MemoryClient();
    let runs = 0;
    const handler = withDurableExecution(async (_e, ctx) => {
      try {
        await ctx.step(
          "slow",
          async ({ signal }) => {
            runs++;
            return untilAborted(signal, []);
          },
          { timeout: { seconds: 1 }, retryStrategy: retryPresets.noRetry },
        );
        return "unreachable";
      } catch (error) {
        const e = error as StepError;
        return {
          timeout: e instanceof StepTimeoutError,
          step: e instanceof StepError,
          name: e.name,
          errorType: e.errorType,
          message: e.message,
        };
      }
    });
    const expected = {
      timeout: true,
      step: true,
      name: "StepTimeoutError",
      errorType: "StepTimeoutError",
      message: 'step "slow": attempt 1 timed out after 1 s',
    };
    const first = await run(client, handler);
    expect(first).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify(expected) });
    expect(client.updates.map((u) => u.Action)).toEqual(["START", "FAIL"]);
    expect(client.updates[1].Error).toEqual({ ...timeoutRecord("slow"), ErrorData: undefined });

    // Replay: the recorded failure is thrown again as a StepTimeoutError; the body never reruns.
    const requestsBefore = client.requests.length;
    expect(await run(client, handler)).toEqual(first);
    expect(runs).toBe(1);
    expect(client.requests.length).toBe(requestsBefore);
  });

  it("replays a timeout recorded by another SDK (ErrorType StepTimeoutError) as StepTimeoutError", async () => {
    const client = new MemoryClient();
    client.operations.set(ID1, {
      Id: ID1,
      Type: "STEP",
      SubType: "Step",
      Name: "slow",
      Status: "FAILED",
      StepDetails: { Attempt: 3, Error: timeoutRecord("slow", 3) },
    });
    const body = jest.fn(async () => "never");
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("slow", body, { timeout: { seconds: 1 } }).catch((caught: unknown) => ({
        timeout: caught instanceof StepTimeoutError,
        message: (caught as Error).message,
      })),
    );
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ timeout: true, message: timeoutRecord("slow", 3).ErrorMessage }),
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("abandons a body that ignores the signal: the step settles at the timeout and the late result is never checkpointed", async () => {
    const client = new MemoryClient();
    let finishLate!: (value: string) => void;
    const late = new Promise<string>((resolve) => (finishLate = resolve));
    let hung = 0;
    const handler = withDurableExecution(async (_e, ctx) => {
      const outcomes = await Promise.allSettled([
        ctx.step("ignores-signal", () => late, {
          timeout: { seconds: 1 },
          retryStrategy: retryPresets.noRetry,
        }),
        ctx.step(
          "hangs",
          () => {
            hung++;
            return new Promise<string>(() => undefined);
          },
          { timeout: { seconds: 1 }, retryStrategy: retryPresets.noRetry },
        ),
      ]);
      return outcomes.map((o) => o.status);
    });

    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["rejected", "rejected"]),
    });
    expect(hung).toBe(1);
    finishLate("too late");
    await late;
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.updates.map((u) => [u.Name, u.Action])).toEqual([
      ["ignores-signal", "START"],
      ["hangs", "START"],
      ["ignores-signal", "FAIL"],
      ["hangs", "FAIL"],
    ]);
    expect(client.updates.some((u) => u.Payload === '"too late"')).toBe(false);
  });

  it("gives every attempt a signal that stays quiet when the attempt finishes in time", async () => {
    const client = new MemoryClient();
    let seen: AbortSignal | undefined;
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("quick", async ({ signal }) => {
        seen = signal;
        return 1;
      }),
    );
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted).toBe(false);
  });

  it("with at-most-once semantics, a timed-out attempt is an ordinary failed attempt (START sent first, then RETRY)", async () => {
    const client = new MemoryClient();
    const errors: Error[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step(
        "charge",
        async ({ attempt, signal }) => (attempt === 1 ? untilAborted(signal, []) : "charged"),
        {
          semantics: StepSemantics.AtMostOncePerRetry,
          timeout: { seconds: 1 },
          retryStrategy: retryOnce(errors),
        },
      ),
    );
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    // START is acknowledged on its own before the body runs; the timeout is recorded as RETRY.
    // (The in-memory clock is in the past, so the SDK may also send one empty poll.)
    const sent = client.requests.filter((r) => (r.Updates ?? []).length > 0);
    expect(sent.map((r) => r.Updates?.map((u) => u.Action))).toEqual([["START"], ["RETRY"]]);
    expect(errors.map((e) => e.constructor)).toEqual([StepTimeoutError]);
    client.readyRetry(ID1);
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"charged"' });
  });

  it("rejects an invalid timeout at the call, naming the step, before the body runs", async () => {
    const client = new MemoryClient();
    const body = jest.fn(async () => 1);
    const handler = withDurableExecution(async (_e, ctx) => {
      const messages: string[] = [];
      for (const timeout of [{ seconds: 0.5 }, { seconds: 0 }, { minutes: -1 }, "5"]) {
        await ctx
          .step("bad", body, { timeout: timeout as never })
          .catch((caught: unknown) => messages.push(String(caught)));
      }
      return messages;
    });
    const output = await run(client, handler);
    const messages = JSON.parse((output as { Result: string }).Result) as string[];
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).toMatch(
        /^TypeError: step "bad": timeout must be 1 to 31622400 whole seconds/,
      );
    }
    expect(messages[0]).toContain("(got { seconds: 0.5 })");
    expect(body).not.toHaveBeenCalled();
    expect(client.updates).toEqual([]);
  });
});

describe("Lambda time running out during an attempt", () => {
  it("aborts the signal with LambdaTimeRunningOutError, sends what is queued, records no failure and ends the invocation", async () => {
    const client = new MemoryClient();
    const reasons: unknown[] = [];
    const strategy = jest.fn<ReturnType<RetryStrategy>, Parameters<RetryStrategy>>(() => ({
      shouldRetry: false,
    }));
    let bodyRuns = 0;
    let abortedAfterMs: number | undefined;
    const handler = withDurableExecution(async (_e, ctx) => {
      const first = await ctx.step("first", async () => "ok");
      const second = await ctx.step(
        "long",
        async ({ signal }) => {
          if (++bodyRuns === 1) {
            const started = Date.now();
            signal?.addEventListener("abort", () => (abortedAfterMs = Date.now() - started));
            return untilAborted(signal, reasons);
          }
          return "finished";
        },
        { retryStrategy: strategy },
      );
      return [first, second];
    });

    // 1.1 s left: the guard fires 0.1 s into the attempt (1 s margin).
    await expect(run(client, handler, 1_100)).rejects.toBeInstanceOf(LambdaTimeRunningOutError);
    // Well before the 1.1 s run out: the guard keeps its 1 s margin (it fires 0.1 s after it
    // is armed, and the faked clock moves in 0.1 s steps).
    expect(abortedAfterMs).toBeLessThan(1000);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(LambdaTimeRunningOutError);
    expect((reasons[0] as Error).message).toBe(
      'step "long": attempt 1 abandoned because the Lambda invocation has less than 1000 ms left; it runs again in the next invocation',
    );
    expect(strategy).not.toHaveBeenCalled();
    expect(client.updates.map((u) => [u.Name, u.Action])).toEqual([
      ["first", "START"],
      ["first", "SUCCEED"],
      ["long", "START"],
    ]);

    // The next invocation runs the step again (still attempt 1: nothing was recorded).
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["ok", "finished"]),
    });
    expect(bodyRuns).toBe(2);
    expect(client.operations.get(hashOperationId("2"))?.StepDetails?.Attempt).toBe(1);
  });

  it("an at-most-once step cut off by Lambda time is interrupted: the next invocation hands StepInterruptedError to the strategy", async () => {
    const client = new MemoryClient();
    const errors: Error[] = [];
    const body = jest.fn(({ signal }: { signal?: AbortSignal }) => untilAborted(signal, []));
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .step("charge", body, {
          semantics: StepSemantics.AtMostOncePerRetry,
          retryStrategy: (error) => {
            errors.push(error);
            return { shouldRetry: false };
          },
        })
        .catch((caught: unknown) => `gave up: ${(caught as Error).name}`),
    );
    await expect(run(client, handler, 1_050)).rejects.toBeInstanceOf(LambdaTimeRunningOutError);
    expect(client.updates.map((u) => u.Action)).toEqual(["START"]);
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify("gave up: StepError"),
    });
    expect(body).toHaveBeenCalledTimes(1);
    expect(errors.map((e) => e.constructor)).toEqual([StepInterruptedError]);
  });

  it("arms no guard when the invocation starts an attempt with less than the margin left", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("short", async ({ signal }) => {
        // The guard is armed once the attempt outlives its first turn (a real setImmediate).
        // Armed with more margin than the 500 ms left, it would fire at once, while the body
        // waits for its 20 ms timer, and abort the signal.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return signal?.aborted;
      }),
    );
    expect(await run(client, handler, 500)).toEqual({ Status: "SUCCEEDED", Result: "false" });
  });
});

describe("timeouts inside child contexts and map items", () => {
  it("a step timing out inside a child context fails the child with ChildContextError caused by StepTimeoutError", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .runInChildContext("child", (child) =>
          child.step("inner", ({ signal }) => untilAborted(signal, []), {
            timeout: { seconds: 1 },
            retryStrategy: retryPresets.noRetry,
          }),
        )
        .catch((caught: unknown) => ({
          child: caught instanceof ChildContextError,
          cause: (caught as Error).cause instanceof StepTimeoutError,
          message: (caught as Error).message,
        })),
    );
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        child: true,
        cause: true,
        message: 'step "inner": attempt 1 timed out after 1 s',
      }),
    });
    const inner = client.updates.find((u) => u.Name === "inner" && u.Action === "FAIL");
    expect(inner).toMatchObject({ ParentId: ID1, Error: timeoutRecord("inner") });
  });

  it("a step timing out in one map item fails that item only", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      const result = await ctx.map("items", [1, 2], (item, n) =>
        item.step("work", async ({ signal }) => (n === 1 ? untilAborted(signal, []) : n * 10), {
          timeout: { seconds: 1 },
          retryStrategy: retryPresets.noRetry,
        }),
      );
      return {
        results: result.succeeded().map((i) => i.result),
        errors: result.failed().map((i) => [i.index, i.error.message]),
      };
    });
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        results: [20],
        errors: [[0, 'step "work": attempt 1 timed out after 1 s']],
      }),
    });
    expect(
      client.updates.filter((u) => u.Name === "work" && u.Action === "FAIL").map((u) => u.Error),
    ).toEqual([{ ...timeoutRecord("work"), ErrorData: undefined }]);
  });
});

describe("waitForCondition check timeout", () => {
  const waitStrategy = () => ({ shouldContinue: false as const });

  it("fails the operation with StepTimeoutError when a check runs longer than checkTimeout", async () => {
    const client = new MemoryClient();
    const reasons: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .waitForCondition("ready", (_state: number, { signal }) => untilAborted(signal, reasons), {
          initialState: 0,
          waitStrategy,
          checkTimeout: { seconds: 1 },
        })
        .catch((caught: unknown) => ({
          timeout: caught instanceof StepTimeoutError,
          message: (caught as Error).message,
        })),
    );
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({
        timeout: true,
        message: 'waitForCondition "ready": attempt 1 timed out after 1 s',
      }),
    });
    expect(reasons[0]).toBeInstanceOf(StepTimeoutError);
    expect(client.updates.map((u) => u.Action)).toEqual(["START", "FAIL"]);
    expect(client.updates[1].Error?.ErrorType).toBe("StepTimeoutError");
  });

  it("rejects an invalid checkTimeout at the call, before the check runs", async () => {
    const client = new MemoryClient();
    const check = jest.fn(async () => 1);
    const handler = withDurableExecution(async (_e, ctx) => {
      try {
        await ctx.waitForCondition("ready", check, {
          initialState: 0,
          waitStrategy,
          checkTimeout: { seconds: 0 },
        });
        return "unreachable";
      } catch (e) {
        return (e as Error).message;
      }
    });
    const output = (await run(client, handler)) as { Result: string };
    expect(JSON.parse(output.Result)).toMatch(
      /^waitForCondition "ready": checkTimeout must be 1 to 31622400 whole seconds/,
    );
    expect(check).not.toHaveBeenCalled();
  });
});
