/** runInChildContext: virtual children, the 256 KiB result boundary, replay of records without details. */
import { ChildContextError, withDurableExecution } from "../../src";
import { MAX_CHILD_RESULT_BYTES } from "../../src/operations/child-context";
import type { Operation } from "../../src/types/wire";
import { MemoryClient, invoke } from "../helpers/memory-client";
import { h } from "../helpers/ids";

describe("virtual child contexts", () => {
  it("record nothing of their own: their operations hang off the enclosing context", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.runInChildContext("v", (child) => child.step("inner", async () => 2), {
        virtualContext: true,
      }),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "2" });
    expect(client.updates.map((u) => [u.Name, u.Type, u.Action, u.ParentId])).toEqual([
      ["inner", "STEP", "START", undefined],
      ["inner", "STEP", "SUCCEED", undefined],
    ]);
    expect(client.updates[0].Id).toBe(h("1-1"));
  });

  it("a failing virtual child records no FAIL of its own", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .runInChildContext(
          "v",
          async () => {
            throw new Error("inside");
          },
          { virtualContext: true },
        )
        .catch((e: unknown) => [(e as Error).constructor.name, (e as Error).message]),
    );
    expect(await invoke(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["ChildContextError", "inside"]),
    });
    expect(client.updates).toEqual([]);
  });
});

describe("the 256 KiB result boundary", () => {
  /** The SUCCEED update of a child returning a string of `chars` characters (chars + 2 bytes of JSON). */
  async function succeedOf(chars: number) {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      const value = await ctx.runInChildContext("c", async () => "x".repeat(chars));
      return value.length;
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: String(chars) });
    return client.updates.find((u) => u.Type === "CONTEXT" && u.Action === "SUCCEED")!;
  }

  it("stores a result of exactly 256 KiB whole", async () => {
    const update = await succeedOf(MAX_CHILD_RESULT_BYTES - 2);
    expect(update.Payload).toHaveLength(MAX_CHILD_RESULT_BYTES);
    expect(update.ContextOptions).toBeUndefined();
  });

  it("stores nothing for one byte more, and marks the children to replay", async () => {
    const update = await succeedOf(MAX_CHILD_RESULT_BYTES - 1);
    expect(update.Payload).toBe("");
    expect(update.ContextOptions).toEqual({ ReplayChildren: true });
  });
});

describe("replay of context records without details", () => {
  const record = (status: "SUCCEEDED" | "FAILED"): Operation => ({
    Id: h("1"),
    Type: "CONTEXT",
    SubType: "RunInChildContext",
    Name: "c",
    Status: status,
  });

  it("a succeeded one gives undefined without running the body", async () => {
    const client = new MemoryClient();
    client.operations.set(h("1"), record("SUCCEEDED"));
    const body = jest.fn(async () => "ran");
    const handler = withDurableExecution(async (_e, ctx) => ({
      value: (await ctx.runInChildContext("c", body)) ?? "none",
    }));
    expect(await invoke(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ value: "none" }),
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("a failed one throws a ChildContextError", async () => {
    const client = new MemoryClient();
    client.operations.set(h("1"), record("FAILED"));
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .runInChildContext("c", async () => "ran")
        .catch((e: unknown) => String(e instanceof ChildContextError)),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"true"' });
  });
});
