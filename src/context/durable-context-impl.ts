import type { DurablePromise } from "../types/durable-promise";
import { DurableContextCore } from "./durable-context-core";
import type { ChildContextOptions } from "./durable-context-core";
import { runInChildContext } from "../operations/child-context";
import { step } from "../operations/step";
import { wait } from "../operations/wait";
import { map } from "../operations/map";
import { parallel } from "../operations/parallel";
import type { CompositeChild, CompositeContext } from "../operations/composite-context";
import { createPromiseCombinators } from "../operations/promise-combinators";
import type { BatchResult } from "../types/batch";
import type { DurableContext, DurablePromiseCombinators } from "../types/durable-context";
import type { Duration } from "../types/duration";
import { createCallback } from "../operations/callback";
import { invoke } from "../operations/invoke";
import { waitForCallback } from "../operations/wait-for-callback";
import { waitForCondition } from "../operations/wait-for-condition";
import type { CreateCallbackResult } from "../types/durable-context";
import type {
  ChildConfig,
  CreateCallbackConfig,
  InvokeConfig,
  StepConfig,
  StepFunc,
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
} from "../types/operation-configs";

/**
 * The DurableContext handed to handlers and child bodies: each durable method is a thin
 * entry point into its module under `operations/`.
 */
export class DurableContextImpl
  extends DurableContextCore
  implements DurableContext, CompositeContext
{
  get [Symbol.toStringTag](): string {
    return "DurableContext";
  }

  /** Creates the child context object for a `runInChildContext` body. */
  createChildContext(rawId: string, options: ChildContextOptions): DurableContextImpl {
    return new DurableContextImpl(this.runtime, this, rawId, options);
  }

  step<T>(
    nameOrFn: string | undefined | StepFunc<T>,
    fnOrConfig?: StepFunc<T> | StepConfig<T>,
    config?: StepConfig<T>,
  ): DurablePromise<T> {
    return step(this, nameOrFn, fnOrConfig, config);
  }

  wait(nameOrDuration: string | Duration, duration?: Duration): DurablePromise<void> {
    return wait(this, nameOrDuration, duration);
  }

  runInChildContext<T>(
    nameOrFn: string | undefined | ((child: DurableContextImpl) => Promise<T>),
    fnOrConfig?: ((child: DurableContextImpl) => Promise<T>) | ChildConfig<T>,
    config?: ChildConfig<T>,
  ): DurablePromise<T> {
    return runInChildContext<T, DurableContextImpl>(this, nameOrFn, fnOrConfig, config);
  }

  /** A child context recorded under another operation's name (for composite operations). */
  runChildOperation<T>(
    method: string,
    name: string | undefined,
    fn: (child: CompositeChild) => Promise<T>,
    config: ChildConfig<T>,
  ): DurablePromise<T> {
    return runInChildContext<T, CompositeChild>(this, name, fn, config, method);
  }

  map<TInput, TOutput>(
    nameOrItems: string | undefined | TInput[],
    itemsOrFn: any,
    fnOrConfig?: any,
    config?: any,
  ): DurablePromise<BatchResult<TOutput>> {
    return map<TInput, TOutput>(this, nameOrItems, itemsOrFn, fnOrConfig, config);
  }

  parallel<TOutput>(
    nameOrBranches: string | undefined | readonly unknown[],
    branchesOrConfig?: any,
    config?: any,
  ): DurablePromise<BatchResult<TOutput>> {
    return parallel<TOutput>(this, nameOrBranches, branchesOrConfig, config);
  }

  createCallback<T = string>(
    nameOrConfig?: string | CreateCallbackConfig<T>,
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<CreateCallbackResult<T>> {
    return createCallback<T>(this, nameOrConfig, config);
  }

  waitForCallback<T = string>(
    nameOrSubmitter: string | undefined | WaitForCallbackSubmitterFunc,
    submitterOrConfig?: WaitForCallbackSubmitterFunc | WaitForCallbackConfig<T>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T> {
    return waitForCallback<T>(this, nameOrSubmitter, submitterOrConfig, config);
  }

  invoke<I, O>(
    first: string,
    second?: string | I,
    third?: I | InvokeConfig<I, O>,
    fourth?: InvokeConfig<I, O>,
  ): DurablePromise<O> {
    return invoke<I, O>(this, first, second, third, fourth);
  }

  waitForCondition<T>(
    nameOrCheck: string | undefined | WaitForConditionCheckFunc<T>,
    checkOrConfig?: WaitForConditionCheckFunc<T> | WaitForConditionConfig<T>,
    config?: WaitForConditionConfig<T>,
  ): DurablePromise<T> {
    return waitForCondition<T>(this, nameOrCheck, checkOrConfig, config);
  }

  /** Promise combinators whose combined outcome is checkpointed; a fresh object per access. */
  get promise(): DurablePromiseCombinators {
    return createPromiseCombinators(this);
  }
}
