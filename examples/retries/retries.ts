// Retrying steps with each of the strategy helpers: an exponential backoff built with
// createRetryStrategy (only for errors worth retrying), a linear one built with
// createLinearRetryStrategy, the ready-made retryPresets, and withRetry, which retries a
// whole block of durable operations. Every retry delay is a durable timer: the function is
// not running while it waits.
import {
  JitterStrategy,
  createLinearRetryStrategy,
  createRetryStrategy,
  retryPresets,
  withDurableExecution,
  withRetry,
} from "@aws/durable-execution-sdk-js";

/** An error class the exponential strategy retries; any other error fails the step at once. */
export class RateLimitedError extends Error {
  override name = "RateLimitedError";
}

/** A fake flaky service: each call fails until `failuresLeft` reaches zero. */
export function flakyService(failuresLeft: number, error: () => Error) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async call(value: string): Promise<string> {
      calls++;
      if (failuresLeft-- > 0) throw error();
      return value;
    },
  };
}

export const inventory = flakyService(2, () => new RateLimitedError("429 slow down"));
export const pricing = flakyService(3, () => new Error("pricing timed out"));
export const audit = flakyService(1, () => new Error("audit log unavailable"));
export const warehouse = flakyService(1, () => new Error("pick list rejected"));

export const handler = withDurableExecution(async (event: { sku: string }, context) => {
  // 5 attempts, 2 s then 4 s then 8 s..., never longer than 30 s, only for rate limiting.
  const stock = await context.step("check-stock", async () => inventory.call(`${event.sku}:12`), {
    retryStrategy: createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 2 },
      backoffRate: 2,
      maxDelay: { seconds: 30 },
      jitter: JitterStrategy.NONE,
      retryableErrorTypes: [RateLimitedError],
    }),
  });

  // 4 attempts, waiting 10 s, 15 s, 20 s between them; retried only for timeouts.
  const price = await context.step("get-price", async () => pricing.call("9.99"), {
    retryStrategy: createLinearRetryStrategy({
      maxAttempts: 4,
      initialDelay: { seconds: 10 },
      increment: { seconds: 5 },
      retryableErrors: [/timed out/],
    }),
  });

  // retryPresets.noRetry: one attempt; the failure is caught here and the workflow goes on.
  let audited = true;
  try {
    await context.step("write-audit", async () => audit.call("ok"), {
      retryStrategy: retryPresets.noRetry,
    });
  } catch {
    audited = false;
  }

  // withRetry: reserve and confirm are retried together (a new child context per attempt),
  // with retryPresets.linear (1 s, 2 s, 3 s... between attempts).
  const pickList = await withRetry(
    context,
    "reserve-and-confirm",
    async (attemptContext, attempt) => {
      const id = await attemptContext.step("reserve", async () => `pick-${attempt}`);
      // noRetry: a failed confirm fails the attempt, and the whole block is tried again.
      return attemptContext.step("confirm", async () => warehouse.call(id), {
        retryStrategy: retryPresets.noRetry,
      });
    },
    { retryStrategy: retryPresets.linear },
  );

  // Without a retryStrategy a step uses retryPresets.default (6 attempts, backoff with jitter).
  const receipt = await context.step("receipt", async () => `${stock} @ ${price}`);
  return { receipt, audited, pickList };
});
