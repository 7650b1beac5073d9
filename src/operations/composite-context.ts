import type { ChildContextOptions, DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import type { DurableContext } from "../types/durable-context";
import type { ChildConfig } from "../types/operation-configs";

/**
 * What composite operations (map, parallel, the promise combinators, waitForCallback, the
 * concurrency engine and child contexts themselves) need from the context they run on: the
 * core every operation uses, child context objects, and a child context recorded under the
 * composite's own method name. The public context class provides it; operations never import
 * that class.
 */
export interface CompositeContext extends DurableContextCore {
  /** Creates the context object handed to a child body: the public context class again. */
  createChildContext(rawId: string, options: ChildContextOptions): CompositeChild;

  /**
   * Runs `fn` in a child context recorded as a CONTEXT operation; `method` names the call in
   * misuse errors ("map", "waitForCallback", or "runInChildContext").
   */
  runChildOperation<T>(
    method: string,
    name: string | undefined,
    fn: (child: CompositeChild) => Promise<T>,
    config: ChildConfig<T>,
  ): DurablePromise<T>;
}

/** The child context a composite hands its body: itself composite, and a full DurableContext. */
export type CompositeChild = CompositeContext & DurableContext;
