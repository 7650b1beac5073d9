/**
 * The abort reason of a step's `signal` when the Lambda invocation is about to run out of
 * time (less than one second left, see the SDK guide). The attempt is abandoned without
 * recording a failure, the queued checkpoints are sent and the invocation ends with this
 * error, so the service invokes the function again and the step runs again there. Not a
 * failure of the step: retry strategies never see it.
 *
 * @example
 * ```ts
 * await context.step("export", async ({ signal }) => {
 *   try {
 *     return await exportRows({ signal });
 *   } finally {
 *     if (signal?.reason instanceof LambdaTimeRunningOutError) await releaseLock();
 *   }
 * });
 * ```
 */
export class LambdaTimeRunningOutError extends Error {
  override name = "LambdaTimeRunningOutError";
}
