import { DurablePromise } from "../types/durable-promise";
import {
  CallbackError,
  CallbackSubmitterError,
  ChildContextError,
  StepError,
  type DurableOperationError,
} from "../errors/durable-operation-errors";
import { functionOptionError, operationLabel, rejected } from "./argument-errors";
import { defaultSerdes } from "../serdes/default-serdes";
import { passThroughSerdes } from "../serdes/passthrough-serdes";
import type { AnySerdesDeserializer, Serdes } from "../types/serdes";
import { callbackOptions } from "./callback";
import type { CompositeContext } from "./composite-context";
import { parseNamedArgs } from "./named-arguments";
import type {
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
} from "../types/operation-configs";

/**
 * Serdes of the WaitForCallback context: stores the raw callback string (JSON-encoded
 * again unless the Context has a callback deserializer) and reads it back through the
 * callback deserializer, so the user's deserializer runs exactly once per invocation.
 */
function contextSerdes<T>(deserializer: AnySerdesDeserializer, storeRaw: boolean): Serdes<T> {
  return {
    serialize: async (raw, serdesContext) =>
      storeRaw ? (raw as string | undefined) : defaultSerdes.serialize(raw, serdesContext),
    deserialize: async (data, serdesContext) => {
      const raw = storeRaw ? data : await defaultSerdes.deserialize(data, serdesContext);
      return (await deserializer.deserialize(raw, serdesContext)) as T;
    },
  };
}

/** Implements `context.waitForCallback`: a child context holding a callback and its submitter step. */
export function waitForCallback<T = string>(
  ctx: CompositeContext,
  nameOrSubmitter: string | undefined | WaitForCallbackSubmitterFunc,
  submitterOrConfig?: WaitForCallbackSubmitterFunc | WaitForCallbackConfig<T>,
  maybeConfig?: WaitForCallbackConfig<T>,
): DurablePromise<T> {
  const [name, submitter, given] = parseNamedArgs<
    WaitForCallbackSubmitterFunc,
    WaitForCallbackConfig<T>
  >(nameOrSubmitter, submitterOrConfig, maybeConfig);
  const config = given ?? {};
  try {
    callbackOptions("waitForCallback", name, config, ctx);
  } catch (error) {
    return rejected(error);
  }
  const label = operationLabel("waitForCallback", name, ctx);
  if (typeof submitter !== "function") {
    return rejected(
      new Error(
        `${label}: requires a submitter function that sends the callback id to whoever answers`,
      ),
    );
  }
  const badStrategy = functionOptionError(label, "retryStrategy", config.retryStrategy);
  if (badStrategy) return rejected(badStrategy);
  const deserializer = config.serdes ?? ctx.defaultCallbackDeserializer ?? passThroughSerdes;
  // Per the wire format, only a Context-level callback deserializer switches the stored
  // context payload to the raw callback string; otherwise it is JSON-encoded once more.
  const storeRaw = ctx.defaultCallbackDeserializer !== undefined;

  return ctx.runChildOperation<T>(
    "waitForCallback",
    name,
    async (child) => {
      const [result, callbackId] = await child.createCallback<string>(undefined, {
        timeout: config.timeout,
        heartbeatTimeout: config.heartbeatTimeout,
        serdes: passThroughSerdes,
      });
      await child.step(undefined, async ({ logger }) => submitter(callbackId, { logger }), {
        retryStrategy: config.retryStrategy,
      });
      return (await result) as unknown as T;
    },
    {
      subType: "WaitForCallback",
      serdes: contextSerdes<T>(deserializer, storeRaw),
      errorMapper: mapWaitForCallbackError,
    },
  );
}

/**
 * Maps the failure of the WaitForCallback context: callback errors pass through; the only
 * other durable failure inside is the submitter step's `StepError`, which becomes a
 * `CallbackSubmitterError` (the checkpoint keeps the StepError, as the reference does, so a
 * replay rebuilds the same error); anything else is a `ChildContextError`.
 */
function mapWaitForCallbackError(error: DurableOperationError): DurableOperationError {
  if (error instanceof CallbackError) return error;
  if (error instanceof StepError) return new CallbackSubmitterError(error.message, error);
  return new ChildContextError(error.message, error);
}
