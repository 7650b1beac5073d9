/**
 * Retries of the cloud runner's read calls: a poll that fails is tried again after a pause,
 * on top of the AWS SDK's own retries, so a brief outage does not fail a long test.
 */
import { setTimeout as pause } from "node:timers/promises";

/** Pauses (milliseconds) before the second and the third try. */
export const RETRY_PAUSES_MS: readonly number[] = [1000, 1450];

/**
 * Calls `call`, and again after each pause of `pauses` while it keeps failing; rethrows the
 * last failure. Pauses with `node:timers`, not the global timer functions a test may fake.
 *
 * @example
 * ```ts
 * const page = await withRetries(() => client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn })));
 * ```
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  pauses: readonly number[] = RETRY_PAUSES_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= pauses.length) throw error;
      await pause(pauses[attempt]);
    }
  }
}
