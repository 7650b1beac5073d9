/**
 * `checkpointMode: "pipelined"` (DurableExecutionConfig): at-least-once steps go on without
 * waiting for the acknowledgement of their result; everything else still waits for it.
 */
import {
  DurableExecutionInvocationInputWithClient,
  StepSemantics,
  withDurableExecution,
  type DurableContext,
  type DurableExecutionConfig,
} from "../../src";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
} from "../../src/types/wire";
import { lambdaContext, MemoryClient } from "../helpers/memory-client";

const PIPELINED: DurableExecutionConfig = { checkpointMode: "pipelined" };

/** A MemoryClient whose checkpoint answers are held until the test releases them. */
class HeldClient extends MemoryClient {
  readonly held: Array<() => void> = [];
  holding = true;

  override async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    return super.checkpoint(params);
  }

  /** Stops holding and answers every held call. */
  releaseAll(): void {
    this.holding = false;
    for (const release of this.held.splice(0)) release();
  }
}

function invoke(
  handler: ReturnType<typeof withDurableExecution>,
  client: MemoryClient,
): Promise<{ Status: string; Result?: string }> {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  ) as Promise<{ Status: string; Result?: string }>;
}

/** Resolves after `n` macrotasks: long enough for any step not held back to run. */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

const sequentialSteps =
  (n: number, ran: string[] = []) =>
  async (_e: unknown, ctx: DurableContext) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += await ctx.step(`s${i}`, async () => {
        ran.push(`s${i}`);
        return i;
      });
    }
    return total;
  };

describe("pipelined checkpoints", () => {
  test("same output and byte-identical final state as acknowledged mode, in far fewer calls", async () => {
    const acknowledged = new MemoryClient();
    const pipelined = new MemoryClient();
    const a = await invoke(withDurableExecution(sequentialSteps(60)), acknowledged);
    const p = await invoke(withDurableExecution(sequentialSteps(60), PIPELINED), pipelined);
    expect(p).toEqual(a);
    expect(a).toEqual({ Status: "SUCCEEDED", Result: String((59 * 60) / 2) });
    expect(JSON.stringify([...pipelined.operations.values()])).toBe(
      JSON.stringify([...acknowledged.operations.values()]),
    );
    expect(acknowledged.requests).toHaveLength(60);
    expect(pipelined.requests.length).toBeLessThanOrEqual(3);
    expect(pipelined.rejected).toEqual([]);
  });

  test("the handler goes on before the acknowledgement; the output waits for all of them", async () => {
    const client = new HeldClient();
    const ran: string[] = [];
    let returned = false;
    const output = invoke(withDurableExecution(sequentialSteps(5, ran), PIPELINED), client).then(
      (out) => {
        returned = true;
        return out;
      },
    );
    await turns();
    expect(ran).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    expect(client.held).toHaveLength(1); // one request in flight, nothing acknowledged yet
    expect(returned).toBe(false);
    client.releaseAll();
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: "10" });
    expect([...client.operations.values()].filter((o) => o.Status === "SUCCEEDED")).toHaveLength(5);
  });

  test("acknowledged mode (the default) runs the next step only after the acknowledgement", async () => {
    const client = new HeldClient();
    const ran: string[] = [];
    const output = invoke(withDurableExecution(sequentialSteps(3, ran)), client);
    await turns();
    expect(ran).toEqual(["s0"]);
    client.releaseAll();
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: "3" });
  });

  test("an at-most-once step still waits for its START and its own result", async () => {
    const client = new HeldClient();
    const ran: string[] = [];
    const handler = withDurableExecution(async (_e: unknown, ctx: DurableContext) => {
      await ctx.step("before", async () => ran.push("before"));
      await ctx.step("once", async () => ran.push("once"), {
        semantics: StepSemantics.AtMostOncePerRetry,
      });
      await ctx.step("after", async () => ran.push("after"));
      return "done";
    }, PIPELINED);
    const output = invoke(handler, client);
    await turns();
    // "before" went on at once; "once" may not run before its START is acknowledged.
    expect(ran).toEqual(["before"]);
    // Answer one request at a time: "after" may run only once the request carrying the
    // SUCCEED of "once" has been answered (a request reaches the service when released).
    const onceSucceeded = () =>
      client.requests.some((r) =>
        r.Updates?.some((u) => u.Name === "once" && u.Action === "SUCCEED"),
      );
    let settled = false;
    void output.then(() => (settled = true));
    while (!settled) {
      client.held.shift()?.();
      await turns();
      if (ran.includes("after")) expect(onceSucceeded()).toBe(true);
      if (!onceSucceeded()) expect(ran).not.toContain("after");
    }
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(ran).toEqual(["before", "once", "after"]);
  });

  test("a wait still waits for the acknowledgement of its START (and of the steps before it)", async () => {
    const client = new HeldClient();
    const ran: string[] = [];
    const handler = withDurableExecution(async (_e: unknown, ctx: DurableContext) => {
      await ctx.step("a", async () => ran.push("a"));
      await ctx.wait("pause", { seconds: 30 });
      await ctx.step("b", async () => ran.push("b"));
      return "done";
    }, PIPELINED);
    const output = invoke(handler, client);
    await turns();
    expect(ran).toEqual(["a"]);
    client.releaseAll();
    expect(await output).toEqual({ Status: "PENDING" });
    expect(client.operations.size).toBe(3); // execution, a, pause
  });

  test("past 500 queued updates a step waits for its acknowledgement after all", async () => {
    const client = new HeldClient();
    const ran: string[] = [];
    const output = invoke(withDurableExecution(sequentialSteps(400, ran), PIPELINED), client);
    await turns(200);
    // Two updates per step (START, SUCCEED): the backlog passes 500 at about 250 steps.
    expect(ran.length).toBeGreaterThan(200);
    expect(ran.length).toBeLessThan(300);
    client.releaseAll();
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: String((399 * 400) / 2) });
    expect(ran).toHaveLength(400);
  });

  test("an unknown checkpointMode is rejected when the handler is wrapped", () => {
    expect(() =>
      withDurableExecution(async () => 1, {
        checkpointMode: "fast" as DurableExecutionConfig["checkpointMode"],
      }),
    ).toThrow(
      new TypeError(
        'withDurableExecution: checkpointMode must be "acknowledged" or "pipelined"; got "fast".',
      ),
    );
  });
});
