/** waitForCondition against the in-memory checkpoint API: polling, replays, failures, bad options. */
import {
  JitterStrategy,
  StepError,
  WaitForConditionError,
  createWaitStrategy,
  withDurableExecution,
  type DurableInstrumentationPlugin,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type { Operation } from "../../src/types/wire";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

const ID1 = h("1");

function run(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

interface Counter {
  n: number;
}

/** Polls until `n` reaches `target`, counting checks; fixed 3 s delays. */
function poller(
  target: number,
  calls: Array<[Counter, number]>,
  name: string | undefined = "poll",
) {
  return withDurableExecution(async (_e, ctx) =>
    ctx.waitForCondition(
      name,
      async (state: Counter, { attempt }) => {
        calls.push([state, attempt]);
        return { n: state.n + 1 };
      },
      {
        initialState: { n: 0 },
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: (s: Counter) => s.n < target,
          initialDelay: { seconds: 3 },
          backoffRate: 1,
          jitter: JitterStrategy.NONE,
        }),
      },
    ),
  );
}

function setRecord(client: MemoryClient, fields: Partial<Operation>): void {
  client.operations.set(ID1, {
    Id: ID1,
    Type: "STEP",
    SubType: "WaitForCondition",
    Name: "poll",
    Status: "STARTED",
    ...fields,
  } as Operation);
}

describe("waitForCondition: polling across invocations", () => {
  it("sends START (not awaited) + RETRY with the state, then START again and SUCCEED after READY", async () => {
    const client = new MemoryClient();
    const calls: Array<[Counter, number]> = [];
    const handler = poller(2, calls);

    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    // (The in-memory clock is in the past, so the SDK may also send one empty poll.)
    const sent = client.requests.filter((r) => (r.Updates ?? []).length > 0);
    expect(sent.map((r) => r.Updates)).toEqual([
      [
        { Id: ID1, Type: "STEP", SubType: "WaitForCondition", Action: "START", Name: "poll" },
        {
          Id: ID1,
          Type: "STEP",
          SubType: "WaitForCondition",
          Action: "RETRY",
          Name: "poll",
          Payload: '{"n":1}',
          StepOptions: { NextAttemptDelaySeconds: 3 },
        },
      ],
    ]);
    expect(client.operations.get(ID1)).toMatchObject({
      Status: "PENDING",
      StepDetails: { Attempt: 1, Result: '{"n":1}' },
    });

    // Not due yet: the next invocation waits again without checking or sending anything.
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(calls).toHaveLength(1);
    expect(client.updates).toHaveLength(2);

    client.readyRetry(ID1);
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '{"n":2}' });
    expect(calls).toEqual([
      [{ n: 0 }, 1],
      [{ n: 1 }, 2],
    ]);
    expect(client.updates.slice(2).map((u) => [u.Action, u.Payload])).toEqual([
      ["START", undefined],
      ["SUCCEED", '{"n":2}'],
    ]);

    // Completed: replays return the stored state without checking.
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '{"n":2}' });
    expect(calls).toHaveLength(2);
  });

  it("continues an interrupted (STARTED) check from its stored state without a new START", async () => {
    const client = new MemoryClient();
    setRecord(client, { Status: "STARTED", StepDetails: { Attempt: 2, Result: '{"n":5}' } });
    const calls: Array<[Counter, number]> = [];
    expect(await run(client, poller(6, calls))).toEqual({
      Status: "SUCCEEDED",
      Result: '{"n":6}',
    });
    expect(calls).toEqual([[{ n: 5 }, 3]]);
    expect(client.updates.map((u) => u.Action)).toEqual(["SUCCEED"]);
  });

  it("a READY record with no stored state starts again from the initial state", async () => {
    const client = new MemoryClient();
    setRecord(client, { Status: "READY", StepDetails: { Attempt: 1 } });
    const calls: Array<[Counter, number]> = [];
    await run(client, poller(1, calls));
    expect(calls).toEqual([[{ n: 0 }, 2]]);
    expect(client.updates.map((u) => u.Action)).toEqual(["START", "SUCCEED"]);
  });

  it("round-trips the state through the serdes before the strategy sees it", async () => {
    const client = new MemoryClient();
    const seenByStrategy: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(async () => new Date(0), {
        initialState: new Date(1) as Date | string,
        waitStrategy: (s) => {
          seenByStrategy.push(s);
          return { shouldContinue: false };
        },
      }),
    );
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '"1970-01-01T00:00:00.000Z"',
    });
    expect(seenByStrategy).toEqual(["1970-01-01T00:00:00.000Z"]);
    expect(client.updates[0]).not.toHaveProperty("Name");
  });

  it("uses config.serdes for the RETRY payload and the stored state", async () => {
    const client = new MemoryClient();
    const states: number[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(
        async (s: number) => {
          states.push(s);
          return s + 10;
        },
        {
          initialState: 1,
          serdes: {
            serialize: async (v) => `#${v}`,
            deserialize: async (s) => Number(s?.slice(1)),
          },
          waitStrategy: (s) =>
            s < 20 ? { shouldContinue: true, delay: { seconds: 1 } } : { shouldContinue: false },
        },
      ),
    );
    await run(client, handler);
    expect(client.updates[1]).toMatchObject({ Action: "RETRY", Payload: "#11" });
    client.readyRetry(ID1);
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "21" });
    expect(states).toEqual([1, 11]);
  });

  it("performs no replay name validation", async () => {
    const client = new MemoryClient();
    await run(client, poller(5, []));
    client.readyRetry(ID1);
    const calls: Array<[Counter, number]> = [];
    await run(client, poller(5, calls, "renamed"));
    expect(calls).toEqual([[{ n: 1 }, 2]]);
  });
});

describe("waitForCondition: failures", () => {
  it("a throwing check FAILs at once (no RETRY) with a StepError, identically on replay", async () => {
    const client = new MemoryClient();
    let checks = 0;
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx
        .waitForCondition(
          "probe",
          async () => {
            checks++;
            throw new TypeError("probe failed");
          },
          {
            initialState: 1,
            waitStrategy: () => ({ shouldContinue: true, delay: { seconds: 1 } }),
          },
        )
        .catch((e: unknown) => seen.push(e));
      return "caught";
    });
    await run(client, handler);
    await run(client, handler);
    expect(checks).toBe(1);
    expect(client.updates.map((u) => [u.Action, u.Error])).toEqual([
      ["START", undefined],
      ["FAIL", { ErrorType: "TypeError", ErrorMessage: "probe failed" }],
    ]);
    expect(seen).toHaveLength(2);
    for (const error of seen) {
      expect(error).toBeInstanceOf(StepError);
      expect(error).toMatchObject({
        message: "probe failed",
        cause: { name: "TypeError", message: "probe failed" },
      });
    }
  });

  it("a strategy that throws (maximum attempts) fails the operation with its message", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(async (s: number) => s + 1, {
        initialState: 0,
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: () => true,
          maxAttempts: 2,
          jitter: JitterStrategy.NONE,
        }),
      }),
    );
    await run(client, handler);
    client.readyRetry(ID1);
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "StepError",
        ErrorMessage: "waitForCondition exceeded maximum attempts (2)",
      },
    });
    expect(client.updates.map((u) => u.Action)).toEqual(["START", "RETRY", "START", "FAIL"]);
  });

  it("a FAILED record without error details rejects with WaitForConditionError", async () => {
    const client = new MemoryClient();
    setRecord(client, { Status: "FAILED", StepDetails: { Attempt: 1 } });
    const seen: unknown[] = [];
    await run(
      client,
      withDurableExecution(async (_e, ctx) => {
        await ctx
          .waitForCondition("poll", async (s: number) => s, {
            initialState: 0,
            waitStrategy: () => ({ shouldContinue: false }),
          })
          .catch((e: unknown) => seen.push(e));
      }),
    );
    expect(seen[0]).toBeInstanceOf(WaitForConditionError);
    expect((seen[0] as Error).message).toBe("waitForCondition failed");
  });

  it("a strategy decision without a usable delay fails the operation with a TypeError record", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition("w", async (s: number) => s, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: true, delay: { seconds: -5 } }),
      }),
    );
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "StepError",
        ErrorMessage:
          'waitForCondition "w": waitStrategy: delay must be 1 to 31622400 whole seconds, given in days, hours, minutes and seconds (got { seconds: -5 })',
      },
    });
    expect(client.updates.at(-1)).toMatchObject({
      Action: "FAIL",
      Error: { ErrorType: "TypeError" },
    });
  });
});

describe("waitForCondition: bad options", () => {
  const missing = (label: string) =>
    `${label}: requires a config with waitStrategy and initialState`;
  const unnamed = "waitForCondition (unnamed, position 1)";

  it.each([
    ["no config", [async (s: unknown) => s], unnamed],
    [
      "no waitStrategy",
      ["n", async (s: unknown) => s, { initialState: 1 }],
      'waitForCondition "n"',
    ],
    [
      "initialState undefined",
      [async (s: unknown) => s, { waitStrategy: () => ({ shouldContinue: false }) }],
      unnamed,
    ],
    ["config not an object", [async (s: unknown) => s, 7], unnamed],
  ])("%s throws synchronously and takes no number", async (_label, args, label) => {
    const client = new MemoryClient();
    const thrown: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      try {
        void (ctx.waitForCondition as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        thrown.push(error);
      }
      await ctx.step("after", async () => 1);
    });
    await run(client, handler);
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toEqual(new Error(missing(label as string)));
    expect(client.updates[0]).toMatchObject({ Id: ID1, Name: "after" });
  });

  it("a null initialState is allowed; a check that is not a function is a TypeError", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (ctx0, ctx) => {
      void ctx0;
      let message = "";
      try {
        void ctx.waitForCondition("n", "nope" as never, {
          initialState: 1,
          waitStrategy: () => ({ shouldContinue: false }),
        });
      } catch (error) {
        message = `${(error as Error).name}: ${(error as Error).message}`;
      }
      const value = await ctx.waitForCondition(async (s: null) => s, {
        initialState: null,
        waitStrategy: () => ({ shouldContinue: false }),
      });
      return [message, value];
    });
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        'TypeError: waitForCondition "n": requires a check function (got "nope")',
        null,
      ]),
    });
  });
});

describe("waitForCondition: instrumentation plugins", () => {
  it("reports operation start/end and an attempt around each check", async () => {
    const client = new MemoryClient();
    const events: string[] = [];
    const plugin: DurableInstrumentationPlugin = {
      onOperationStart: async (i) => void events.push(`start ${i.name} replay=${i.isReplay}`),
      onOperationEnd: async (i) => void events.push(`end ${i.name} ${i.status}`),
      onOperationAttemptStart: async (i) => void events.push(`attempt ${i.attempt}`),
      wrapOperationAttemptFn: (_i, fn) => {
        events.push("wrap");
        return fn();
      },
      onOperationAttemptEnd: async (i) => void events.push(`attemptEnd ${i.attempt} ${i.outcome}`),
    };
    const handler = withDurableExecution(
      async (_e, ctx) =>
        ctx.waitForCondition("poll", async (n: number) => n + 1, {
          initialState: 0,
          waitStrategy: (n) =>
            n < 2 ? { shouldContinue: true, delay: { seconds: 1 } } : { shouldContinue: false },
        }),
      { plugins: [plugin] },
    );
    await run(client, handler);
    expect(events).toEqual([
      "start poll replay=false",
      "attempt 1",
      "wrap",
      "attemptEnd 1 SUCCEEDED",
    ]);
    events.length = 0;
    client.readyRetry(ID1);
    await run(client, handler);
    expect(events).toEqual([
      "start poll replay=true",
      "attempt 2",
      "wrap",
      "attemptEnd 2 SUCCEEDED",
      "end poll SUCCEEDED",
    ]);
  });
});
