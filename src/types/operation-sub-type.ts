/**
 * Sub-type the SDK records on each operation it creates (`Operation.SubType`): it tells apart
 * operations that share a `Type`, e.g. a `map` CONTEXT from one of its item CONTEXTs.
 *
 * @example
 * ```ts
 * const maps = result.getOperations().filter((op) => op.getSubType() === OperationSubType.MAP);
 * ```
 */
export enum OperationSubType {
  /** `context.step`. */
  STEP = "Step",
  /** `context.wait`. */
  WAIT = "Wait",
  /** `context.createCallback`, and the callback inside `waitForCallback`. */
  CALLBACK = "Callback",
  /** `context.runInChildContext`. */
  RUN_IN_CHILD_CONTEXT = "RunInChildContext",
  /** The CONTEXT of a whole `context.map`. */
  MAP = "Map",
  /** The CONTEXT of one `map` item. */
  MAP_ITERATION = "MapIteration",
  /** The CONTEXT of a whole `context.parallel`. */
  PARALLEL = "Parallel",
  /** The CONTEXT of one `parallel` branch. */
  PARALLEL_BRANCH = "ParallelBranch",
  /** The CONTEXT of `context.waitForCallback`. */
  WAIT_FOR_CALLBACK = "WaitForCallback",
  /** The STEP of `context.waitForCondition`. */
  WAIT_FOR_CONDITION = "WaitForCondition",
  /** `context.invoke`. */
  CHAINED_INVOKE = "ChainedInvoke",
}
