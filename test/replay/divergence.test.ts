import { LocalDurableTestRunner, verifyReplay } from "../../src/testing";
import { durable, record, sideEffects, work } from "./replay-helpers";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const v1 = durable(async (input: { n: number }, ctx) => {
  const a = await work(ctx, "a", input.n + 1);
  await ctx.wait("nap", { seconds: 5 });
  const b = await work(ctx, "b", a * 2);
  return { a, b };
});

async function divergenceOf(next: ReturnType<typeof durable>, original = v1) {
  const recording = await record(original, { n: 1 });
  sideEffects.count = 0;
  const report = await verifyReplay(next, recording);
  expect(sideEffects.count).toBe(0);
  expect(report.verdict).toBe("diverged");
  expect(report.ok).toBe(false);
  return report.divergence!;
}

describe("divergences at the root", () => {
  test("reordered operations", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        const b = await work(ctx, "b", 4);
        await ctx.wait("nap", { seconds: 5 });
        return { a: await work(ctx, "a", 2), b };
      }),
    );
    expect(d.kind).toBe("mismatch");
    expect(d.path).toBe('Step "a" (1)');
    expect(d.recorded).toMatchObject({ type: "STEP", name: "a", position: "1" });
    expect(d.actual).toMatchObject({ type: "STEP", name: "b", position: "1" });
    expect(d.message).toContain('the recording has STEP "a" (subtype Step)');
    expect(d.message).toContain('the new code calls STEP "b"');
    expect(d.message).toContain("reordered");
  });

  test("renamed operation", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await ctx.wait("pause", { seconds: 5 });
        return { a, b: await work(ctx, "b", a * 2) };
      }),
    );
    expect(d).toMatchObject({ kind: "mismatch", path: 'Wait "nap" (2)' });
    expect(d.message).toContain("(the name differs)");
    expect(d.message).toContain("renamed");
  });

  test("retyped operation", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await work(ctx, "nap", 0);
        return { a, b: await work(ctx, "b", a * 2) };
      }),
    );
    expect(d).toMatchObject({ kind: "mismatch", path: 'Wait "nap" (2)' });
    expect(d.actual).toMatchObject({ type: "STEP", subType: "Step", name: "nap" });
    expect(d.message).toContain("(the type differs)");
    expect(d.message).toContain("retyped");
  });

  test("operation inserted in the middle", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await work(ctx, "audit", true);
        await ctx.wait("nap", { seconds: 5 });
        return { a, b: await work(ctx, "b", a * 2) };
      }),
    );
    expect(d).toMatchObject({ kind: "mismatch", path: 'Wait "nap" (2)' });
    expect(d.actual).toMatchObject({ name: "audit" });
  });

  test("operation inserted at the end of a finished execution", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await ctx.wait("nap", { seconds: 5 });
        const b = await work(ctx, "b", a * 2);
        await work(ctx, "notify", true);
        return { a, b };
      }),
    );
    expect(d.kind).toBe("inserted");
    expect(d.path).toBe('Step "notify" (4)');
    expect(d.message).toContain("The recorded execution succeeded without it");
    expect(d.message).toContain('would start STEP "notify"');
  });

  test("operation removed at the end", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await ctx.wait("nap", { seconds: 5 });
        return { a, b: a * 2 };
      }),
    );
    expect(d.kind).toBe("removed");
    expect(d.path).toBe('Step "b" (3)');
    expect(d.recorded).toMatchObject({ type: "STEP", name: "b", position: "3" });
    expect(d.message).toContain("the new code never calls it");
  });

  test("operation removed in the middle", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        return { a, b: await work(ctx, "b", a * 2) };
      }),
    );
    expect(d).toMatchObject({ kind: "mismatch", path: 'Wait "nap" (2)' });
    expect(d.message).toContain("elsewhere");
  });

  test("a different result", async () => {
    const d = await divergenceOf(
      durable(async (input, ctx) => {
        const a = await work(ctx, "a", input.n + 1);
        await ctx.wait("nap", { seconds: 5 });
        const b = await work(ctx, "b", a * 2);
        return { a, b, extra: true };
      }),
    );
    expect(d.kind).toBe("outcome");
    expect(d.message).toBe(
      'The handler returns {"a":2,"b":4,"extra":true}; the recorded result is {"a":2,"b":4}.',
    );
  });
});

const nested = durable(async (_input, ctx) => {
  const inner = await ctx.runInChildContext("outer", async (child) => {
    const x = await work(child, "x", 1);
    return x + (await work(child, "y", 2));
  });
  const mapped = await ctx.map("items", [1, 2, 3], (item, value) =>
    work(item, "double", value * 2),
  );
  const branches = await ctx.parallel("both", [
    (branch) => work(branch, "left", "L"),
    (branch) => work(branch, "right", "R"),
  ]);
  return { inner, mapped: mapped.getResults(), branches: branches.getResults() };
});

describe("divergences inside child contexts, map items and parallel branches", () => {
  test("renamed inside a child context", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        await ctx.runInChildContext("outer", async (child) => {
          await work(child, "x", 1);
          return work(child, "why", 2);
        });
      }),
      nested,
    );
    expect(d.kind).toBe("mismatch");
    expect(d.path).toBe('RunInChildContext "outer" (1) > Step "y" (1-2)');
    expect(d.actual).toMatchObject({ name: "why", position: "1-2" });
  });

  test("retyped inside a map item", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        await ctx.runInChildContext("outer", async (child) => {
          const x = await work(child, "x", 1);
          return x + (await work(child, "y", 2));
        });
        await ctx.map("items", [1, 2, 3], async (item, value) => {
          await item.wait("double", { seconds: 1 });
          return value * 2;
        });
      }),
      nested,
    );
    expect(d.kind).toBe("mismatch");
    expect(d.path).toMatch(
      /^Map "items" \(2\) > MapIteration "[^"]*" \(2-1\) > Step "double" \(2-1-1\)$/,
    );
    expect(d.actual).toMatchObject({ type: "WAIT", name: "double" });
  });

  test("reordered inside a parallel branch", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        await ctx.runInChildContext("outer", async (child) => {
          const x = await work(child, "x", 1);
          return x + (await work(child, "y", 2));
        });
        await ctx.map("items", [1, 2, 3], (item, value) => work(item, "double", value * 2));
        await ctx.parallel("both", [
          (branch) => work(branch, "right", "R"),
          (branch) => work(branch, "left", "L"),
        ]);
      }),
      nested,
    );
    expect(d.kind).toBe("mismatch");
    expect(d.path).toMatch(
      /^Parallel "both" \(3\) > ParallelBranch "[^"]*" \(3-1\) > Step "left" \(3-1-1\)$/,
    );
  });

  test("a map with more items", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        await ctx.runInChildContext("outer", async (child) => {
          const x = await work(child, "x", 1);
          return x + (await work(child, "y", 2));
        });
        await ctx.map("items", [1, 2, 3, 4], (item, value) => work(item, "double", value * 2));
      }),
      nested,
    );
    expect(d.kind).toBe("inserted");
    expect(d.path).toMatch(/^Map "items" \(2\) > MapIteration "[^"]*" \(2-4\)$/);
    expect(d.message).toContain("more items or branches");
  });

  test("a map with fewer items", async () => {
    const d = await divergenceOf(
      durable(async (_input, ctx) => {
        await ctx.runInChildContext("outer", async (child) => {
          const x = await work(child, "x", 1);
          return x + (await work(child, "y", 2));
        });
        await ctx.map("items", [1, 2], (item, value) => work(item, "double", value * 2));
      }),
      nested,
    );
    expect(d.kind).toBe("removed");
    expect(d.path).toMatch(/^Map "items" \(2\) > MapIteration "[^"]*" \(2-3\)$/);
    expect(d.message).toContain("fewer items or branches");
  });

  test("the unchanged nested workflow verifies without running a body", async () => {
    const recording = await record(nested);
    sideEffects.count = 0;
    const report = await verifyReplay(nested, recording);
    expect(report.divergence).toBeUndefined();
    expect(report.verdict).toBe("verified");
    expect(report.matchedOperations).toBe(report.recordedOperations);
    expect(sideEffects.count).toBe(0);
  });
});
