/**
 * Handed to the retry strategy of an at-most-once step whose previous attempt
 * started but never recorded an outcome (the invocation died mid-attempt).
 *
 * @example
 * ```ts
 * await context.step("charge", chargeCard, {
 *   semantics: StepSemantics.AtMostOncePerRetry,
 *   // An interrupted attempt fails with StepInterruptedError: do not try again.
 *   retryStrategy: (error, attempt) => ({
 *     shouldRetry: !(error instanceof StepInterruptedError) && attempt < 3,
 *   }),
 * });
 * ```
 */
export class StepInterruptedError extends Error {
  override name = "StepInterruptedError";

  /** Creates the error; the step id and name are accepted but not shown. */
  constructor(_stepId: string, _stepName?: string) {
    super(
      "The step execution process was initiated but failed to reach completion due to an interruption.",
    );
  }
}
