/**
 * The OpenTelemetry plugin on the embedded service: a workflow with a retried step, a day-long
 * wait, a callback, a map and an invoke runs over several invocations; the exported spans
 * (OTel SDK, in-memory exporter) form exactly the expected tree in one trace whose ids are
 * derived from the execution ARN, with no span twice, and a replay adds no operation spans.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { AsyncLocalStorage } from "node:async_hooks";
import { join } from "node:path";
import {
  ROOT_CONTEXT,
  SpanStatusCode,
  TraceFlags,
  context,
  trace,
  type Context,
  type ContextManager,
} from "@opentelemetry/api";
import { withDurableExecution, type DurableContext } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import {
  DurableAttributes,
  DurableIdGenerator,
  DurableOtelPlugin,
  OTEL_MODE_ENV_VAR,
  durableExecutionPluginProvider,
  durableSpanId,
  executionTraceId,
  invocationTraceId,
} from "../../src/otel";
import { loadPluginsFromEnvironment } from "../../src/plugins/plugin-loader";
import type { Operation } from "../../src/types/wire";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { LocalDurableTestRunner, WaitingOperationStatus } from "../../src/testing";
import { parentIdOf, renderTree } from "./span-tree";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    idGenerator: new DurableIdGenerator(),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { exporter, provider };
}

async function workflow(_event: unknown, ctx: DurableContext) {
  const charged = await ctx.step(
    "charge",
    async ({ attempt }) => {
      if (attempt < 3) throw new Error(`card declined (attempt ${attempt})`);
      return "charged";
    },
    { retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 30 } }) },
  );
  await ctx.wait("cool-off", { days: 1 });
  const [approval] = await ctx.createCallback<string>("approval", { timeout: { hours: 1 } });
  const verdict = await approval;
  const packed = await ctx.map("ship", ["a", "b"], async (item, parcel) =>
    item.step("pack", async () => `packed ${parcel}`),
  );
  const receipt = await ctx.invoke("notify", "notifier", { to: "ops" });
  return { charged, verdict, packed: packed.getResults(), receipt };
}

async function runWorkflow(plugin: DurableOtelPlugin) {
  const handler = withDurableExecution(workflow, { plugins: [plugin] });
  const runner = new LocalDurableTestRunner({ handlerFunction: handler }).registerFunction(
    "notifier",
    async () => ({ sent: true }),
  );
  const approval = runner.getOperation("approval");
  const running = runner.run({ payload: {} });
  await approval.waitForData(WaitingOperationStatus.STARTED);
  await approval.sendCallbackSuccess("approved");
  return { handler, result: await running };
}

/** A context manager on AsyncLocalStorage, as the Lambda OTel layer installs one. */
class AsyncLocalContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#storage.disable();
    return this;
  }
}

const hrTimeToMilliseconds = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

const arnOf = (spans: readonly ReadableSpan[]) =>
  String(spans[0].attributes[DurableAttributes.EXECUTION_ARN]);

const EXPECTED_TREE = (invocations: number) => [
  "execution",
  "  callback approval",
  ...Array.from({ length: invocations }, () => "  invocation"),
  "  invoke notify",
  "  map ship",
  "    map item map-item-0",
  "      step pack",
  "        step pack attempt 1",
  "    map item map-item-1",
  "      step pack",
  "        step pack attempt 1",
  "  step charge",
  "    step charge attempt 1",
  "    step charge attempt 2",
  "    step charge attempt 3",
  "  wait cool-off",
];

describe("DurableOtelPlugin, execution-rooted (default)", () => {
  let spans: ReadableSpan[];
  let invocations: number;
  let handler: Awaited<ReturnType<typeof runWorkflow>>["handler"];
  let finalOperations: Operation[];

  beforeAll(async () => {
    const { exporter, provider } = tracing();
    const run = await runWorkflow(new DurableOtelPlugin({ tracerProvider: provider }));
    expect(run.result.getStatus()).toBe("SUCCEEDED");
    spans = exporter.getFinishedSpans();
    invocations = run.result.getInvocations().length;
    handler = run.handler;
    finalOperations = run.result
      .getOperations()
      .map((op) => op.getOperationData() as Operation | undefined)
      .filter((op): op is Operation => op !== undefined);
  });

  test("the workflow took several invocations and yields exactly the expected span tree", () => {
    expect(invocations).toBeGreaterThanOrEqual(4);
    expect(renderTree(spans)).toEqual(EXPECTED_TREE(invocations));
  });

  test("one trace whose ids are derived from the execution ARN and operation ids", () => {
    const arn = arnOf(spans);
    expect(arn).toMatch(/durable-execution/);
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(
      new Set([executionTraceId(arn)]),
    );
    const root = spans.find((s) => s.name === "execution")!;
    expect(root.spanContext().spanId).toBe(durableSpanId(arn, "execution"));
    expect(parentIdOf(root)).toBeUndefined();
    for (const span of spans) {
      const opId = span.attributes[DurableAttributes.OPERATION_ID];
      const attempt = span.attributes[DurableAttributes.ATTEMPT_OUTCOME];
      if (typeof opId !== "string" || attempt !== undefined) continue;
      expect(span.spanContext().spanId).toBe(durableSpanId(arn, "operation", opId));
    }
    // The provider honoured every deterministic id, so no span needed the fallback attribute.
    expect(spans.filter((s) => DurableAttributes.INTENDED_SPAN_ID in s.attributes)).toEqual([]);
  });

  test("every span id is unique and every parent was exported by some invocation", () => {
    const ids = spans.map((s) => s.spanContext().spanId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const span of spans) {
      const parent = parentIdOf(span);
      if (parent) expect(ids).toContain(parent);
    }
  });

  test("operations carry type, name, status, attempt, error type and replay attributes", () => {
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const [charge] = byName("step charge");
    expect(charge.attributes).toMatchObject({
      [DurableAttributes.OPERATION_TYPE]: "STEP",
      [DurableAttributes.OPERATION_SUBTYPE]: "Step",
      [DurableAttributes.OPERATION_NAME]: "charge",
      [DurableAttributes.OPERATION_STATUS]: "SUCCEEDED",
      [DurableAttributes.ATTEMPT]: 3,
      [DurableAttributes.REPLAY]: true,
    });
    const attempts = [1, 2, 3].map((n) => byName(`step charge attempt ${n}`)[0]);
    expect(
      attempts.map((a) => [a.status.code, a.attributes[DurableAttributes.ERROR_TYPE]]),
    ).toEqual([
      [SpanStatusCode.ERROR, "Error"],
      [SpanStatusCode.ERROR, "Error"],
      [SpanStatusCode.UNSET, undefined],
    ]);
    expect(attempts[0].events.map((e) => e.name)).toEqual(["exception"]);
    const [wait] = byName("wait cool-off");
    expect(wait.attributes[DurableAttributes.OPERATION_TYPE]).toBe("WAIT");
    expect(wait.attributes[DurableAttributes.REPLAY]).toBe(true);
    // The wait covers the day in which no code ran: an event marks where code resumed, and
    // a link points at the invocation that resumed it.
    expect(wait.events.map((e) => e.name)).toEqual(["durable.resumed"]);
    expect(wait.links).toHaveLength(1);
    const resumedIn = wait.links[0].context.spanId;
    expect(spans.find((s) => s.spanContext().spanId === resumedIn)?.name).toBe("invocation");
    expect(byName("callback approval")[0].attributes[DurableAttributes.OPERATION_TYPE]).toBe(
      "CALLBACK",
    );
    expect(byName("invoke notify")[0].attributes[DurableAttributes.OPERATION_TYPE]).toBe(
      "CHAINED_INVOKE",
    );
    expect(byName("map ship")[0].attributes[DurableAttributes.OPERATION_SUBTYPE]).toBe("Map");
    const invocationSpans = byName("invocation");
    expect(
      invocationSpans.filter((s) => s.attributes[DurableAttributes.INVOCATION_FIRST]),
    ).toHaveLength(1);
    expect(
      invocationSpans.map((s) => s.attributes[DurableAttributes.INVOCATION_STATUS]).sort(),
    ).toEqual([...Array.from({ length: invocations - 1 }, () => "PENDING"), "SUCCEEDED"]);
  });

  test("replaying the finished execution adds an invocation span and no operation spans", async () => {
    const { exporter, provider } = tracing();
    const plugin = new DurableOtelPlugin({ tracerProvider: provider });
    const replayHandler = withDurableExecution(workflow, { plugins: [plugin] });
    void handler;
    const client = new MemoryClient();
    for (const op of finalOperations) client.operations.set(op.Id, op);
    const arn = arnOf(spans);
    const envelope = { ...client.envelope(), DurableExecutionArn: arn };
    const out = await replayHandler(
      new DurableExecutionInvocationInputWithClient(envelope, client),
      lambdaContext({ awsRequestId: "replay-1" }),
    );
    expect(out).toMatchObject({ Status: "SUCCEEDED" });
    const replayed = exporter.getFinishedSpans();
    expect(replayed.map((s) => s.name)).toEqual(["invocation"]);
    expect(replayed[0].spanContext().traceId).toBe(executionTraceId(arn));
    expect(parentIdOf(replayed[0])).toBe(durableSpanId(arn, "execution"));
  });
});

describe("DurableOtelPlugin, invocation-rooted", () => {
  test("each invocation is its own trace, linked to the execution, holding the work it did", async () => {
    const { exporter, provider } = tracing();
    const { result } = await runWorkflow(
      new DurableOtelPlugin({ tracerProvider: provider, mode: "invocation" }),
    );
    const spans = exporter.getFinishedSpans();
    const arn = arnOf(spans);
    const traces = new Map<string, ReadableSpan[]>();
    for (const s of spans) {
      const id = s.spanContext().traceId;
      traces.set(id, [...(traces.get(id) ?? []), s]);
    }
    expect(traces.size).toBe(result.getInvocations().length);
    expect(traces.has(executionTraceId(arn))).toBe(false);
    expect(spans.some((s) => s.name === "execution")).toBe(false);
    for (const [traceId, members] of traces) {
      const roots = members.filter((s) => parentIdOf(s) === undefined);
      expect(roots.map((r) => r.name)).toEqual(["invocation"]);
      expect(roots[0].links.map((l) => l.context)).toEqual([
        expect.objectContaining({
          traceId: executionTraceId(arn),
          spanId: durableSpanId(arn, "execution"),
        }),
      ]);
      expect(traceId).toBe(
        invocationTraceId(
          arn,
          String(roots[0].attributes[DurableAttributes.INVOCATION_REQUEST_ID]),
        ),
      );
      // Every span stays inside its invocation: no long spans in these traces.
      for (const s of members) {
        expect(hrTimeToMilliseconds(s.startTime)).toBeGreaterThanOrEqual(
          hrTimeToMilliseconds(roots[0].startTime),
        );
        const parent = parentIdOf(s);
        if (parent) expect(members.map((m) => m.spanContext().spanId)).toContain(parent);
      }
    }
    // The retried step shows up in each of the three invocations that ran an attempt.
    const chargeTraces = [...traces.values()].filter((m) =>
      m.some((s) => s.name === "step charge"),
    );
    expect(chargeTraces.map((m) => renderTree(m).filter((l) => l.includes("charge")))).toEqual([
      ["  step charge", "    step charge attempt 1"],
      ["  step charge", "    step charge attempt 2"],
      ["  step charge", "    step charge attempt 3"],
    ]);
  });

  test("nests under the ambient span (the Lambda layer's) when one is active", async () => {
    const { exporter, provider } = tracing();
    const manager = new AsyncLocalContextManager();
    context.setGlobalContextManager(manager);
    try {
      const plugin = new DurableOtelPlugin({ tracerProvider: provider, mode: "invocation" });
      const h = withDurableExecution(async (_e, ctx) => ctx.step("only", async () => 1), {
        plugins: [plugin],
      });
      const client = new MemoryClient();
      const lambdaSpan = {
        traceId: "0af7651916cd43dd8448eb211c80319c",
        spanId: "b7ad6b7169203331",
        traceFlags: TraceFlags.SAMPLED,
      };
      await context.with(trace.setSpanContext(ROOT_CONTEXT, lambdaSpan), () =>
        h(
          new DurableExecutionInvocationInputWithClient(client.envelope(), client),
          lambdaContext(),
        ),
      );
    } finally {
      context.disable();
    }
    const spans = exporter.getFinishedSpans();
    expect(renderTree(spans)).toEqual([
      "(missing parent b7ad6b7169203331)",
      "  invocation",
      "    step only",
      "      step only attempt 1",
    ]);
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(
      new Set(["0af7651916cd43dd8448eb211c80319c"]),
    );
  });
});

describe("any TracerProvider", () => {
  test("without DurableIdGenerator trace ids stay deterministic and the intended span id is recorded", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const plugin = new DurableOtelPlugin({ tracerProvider: provider });
    const h = withDurableExecution(async (_e, ctx) => ctx.step("only", async () => 1), {
      plugins: [plugin],
    });
    const client = new MemoryClient();
    const envelope = client.envelope();
    await h(new DurableExecutionInvocationInputWithClient(envelope, client), lambdaContext());
    const arn = envelope.DurableExecutionArn;
    const spans = exporter.getFinishedSpans();
    const step = spans.find((s) => s.name === "step only")!;
    expect(step.spanContext().traceId).toBe(executionTraceId(arn));
    const opId = String(step.attributes[DurableAttributes.OPERATION_ID]);
    expect(step.attributes[DurableAttributes.INTENDED_SPAN_ID]).toBe(
      durableSpanId(arn, "operation", opId),
    );
    expect(parentIdOf(step)).toBe(durableSpanId(arn, "execution"));
  });
});

describe("loading through DURABLE_EXECUTION_PLUGINS", () => {
  const entry = join(__dirname, "..", "..", "src", "otel", "index.ts");

  afterEach(() => {
    delete process.env[OTEL_MODE_ENV_VAR];
  });

  test("the otel entry exports a provider the loader accepts; the mode comes from the environment", async () => {
    process.env[OTEL_MODE_ENV_VAR] = "invocation";
    const plugins = await loadPluginsFromEnvironment(entry);
    expect(plugins).toHaveLength(1);
    expect((plugins[0] as DurableOtelPlugin).mode).toBe("invocation");
    expect(plugins[0]).toBeInstanceOf(durableExecutionPluginProvider.pluginType);
  });

  test("an unknown mode is a load error naming the mode", async () => {
    process.env[OTEL_MODE_ENV_VAR] = "daily";
    await expect(loadPluginsFromEnvironment(entry)).rejects.toThrow(
      /mode must be "execution" or "invocation"; got "daily"/,
    );
  });
});
