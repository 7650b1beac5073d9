import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import {
  withDurableExecution,
  DurableExecutionClientError,
  ChildContextError,
  type DurableContext,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { hashOperationId } from "../../src/context/operation-id";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

function invoke(
  client: MemoryClient,
  handler: ReturnType<typeof withDurableExecution>,
  envelope = client.envelope(),
) {
  return handler(new DurableExecutionInvocationInputWithClient(envelope, client), lambdaContext());
}

describe("operation ids", () => {
  it("match the worked examples", () => {
    expect(
      [
        "1",
        "2",
        "3",
        "4",
        "5",
        "10",
        "1-1",
        "1-2",
        "1-2-1",
        "1-1-1",
        "10-1",
        "2-1",
        "2-2",
        "2-1-1",
        "2-2-1",
        "3-1",
        "3-2",
        "4-1",
        "4-2",
      ].map(hashOperationId),
    ).toEqual([
      "c4ca4238a0b92382",
      "c81e728d9d4c2f63",
      "eccbc87e4b5ce2fe",
      "a87ff679a2f3e71d",
      "e4da3b7fbbce2345",
      "d3d9446802a44259",
      "ea66c06c1e1c05fa",
      "98c6f2c2287f4c73",
      "6151f5ab282d90e4",
      "2f221a18eb863803",
      "09e25c12765906f3",
      "8fbdbf5573b18fae",
      "3c46a0407be60a1f",
      "de9160b4a2cf6c27",
      "61e70e07c25ca2dd",
      "c9e6e7b69f98f516",
      "b772d43b49bb57b5",
      "74bdefab9757a081",
      "2f5bb7747efda054",
    ]);
    expect(hashOperationId("execution-result-1700000000000")).toBe("937090fb0297ef3c");
  });

  it("numbers operations at call time and children inside their context", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      const a = ctx.step("a", async () => "a");
      await ctx.runInChildContext("child", async (child) => {
        await child.step("inner", async () => 1);
        await child.runInChildContext(async (grand) => grand.step(async () => 2));
      });
      return a;
    });
    await invoke(client, handler);
    const starts = client.updates.filter((u) => u.Action === "START");
    expect(starts.map((u) => [u.Id, u.ParentId, u.Type, u.SubType, u.Name])).toEqual([
      ["c4ca4238a0b92382", undefined, "STEP", "Step", "a"],
      ["c81e728d9d4c2f63", undefined, "CONTEXT", "RunInChildContext", "child"],
      [h("2-1"), "c81e728d9d4c2f63", "STEP", "Step", "inner"],
      [h("2-2"), "c81e728d9d4c2f63", "CONTEXT", "RunInChildContext", undefined],
      [h("2-2-1"), h("2-2"), "STEP", "Step", undefined],
    ]);
  });
});

describe("withDurableExecution", () => {
  it("rejects a non-durable event with the exact message", async () => {
    const handler = withDurableExecution(async () => 1);
    await expect(handler({ hello: 1 } as never, lambdaContext())).rejects.toThrow(
      "Unexpected payload provided to start the durable execution.\nCheck your resource configurations to confirm the durability is set.",
    );
  });

  it("fails when both client and durableExecutionClient are configured", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async () => 1, {
      client: {} as never,
      durableExecutionClient: client,
    });
    const out = await handler(client.envelope(), lambdaContext());
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "Error" } });
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
      /^Both `client` and `durableExecutionClient` were provided/,
    );
  });

  it("uses config.durableExecutionClient and gives the handler {} without input payload", async () => {
    const client = new MemoryClient();
    client.operations.get("exec-1")!.ExecutionDetails = {};
    const handler = withDurableExecution(async (event) => event, {
      durableExecutionClient: client,
    });
    expect(await handler(client.envelope(), lambdaContext())).toEqual({
      Status: "SUCCEEDED",
      Result: "{}",
    });
  });

  it("pages in the rest of the state with NextMarker and MaxItems 1000", async () => {
    const client = new MemoryClient();
    const id1 = h("1");
    const id2 = h("2");
    client.pages = [
      [
        {
          Id: id1,
          Type: "STEP",
          SubType: "Step",
          Status: "SUCCEEDED",
          StepDetails: { Result: '"one"' },
        },
      ],
      [
        {
          Id: id2,
          Type: "STEP",
          SubType: "Step",
          Status: "SUCCEEDED",
          StepDetails: { Result: '"two"' },
        },
      ],
    ];
    const fn = jest.fn(async () => "live");
    const handler = withDurableExecution(async (_e, ctx) => [
      await ctx.step(fn),
      await ctx.step(fn),
    ]);
    const out = await invoke(client, handler, client.envelope({ NextMarker: "0" }));
    expect(out).toEqual({ Status: "SUCCEEDED", Result: '["one","two"]' });
    expect(fn).not.toHaveBeenCalled();
    expect(client.stateRequests.map((r) => [r.Marker, r.MaxItems])).toEqual([
      ["0", 1000],
      ["1", 1000],
    ]);
  });

  it("returns SUCCEEDED without Result for undefined and FAILED for unserializable results", async () => {
    const client = new MemoryClient();
    expect(
      await invoke(
        client,
        withDurableExecution(async () => undefined),
      ),
    ).toEqual({ Status: "SUCCEEDED" });
    const out = await invoke(
      client,
      withDurableExecution(async () => ({ big: BigInt(1) })),
    );
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "TypeError" } });
  });

  it("reports a thrown handler error as FAILED with its name and message", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async () => {
        throw new RangeError("out of range");
      }),
    );
    expect(out).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "RangeError", ErrorMessage: "out of range" },
    });
  });

  it("checkpoints an oversized result as an EXECUTION SUCCEED and returns an empty Result", async () => {
    const client = new MemoryClient();
    const big = "x".repeat(6_291_406);
    const out = await invoke(
      client,
      withDurableExecution(async () => big),
    );
    expect(out).toEqual({ Status: "SUCCEEDED", Result: "" });
    const last = client.updates.at(-1)!;
    expect(last).toMatchObject({
      Type: "EXECUTION",
      Action: "SUCCEED",
      Payload: JSON.stringify(big),
    });
    expect(last.Id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("chains checkpoint tokens from response to response", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx.step(async () => 1);
      await ctx.step(async () => 2);
      await ctx.step(async () => 3);
    });
    await invoke(client, handler);
    // The envelope's token, then each response's token in turn (the client rejects any other).
    expect(client.requests.map((r) => r.CheckpointToken)).toEqual(client.issuedTokens.slice(0, 3));
    expect(new Set(client.issuedTokens).size).toBe(4);
    expect(client.rejected).toEqual([]);
  });

  it("splits large batches at 250 updates and keeps FIFO order", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      await Promise.all(Array.from({ length: 300 }, (_, i) => ctx.step(async () => i)));
    });
    await invoke(client, handler);
    const sizes = client.requests.map((r) => r.Updates!.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(600);
    const order = client.updates.filter((u) => u.Action === "START").map((u) => u.Id);
    // Re-derived here (md5 hex, first 16 characters), not taken from the production function.
    const md5 = (raw: string) => createHash("md5").update(raw).digest("hex").slice(0, 16);
    expect(order).toEqual(Array.from({ length: 300 }, (_, i) => md5(String(i + 1))));
  });

  it("splits batches that would exceed 750 KiB", async () => {
    const client = new MemoryClient();
    const chunk = "y".repeat(300_000);
    const handler = withDurableExecution(async (_e, ctx) => {
      await Promise.all([
        ctx.step(async () => chunk),
        ctx.step(async () => chunk),
        ctx.step(async () => chunk),
      ]);
    });
    await invoke(client, handler);
    for (const request of client.requests) {
      expect(Buffer.byteLength(JSON.stringify(request.Updates))).toBeLessThan(768_000);
    }
  });
});

describe("checkpoint failures", () => {
  it("retries a transient failure with the same client token, then continues", async () => {
    const client = new MemoryClient();
    client.failNext(
      Object.assign(new Error("slow down"), {
        name: "TooManyRequestsException",
        $metadata: { httpStatusCode: 429 },
      }),
    );
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step(async () => 1)),
    );
    expect(out).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(client.requests).toHaveLength(2);
    expect(client.requests[0].ClientToken).toBe(client.requests[1].ClientToken);
  });

  it("throws (invocation-level) when transient failures persist", async () => {
    const client = new MemoryClient();
    const err = () =>
      Object.assign(new Error("boom"), {
        name: "ServiceException",
        $metadata: { httpStatusCode: 500 },
      });
    client.failNext(err(), err(), err());
    await expect(
      invoke(
        client,
        withDurableExecution(async (_e, ctx) => ctx.step(async () => 1)),
      ),
    ).rejects.toThrow("[Unrecoverable Invocation] Checkpoint failed: boom");
  });

  it("throws at once on an invalid checkpoint token", async () => {
    const client = new MemoryClient();
    client.failNext(
      Object.assign(new Error("Invalid Checkpoint Token: stale"), {
        name: "InvalidParameterValueException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(
      invoke(
        client,
        withDurableExecution(async (_e, ctx) => ctx.step(async () => 1)),
      ),
    ).rejects.toThrow(
      "[Unrecoverable Invocation] Checkpoint failed: Invalid Checkpoint Token: stale",
    );
    expect(client.requests).toHaveLength(1);
  });

  it("fails the execution on a permanent 4xx rejection", async () => {
    const client = new MemoryClient();
    client.failNext(
      Object.assign(new Error("Invalid parent operation id."), {
        name: "InvalidParameterValueException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step(async () => 1)),
    );
    expect(out).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "CheckpointUnrecoverableExecutionError",
        ErrorMessage: "[Unrecoverable Execution] Checkpoint failed: Invalid parent operation id.",
      },
    });
  });

  it("honours an explicit DurableExecutionClientError scope", async () => {
    const client = new MemoryClient();
    client.failNext(new DurableExecutionClientError("no access", { scope: "EXECUTION" }));
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step(async () => 1)),
    );
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "CheckpointUnrecoverableExecutionError" },
    });
  });

  it("fails on EXECUTION-scoped state load errors and rethrows others", async () => {
    const client = new MemoryClient();
    client.getExecutionState = async () => {
      throw new DurableExecutionClientError("gone", { scope: "EXECUTION" });
    };
    const handler = withDurableExecution(async () => 1);
    expect(await invoke(client, handler, client.envelope({ NextMarker: "0" }))).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: "gone" },
    });
    client.getExecutionState = async () => {
      throw new Error("network");
    };
    await expect(invoke(client, handler, client.envelope({ NextMarker: "0" }))).rejects.toThrow(
      "network",
    );
  });
});

describe("replay validation and context misuse", () => {
  it("fails with NonDeterministicExecutionError on a type, name or subtype mismatch", async () => {
    const client = new MemoryClient();
    await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step("a", async () => 1)),
    );
    const typeChange = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.wait("a", { seconds: 1 })),
    );
    expect(typeChange).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError" },
    });
    expect((typeChange as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
      /^\[Unrecoverable Execution\] Non-deterministic execution detected: Operation type mismatch/,
    );
    const nameChange = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step("b", async () => 1)),
    );
    expect((nameChange as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
      /name mismatch/,
    );
    // Same type (CONTEXT) and name, another subtype: a child context recorded, a map replayed.
    const contextClient = new MemoryClient();
    await invoke(
      contextClient,
      withDurableExecution(async (_e, ctx) => ctx.runInChildContext("c", async () => 1)),
    );
    const subTypeChange = await invoke(
      contextClient,
      withDurableExecution(
        async (_e, ctx) => (await ctx.map("c", [1], async () => 1)).successCount,
      ),
    );
    expect(subTypeChange).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError" },
    });
    expect((subTypeChange as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toBe(
      `[Unrecoverable Execution] Non-deterministic execution detected: Operation subtype mismatch at operation ${h("1")}: expected "RunInChildContext", got "Map". Operations must be called in the same order on every replay.`,
    );
  });

  it("runs nothing and sends nothing for the mismatched operation", async () => {
    const client = new MemoryClient();
    // The recorded wait is still running: a step found in its place must not start.
    await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.wait("a", { seconds: 5 })),
    );
    const sent = client.requests.length;
    const body = jest.fn(async () => 2);
    const output = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step("a", body)),
    );
    expect(output).toMatchObject({ Status: "FAILED" });
    expect(body).not.toHaveBeenCalled();
    expect(client.requests.length).toBe(sent);
  });

  it("fails when a parent context is used inside a child", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) =>
        ctx.runInChildContext("c", async () => ctx.step(async () => 1)),
      ),
    );
    expect(out).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          'Context usage error in "step": You are using a parent or sibling context instead of the current child context. Expected context ID: "1", but got: "undefined". When inside runInChildContext(), you must use the child context parameter, not the parent context.',
      },
    });
  });

  it("fails when the root handler uses a child context that has finished", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => {
        let leaked: DurableContext | undefined;
        await ctx.runInChildContext("c", async (child) => {
          leaked = child;
        });
        return leaked!.step("late", async () => 1);
      }),
    );
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorMessage: expect.stringContaining(
          'Context usage error in "step": You are using a parent or sibling context instead of the current child context. Expected context ID: "undefined", but got: "1".',
        ),
      },
    });
  });

  it("lets a running child's own code through when a library lost its async context", async () => {
    // A snapshot taken outside every scope runs its callback with no active scope, as code
    // called back by a library that does not carry the async context would run.
    const outsideEveryScope = AsyncLocalStorage.snapshot();
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) =>
        ctx.runInChildContext("c", (child) =>
          outsideEveryScope(() => child.step("in child", async () => 7)),
        ),
      ),
    );
    expect(out).toEqual({ Status: "SUCCEEDED", Result: "7" });
  });

  it("fails when a durable operation is called inside a step", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.step(async () => ctx.wait({ seconds: 1 }))),
    );
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: expect.stringContaining('Context usage error in "wait"') },
    });
  });
});

describe("context misuse keeps what was already checkpointed (as the reference 2.4.0 does)", () => {
  const actions = (client: MemoryClient) =>
    client.updates.map((u) => `${u.Type}:${u.Name ?? ""}:${u.Action}`);

  it("sends the START of the enclosing step before failing for a durable call inside it", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) =>
        ctx.step("outer", async () => ctx.wait({ seconds: 1 })),
      ),
    );
    expect(out).toMatchObject({ Status: "FAILED" });
    expect(actions(client)).toEqual(["STEP:outer:START"]);
  });

  it("sends the START of the waitForCondition before failing for a durable call in its check", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) =>
        ctx.waitForCondition(
          "cond",
          async (state: number) => {
            await ctx.step("inner", async () => 1);
            return state;
          },
          { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
        ),
      ),
    );
    expect(out).toMatchObject({ Status: "FAILED" });
    expect(actions(client)).toEqual(["STEP:cond:START"]);
  });

  it("sends the STARTs of the map and its item before failing for a parent call in the item", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) =>
        ctx.map([1], async (_item, value) => ctx.step("wrong", async () => value)),
      ),
    );
    expect(out).toMatchObject({ Status: "FAILED" });
    expect(actions(client)).toEqual(["CONTEXT::START", "CONTEXT:map-item-0:START"]);
  });
});

describe("wait and child context", () => {
  it("sends WaitSeconds, suspends, and resumes after the service completes the wait", async () => {
    const client = new MemoryClient();
    const after = jest.fn(async () => "done");
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx.wait("nap", { minutes: 1, seconds: 5 });
      return ctx.step(after);
    });
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toEqual([
      {
        Id: "c4ca4238a0b92382",
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        Name: "nap",
        WaitOptions: { WaitSeconds: 65 },
      },
    ]);
    expect(after).not.toHaveBeenCalled();
    client.completeWait("c4ca4238a0b92382");
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
  });

  it("replays a finished child without running its body and rethrows failures as ChildContextError", async () => {
    const client = new MemoryClient();
    const body = jest.fn(async () => ({ ok: true }));
    const errors: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      const value = await ctx.runInChildContext("good", body);
      try {
        await ctx.runInChildContext("bad", async () => {
          throw new Error("child broke");
        });
      } catch (e) {
        errors.push(e);
      }
      return value;
    });
    await invoke(client, handler);
    const out = await invoke(client, handler);
    expect(out).toEqual({ Status: "SUCCEEDED", Result: '{"ok":true}' });
    expect(body).toHaveBeenCalledTimes(1);
    for (const e of errors) {
      expect(e).toBeInstanceOf(ChildContextError);
      expect(e).toMatchObject({
        message: "child broke",
        cause: { errorType: "StepError", message: "child broke" },
      });
    }
  });

  it("stores a summary with ReplayChildren for results over 256 KiB and rebuilds them on replay", async () => {
    const client = new MemoryClient();
    const big = "z".repeat(300_000);
    const inner = jest.fn(async () => big);
    const handler = withDurableExecution(async (_e, ctx) => {
      const value = await ctx.runInChildContext("big", async (child) => child.step(inner), {
        summaryGenerator: (v) => `len=${v.length}`,
      });
      return value.length;
    });
    await invoke(client, handler);
    expect(
      client.updates.find((u) => u.Type === "CONTEXT" && u.Action === "SUCCEED"),
    ).toMatchObject({
      Payload: "len=300000",
      ContextOptions: { ReplayChildren: true },
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(inner).toHaveBeenCalledTimes(1);
  });
});
