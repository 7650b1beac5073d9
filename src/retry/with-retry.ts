import type { DurableContext } from "../types/durable-context";
import type { ChildConfig, RetryStrategy } from "../types/operation-configs";

/**
 * A block of durable logic retried as a whole; `attempt` starts at 1.
 *
 * @example
 * ```ts
 * const flow: RetryableFunc<string> = async (ctx, attempt) => ctx.step(`try-${attempt}`, doWork);
 * await withRetry(context, "flow", flow, { retryStrategy: retryPresets.linear });
 * ```
 */
export type RetryableFunc<T> = (context: DurableContext, attempt: number) => Promise<T>;

/**
 * Options of {@link withRetry}.
 *
 * @example
 * ```ts
 * const config: WithRetryConfig<string> = {
 *   retryStrategy: createRetryStrategy({ maxAttempts: 3 }),
 *   wrapWithRunInChildContext: true,
 * };
 * await withRetry(context, "flow", runFlow, config);
 * ```
 */
export interface WithRetryConfig<T> {
  retryStrategy: RetryStrategy;
  /** Run the loop in its own child context (default true). */
  wrapWithRunInChildContext?: boolean;
  childContextConfig?: ChildConfig<T>;
}

/**
 * Retries a block of durable operations: runs `func`, and on failure asks the retry
 * strategy, waits durably (a WAIT named `<name>-backoff-<attempt>` when named) and tries
 * again. By default the loop runs in a child context, so a final failure is a
 * `ChildContextError`.
 *
 * @example
 * ```ts
 * const receipt = await withRetry(
 *   context,
 *   "pay-and-confirm",
 *   async (ctx, attempt) => {
 *     const payment = await ctx.step("pay", async () => pay(order, attempt));
 *     return ctx.step("confirm", async () => confirm(payment));
 *   },
 *   { retryStrategy: createRetryStrategy({ maxAttempts: 3 }) },
 * );
 * ```
 */
export function withRetry<T>(
  context: DurableContext,
  name: string,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export async function withRetry<T>(
  context: DurableContext,
  nameOrFunc: string | RetryableFunc<T>,
  funcOrConfig: RetryableFunc<T> | WithRetryConfig<T>,
  maybeConfig?: WithRetryConfig<T>,
): Promise<T> {
  const named = typeof nameOrFunc === "string";
  const name = named ? nameOrFunc : undefined;
  const func = (named ? funcOrConfig : nameOrFunc) as RetryableFunc<T>;
  const config = (named ? maybeConfig : funcOrConfig) as WithRetryConfig<T> | undefined;
  if (!config) throw new TypeError("withRetry: config is required");
  if (typeof config !== "object") {
    throw new TypeError(`withRetry: config must be an object (got ${String(config)})`);
  }
  if (typeof config.retryStrategy !== "function") {
    throw new TypeError("withRetry: config.retryStrategy must be a function");
  }
  if (typeof func !== "function") throw new TypeError("withRetry: a function to retry is required");
  if (typeof context?.runInChildContext !== "function") {
    throw new TypeError("withRetry: the first argument must be a DurableContext");
  }

  const loop = async (ctx: DurableContext): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await func(ctx, attempt);
      } catch (error) {
        const decision = config.retryStrategy(error as Error, attempt);
        if (!decision.shouldRetry) throw error;
        const delay = decision.delay ?? { seconds: 1 };
        await (name === undefined
          ? ctx.wait(delay)
          : ctx.wait(`${name}-backoff-${attempt}`, delay));
      }
    }
  };
  if (config.wrapWithRunInChildContext === false) return loop(context);
  return context.runInChildContext(name, loop, config.childContextConfig);
}
