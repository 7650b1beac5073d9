/**
 * Seeded random durable workflows for the side-by-side check. A workflow is a plain JSON tree
 * (so a failing seed can be printed and rebuilt), and {@link buildHandler} turns it into a
 * handler for either SDK. Everything a handler does is deterministic: step failures depend on
 * the attempt number, callbacks are answered by the driver from the mode in their name, and
 * the only "timing" is a fixed number of microtask hops, which is what makes operations
 * settle in the same or in different ticks.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a callback is ended by the driver: answered, failed (with error data) or timed out. */
export type CallbackMode = "ok" | "fail" | "timeout";

/** A completion policy of map/parallel, as generated. */
export type Completion =
  | undefined
  | { toleratedFailureCount: number }
  | { minSuccessful: number }
  | { toleratedFailurePercentage: number };

/** One statement of a generated workflow body. */
export type Stmt =
  | {
      k: "step";
      name?: string;
      /** Attempts that throw before the step succeeds. */
      failTimes: number;
      maxAttempts: number;
      atMostOnce: boolean;
      big: boolean;
      hops: number;
      awaited: boolean;
    }
  | { k: "wait"; seconds: number }
  | { k: "child"; name?: string; body: Stmt[]; big: boolean; awaited: boolean; throws: boolean }
  | {
      k: "map";
      name?: string;
      items: number;
      body: Stmt[];
      maxConcurrency?: number;
      completion: Completion;
    }
  | { k: "parallel"; name?: string; branches: Stmt[][]; completion: Completion }
  | { k: "condition"; name?: string; iterations: number }
  | { k: "callback"; name: string; viaWaitForCallback: boolean }
  | { k: "combinator"; kind: "all" | "allSettled" | "any" | "race"; inputs: Stmt[] };

/** Generates the workflow of `seed`. */
export function generateWorkflow(seed: number): Stmt[] {
  const rnd = prng(seed);
  let counter = 0;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const maybeName = (prefix: string) => (chance(0.6) ? `${prefix}${++counter}` : undefined);

  const step = (awaited: boolean): Stmt => {
    const maxAttempts = int(1, 3);
    return {
      k: "step",
      name: maybeName("s"),
      failTimes: chance(0.35) ? int(1, maxAttempts) : 0,
      maxAttempts,
      atMostOnce: chance(0.3),
      big: chance(0.05),
      hops: int(0, 3),
      awaited,
    };
  };
  const completion = (n: number): Completion =>
    pick<() => Completion>([
      () => undefined,
      () => ({ toleratedFailureCount: int(0, n) }),
      () => ({ minSuccessful: int(1, n) }),
      () => ({ toleratedFailurePercentage: pick([0, 25, 50, 100]) }),
    ])();

  const block = (depth: number, size: number): Stmt[] => {
    const out: Stmt[] = [];
    for (let i = 0; i < size; i++) out.push(stmt(depth));
    return out;
  };
  const stmt = (depth: number): Stmt => {
    const nested = depth < 3;
    const r = rnd();
    if (r < 0.3 || (!nested && r < 0.6)) return step(chance(0.8));
    if (r < 0.38) return { k: "wait", seconds: int(1, 5) };
    if (r < 0.5 && nested) {
      return {
        k: "child",
        name: maybeName("c"),
        body: block(depth + 1, int(0, 3)),
        big: chance(0.3),
        awaited: chance(0.85),
        throws: chance(0.15),
      };
    }
    if (r < 0.6 && nested) {
      const items = int(0, 4);
      return {
        k: "map",
        name: maybeName("m"),
        items,
        body: block(depth + 1, int(1, 2)),
        maxConcurrency: chance(0.4) ? int(1, 3) : undefined,
        completion: completion(items),
      };
    }
    if (r < 0.7 && nested) {
      const n = int(1, 3);
      const branches: Stmt[][] = [];
      for (let i = 0; i < n; i++) branches.push(block(depth + 1, int(1, 2)));
      return { k: "parallel", name: maybeName("p"), branches, completion: completion(n) };
    }
    if (r < 0.76) return { k: "condition", name: maybeName("w"), iterations: int(1, 3) };
    if (r < 0.86) {
      const mode = pick<CallbackMode>(["ok", "ok", "fail", "timeout"]);
      return { k: "callback", name: `cb-${mode}-${++counter}`, viaWaitForCallback: chance(0.5) };
    }
    const inputs: Stmt[] = [];
    for (let i = int(1, 3); i > 0; i--) inputs.push(step(false));
    return { k: "combinator", kind: pick(["all", "allSettled", "any", "race"] as const), inputs };
  };

  return block(0, int(1, 5));
}

/** Length of the padding that pushes a result over the 256 KiB checkpoint limit. */
const BIG = 300_000;

/** A JSON-friendly picture of an error: type, message and error data down the cause chain. */
function errorChain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current = error as {
    name?: unknown;
    message?: unknown;
    errorData?: unknown;
    cause?: unknown;
  };
  for (let i = 0; i < 5 && current && typeof current === "object"; i++) {
    out.push([current.name, current.message, current.errorData ?? null]);
    current = current.cause as typeof current;
  }
  return out;
}

/** Replaces big strings by their length so handler results stay small. */
function shrink(value: unknown): unknown {
  if (typeof value === "string" && value.length > 1000) return `<${value.length} chars>`;
  if (Array.isArray(value)) return value.map(shrink);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v)]));
  }
  return value;
}

function summarizeBatch(result: any): unknown {
  return {
    reason: result.completionReason,
    status: result.status,
    items: result.all.map((i: any) =>
      i.status === "FAILED"
        ? [i.index, i.status, errorChain(i.error)]
        : [i.index, i.status, shrink(i.result)],
    ),
  };
}

const hop = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/** Builds the handler of `workflow` for `sdk` (ours or the reference; same public API). */
export function buildHandler(workflow: Stmt[], sdk: any) {
  const start = (ctx: any, s: Stmt, path: string): PromiseLike<unknown> => {
    switch (s.k) {
      case "step":
        return ctx.step(
          s.name,
          async ({ attempt }: { attempt: number }) => {
            await hop(s.hops);
            if (attempt <= s.failTimes) throw new Error(`${path} failed attempt ${attempt}`);
            return s.big ? "y".repeat(BIG) : `${path}:${attempt}`;
          },
          {
            retryStrategy: (_e: Error, n: number) => ({
              shouldRetry: n < s.maxAttempts,
              delay: { seconds: n + 1 },
            }),
            ...(s.atMostOnce ? { semantics: sdk.StepSemantics.AtMostOncePerRetry } : {}),
          },
        );
      case "wait":
        return ctx.wait({ seconds: s.seconds });
      case "child":
        return ctx.runInChildContext(s.name, async (child: any) => {
          const results = await runBlock(child, s.body, `${path}c`);
          if (s.throws) throw new TypeError(`${path} child threw`);
          return s.big ? { results, pad: "z".repeat(BIG) } : results;
        });
      case "map":
        return ctx
          .map(
            s.name,
            Array.from({ length: s.items }, (_, i) => i),
            async (child: any, item: number) => runBlock(child, s.body, `${path}m${item}`),
            {
              ...(s.maxConcurrency ? { maxConcurrency: s.maxConcurrency } : {}),
              ...(s.completion ? { completionConfig: s.completion } : {}),
            },
          )
          .then(summarizeBatch);
      case "parallel":
        return ctx
          .parallel(
            s.name,
            s.branches.map(
              (body, b) => async (child: any) => runBlock(child, body, `${path}p${b}`),
            ),
            s.completion ? { completionConfig: s.completion } : undefined,
          )
          .then(summarizeBatch);
      case "condition":
        return ctx.waitForCondition(s.name, async (n: number) => n + 1, {
          initialState: 0,
          waitStrategy: (n: number) =>
            n < s.iterations
              ? { shouldContinue: true, delay: { seconds: 2 } }
              : { shouldContinue: false },
        });
      case "callback":
        if (s.viaWaitForCallback) {
          return ctx.waitForCallback(s.name, async () => undefined, {
            timeout: { seconds: 100 },
          });
        }
        return ctx
          .createCallback(s.name, { timeout: { seconds: 100 } })
          .then(([promise]: [PromiseLike<unknown>]) => promise);
      case "combinator": {
        const inputs = s.inputs.map((input, i) => start(ctx, input, `${path}i${i}`));
        return ctx.promise[s.kind](inputs).then((value: unknown) =>
          s.kind === "allSettled"
            ? (value as PromiseSettledResult<unknown>[]).map((r) =>
                r.status === "fulfilled" ? shrink(r.value) : errorChain(r.reason),
              )
            : shrink(value),
        );
      }
    }
  };

  const runBlock = async (ctx: any, body: Stmt[], path: string): Promise<unknown[]> => {
    const results: unknown[] = [];
    for (let i = 0; i < body.length; i++) {
      const s = body[i];
      const p = start(ctx, s, `${path}.${i}`);
      if ((s.k === "step" || s.k === "child") && !s.awaited) {
        results.push("not awaited");
        continue;
      }
      try {
        results.push(shrink(await p));
      } catch (error) {
        results.push({ error: errorChain(error) });
      }
    }
    return results;
  };

  return async (_event: unknown, ctx: any) => runBlock(ctx, workflow, "r");
}
