/**
 * Side-by-side check against the reference SDK (2.4.0), which is never a dependency of this
 * project: install it under an alias OUTSIDE the project and point REFERENCE_SDK at it, e.g.
 *   mkdir -p /tmp/ref && cd /tmp/ref && npm init -y && \
 *     npm install reference-sdk@npm:@aws/durable-execution-sdk-js@2.4.0
 *   REFERENCE_SDK=/tmp/ref/node_modules/reference-sdk npx tsx bench/reference-side-by-side.bench.ts
 * Every scenario runs on both SDKs against the same in-memory service; the script compares the
 * invocation outputs and the exact checkpoint update stream, and times a 1,000-step run on each.
 *
 * Then it runs seeded random workflows (see side-by-side/random-workflow.ts) on the reference,
 * on ours, and handed between the two at every suspension, and counts how many are identical:
 *   ... reference-side-by-side.bench.ts --random 1500            (seeds 1..1500)
 *   ... reference-side-by-side.bench.ts --random 1 --seed 42 --verbose   (one seed, with its tree)
 * Without arguments the scenarios run, then 200 random workflows.
 */
import { createRequire } from "node:module";
import { MemoryClient } from "../test/helpers/memory-client";
import * as ours from "../src";
import { runRandomCheck } from "./side-by-side/random-check";

const referencePath = process.env.REFERENCE_SDK;
if (!referencePath) {
  console.log(
    "REFERENCE_SDK is not set: skipping the side-by-side comparison (see the header of this file).",
  );
  process.exit(0);
}
const ref = createRequire(__filename)(referencePath);

type Sdk = typeof ours;
const scenarios: Record<string, (sdk: Sdk) => (e: any, ctx: any) => Promise<unknown>> = {
  steps: () => async (_e, ctx) => {
    const a = await ctx.step("a", async () => 1);
    const b = await ctx.step(async () => ({ d: new Date(0) }));
    return [a, b];
  },
  childAndWait: () => async (_e, ctx) => {
    const r = await ctx.runInChildContext("kid", async (c: any) => {
      await c.step("in", async () => 2);
      await c.wait({ seconds: 3 });
      return c.step(async () => 3);
    });
    await ctx.wait("w", { minutes: 1 });
    return r;
  },
  retries: () => async (_e, ctx) =>
    ctx.step(
      "flaky",
      async ({ attempt }: any) => {
        if (attempt < 3) throw new TypeError(`no ${attempt}`);
        return attempt;
      },
      {
        retryStrategy: (_err: Error, n: number) => ({ shouldRetry: n < 5, delay: { seconds: n } }),
      },
    ),
  failing: () => async (_e, ctx) => {
    try {
      await ctx.step(
        "bad",
        async () => {
          throw new RangeError("r");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      );
    } catch (e: any) {
      return [e.name, e.message, e.cause?.name];
    }
  },
  callbacks: () => async (_e, ctx) => {
    const [p] = await ctx.createCallback("cb", { timeout: { seconds: 100 } });
    const w = await ctx.waitForCallback("wfc", async () => undefined, {
      heartbeatTimeout: { seconds: 5 },
    });
    return [await p, w];
  },
  map: () => async (_e, ctx) => {
    const r = await ctx.map(
      "m",
      [1, 2, 3, 4, 5],
      async (c: any, x: number) => c.step(async () => x * 2),
      { maxConcurrency: 2 },
    );
    return r.getResults();
  },
  mapFailures: () => async (_e, ctx) => {
    const r = await ctx.map(
      [1, 2, 3],
      async (c: any, x: number) =>
        c.step(
          async () => {
            if (x === 2) throw new Error("two");
            return x;
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        ),
      { completionConfig: { toleratedFailureCount: 1 } },
    );
    return JSON.parse(JSON.stringify(r));
  },
  parallel: () => async (_e, ctx) => {
    const r = await ctx.parallel("p", [
      { name: "x", func: async (c: any) => c.step(async () => "x") },
      async (c: any) => c.wait({ seconds: 1 }),
    ]);
    return r.all.map((i: any) => i.status);
  },
  flatMap: (sdk) => async (_e, ctx) => {
    const r = await ctx.map([1, 2], async (c: any, x: number) => c.step(async () => x), {
      nesting: sdk.NestingType.FLAT,
    });
    return r.getResults();
  },
  combinators: () => async (_e, ctx) => {
    const a = ctx.step(async () => 1);
    const b = ctx.step(async () => 2);
    return ctx.promise.all([a, b]);
  },
  condition: () => async (_e, ctx) =>
    ctx.waitForCondition("poll", async (s: number) => s + 1, {
      initialState: 0,
      waitStrategy: (s: number) =>
        s < 3 ? { shouldContinue: true, delay: { seconds: 2 } } : { shouldContinue: false },
    }),
  invoke: () => async (_e, ctx) => ctx.invoke("call", "fn:1", { a: 1 }, { tenantId: "t" }),
  childThenStep: () => async (_e, ctx) => {
    const c = ctx.runInChildContext("c", async (k: any) => k.step("inner", async () => 1));
    const s = await ctx.step("outer", async () => 2);
    return [await c, s];
  },
  earlyMin: () => async (_e, ctx) => {
    const r = await ctx.parallel(
      "p",
      [
        async (c: any) => c.step(async () => 1),
        async (c: any) => c.step(async () => 2),
        async (c: any) => {
          await c.wait({ seconds: 100 });
          return 3;
        },
      ],
      { completionConfig: { minSuccessful: 2 } },
    );
    return [r.completionReason, r.all.map((i: any) => i.status)];
  },
  settled: () => async (_e, ctx) => {
    const a = ctx.step(async () => 1);
    const b = ctx.step(
      async () => {
        throw new Error("x");
      },
      { retryStrategy: () => ({ shouldRetry: false }) },
    );
    const r = await ctx.promise.allSettled([a, b]);
    return r.map((x: any) => x.status);
  },
  anyRejected: () => async (_e, ctx) => {
    const a = ctx.step(
      async () => {
        throw new Error("a");
      },
      { retryStrategy: () => ({ shouldRetry: false }) },
    );
    try {
      await ctx.promise.any("any", [a]);
    } catch (e: any) {
      return [e.name, e.message];
    }
  },
  childFail: () => async (_e, ctx) => {
    try {
      await ctx.runInChildContext("f", async () => {
        throw new SyntaxError("s");
      });
    } catch (e: any) {
      return [e.name, e.message, e.cause?.name, e.cause?.cause?.name];
    }
  },
  submitterFail: () => async (_e, ctx) => {
    try {
      await ctx.waitForCallback(
        "w",
        async () => {
          throw new Error("sub");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      );
    } catch (e: any) {
      return [e.name, e.message, e.cause?.name];
    }
  },
  bigMap: () => async (_e, ctx) => {
    const r = await ctx.map("big", [1, 2, 3], async (c: any, i: number) =>
      c.step(async () => "y".repeat(100000) + i),
    );
    return r.getResults().map((x: string) => x.length);
  },
  bigChild: () => async (_e, ctx) => {
    const v = await ctx.runInChildContext("big", async (c: any) =>
      c.step(async () => "x".repeat(300000)),
    );
    return v.length;
  },
};

/**
 * Runs a scenario to the end. With `other`, invocations alternate between the two SDKs, so an
 * execution started by one is resumed by the other.
 */
async function runAll(sdk: Sdk, make: (sdk: Sdk) => any, other?: Sdk) {
  const client = new MemoryClient('{"in":1}');
  const sdks = other ? [sdk, other] : [sdk];
  const handlers = sdks.map((s) => s.withDurableExecution(make(s)));
  const outputs: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    const current = sdks[i % sdks.length];
    const out = await handlers[i % sdks.length](
      new current.DurableExecutionInvocationInputWithClient(client.envelope(), client) as any,
      { awsRequestId: "r", getRemainingTimeInMillis: () => 900000 } as any,
    );
    outputs.push(out);
    if ((out as any).Status !== "PENDING") break;
    for (const op of client.operations.values()) {
      if (op.Type === "WAIT" && op.Status === "STARTED") client.completeWait(op.Id);
      if (op.Type === "CALLBACK" && op.Status === "STARTED") client.completeCallback(op.Id, '"ok"');
      if (op.Type === "STEP" && op.Status === "PENDING") client.readyRetry(op.Id);
      if (op.Type === "CHAINED_INVOKE" && op.Status === "STARTED")
        (client as any).patch(op.Id, {
          Status: "SUCCEEDED",
          ChainedInvokeDetails: { Result: '{"r":1}' },
        });
    }
  }
  // Canonical form: sorted keys, no undefined members, payloads parsed, and stack traces
  // (which name each SDK's own files) dropped.
  const canon = (v: any, key?: string): any => {
    if (key === "Payload" && typeof v === "string") {
      try {
        return canon(JSON.parse(v));
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((x) => canon(x));
    if (!v || typeof v !== "object") return v;
    const keys = Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined && k !== "stack");
    return Object.fromEntries(keys.map((k) => [k, canon(v[k], k)]));
  };
  const updates = client.updates.map((u) => {
    const c: any = { ...u };
    if (c.Type === "EXECUTION") delete c.Id;
    return JSON.stringify(canon(c));
  });
  return { outputs, updates };
}

/** The value following `flag` on the command line, as a number. */
function numberArg(flag: string): number | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

(async () => {
  const randomCount = numberArg("--random");
  const randomOptions = {
    firstSeed: numberArg("--seed") ?? 1,
    count: randomCount ?? 200,
    verbose: process.argv.includes("--verbose"),
  };
  if (randomCount !== undefined) {
    const failing = await runRandomCheck(ours, ref, randomOptions);
    process.exit(failing ? 1 : 0);
  }
  if (process.argv[2]) {
    await detail(process.argv[2]);
    return;
  }
  let bad = 0;
  for (const [name, make] of Object.entries(scenarios)) {
    const a = await runAll(ours, make);
    const b = await runAll(ref, make);
    const same =
      JSON.stringify(a.outputs) === JSON.stringify(b.outputs) &&
      JSON.stringify([...a.updates].sort()) === JSON.stringify([...b.updates].sort());
    const sameOrder = JSON.stringify(a.updates) === JSON.stringify(b.updates);
    const mixed = [await runAll(ref, make, ours), await runAll(ours, make, ref)];
    const resumes = mixed.every((m) => JSON.stringify(m.updates) === JSON.stringify(a.updates));
    if (!resumes) bad++;
    console.log(
      `${same ? "SAME" : "DIFF"} ${sameOrder ? "(order too)" : "(order differs)"} ${resumes ? "resumes across SDKs" : "CROSS-SDK RESUME DIFFERS"} ${name}`,
    );
    if (!same) {
      bad++;
      console.log(" ours outputs", JSON.stringify(a.outputs).slice(0, 600));
      console.log(" ref  outputs", JSON.stringify(b.outputs).slice(0, 600));
      const sa = new Set(a.updates),
        sb = new Set(b.updates);
      for (const u of a.updates) if (!sb.has(u)) console.log("  only ours:", u.slice(0, 300));
      for (const u of b.updates) if (!sa.has(u)) console.log("  only ref :", u.slice(0, 300));
    }
  }
  await timeSteps(ours, 200);
  await timeSteps(ref, 200);
  const mine = await timeSteps(ours, 1000);
  const theirs = await timeSteps(ref, 1000);
  console.log(
    `1,000 sequential steps, fresh, in-memory client: ours ${mine.toFixed(0)} ms, reference ${theirs.toFixed(0)} ms`,
  );
  console.log(
    bad ? `${bad} scenario(s) differ` : "all scenarios identical (stack-trace text aside)",
  );
  await runRandomCheck(ours, ref, randomOptions);
  process.exit(0);
})();
async function timeSteps(sdk: Sdk, n: number): Promise<number> {
  const make = () => async (_e: unknown, ctx: any) => {
    for (let i = 0; i < n; i++) await ctx.step(async () => i);
  };
  const start = performance.now();
  await runAll(sdk, make);
  return performance.now() - start;
}

async function detail(name: string) {
  const a = await runAll(ours, scenarios[name]);
  const b = await runAll(ref, scenarios[name]);
  console.log("OURS");
  a.updates.forEach((u) => console.log(" ", u.slice(0, 400)));
  console.log("REF");
  b.updates.forEach((u) => console.log(" ", u.slice(0, 400)));
}
