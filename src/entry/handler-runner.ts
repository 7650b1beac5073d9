import { toErrorObject } from "../errors/error-object";
import type { DurableExecutionHandler } from "../types/durable-context";
import { InvocationStatus } from "../types/invocation";
import type { DurableExecutionInvocationOutput } from "../types/invocation";
import type { WireOperation } from "../types/wire";
import { OperationType } from "../types/wire";
import { runInScope } from "../context/active-scope";
import { DurableContextImpl } from "../context/durable-context-impl";
import type { ExecutionRuntime } from "../context/execution-runtime";
import { hashOperationId } from "../context/operation-id";
import { parseInput } from "../context/state-loader";
import type { Termination } from "../context/termination";

/** Handler results larger than this (6 MiB − 50 bytes) are checkpointed instead of returned. */
export const MAX_RESULT_BYTES = 6_291_406;
/** Largest handler result the service stores at all (6 MiB). */
const MAX_STORED_RESULT_BYTES = 6_291_456;

type HandlerOutcome = { kind: "RETURNED"; value: unknown } | { kind: "THREW"; error: unknown };

/**
 * Runs the user handler with a root context, racing it against suspension and fatal faults,
 * and turns the outcome into the invocation output once checkpoints have drained.
 */
export async function runHandler(
  runtime: ExecutionRuntime,
  operations: readonly WireOperation[],
  handler: DurableExecutionHandler,
): Promise<DurableExecutionInvocationOutput> {
  const root = new DurableContextImpl(runtime);
  const handlerOutcome = (async (): Promise<HandlerOutcome> => {
    try {
      const input = parseInput(operations);
      const value = await runInScope(undefined, () => handler(input, root));
      return { kind: "RETURNED", value };
    } catch (error) {
      return { kind: "THREW", error };
    }
  })();
  const first = await Promise.race([handlerOutcome, runtime.termination.promise]);
  if (isTermination(runtime, first)) return fromTermination(first);

  let output: DurableExecutionInvocationOutput;
  if (first.kind === "THREW") {
    output = failed(first.error);
  } else {
    output = await successOutput(runtime, first.value);
  }
  // Wait for the queued updates (or a termination); a failure recorded meanwhile wins,
  // while a suspension after the handler finished does not.
  await Promise.race([runtime.batcher.drain(), runtime.termination.promise]);
  const reason = runtime.termination.reason;
  if (reason && reason.kind !== "PENDING") return fromTermination(reason);
  return output;
}

async function successOutput(
  runtime: ExecutionRuntime,
  value: unknown,
): Promise<DurableExecutionInvocationOutput> {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return failed(error);
  }
  if (json === undefined) return { Status: InvocationStatus.SUCCEEDED };
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes <= MAX_RESULT_BYTES) {
    return { Status: InvocationStatus.SUCCEEDED, Result: json };
  }
  if (bytes > MAX_STORED_RESULT_BYTES) {
    return failed(
      new RangeError(
        `The handler's result is ${bytes} bytes, over the ${MAX_STORED_RESULT_BYTES}-byte limit of an execution result. ` +
          "Return a smaller value, or store the data elsewhere (e.g. S3) and return a reference.",
      ),
    );
  }
  const acknowledged = runtime.batcher.enqueue({
    Id: hashOperationId(`execution-result-${Date.now()}`),
    Type: OperationType.EXECUTION,
    Action: "SUCCEED",
    Payload: json,
  });
  const settled = await Promise.race([acknowledged, runtime.termination.promise]);
  if (isTermination(runtime, settled)) return fromTermination(settled);
  return { Status: InvocationStatus.SUCCEEDED, Result: "" };
}

/** True when `value`, what a race against the termination signal settled with, is the termination. */
function isTermination(runtime: ExecutionRuntime, value: unknown): value is Termination {
  return value !== undefined && value === runtime.termination.reason;
}

function fromTermination(termination: Termination): DurableExecutionInvocationOutput {
  if (termination.kind === "THROW") throw termination.error;
  return termination.kind === "PENDING"
    ? { Status: InvocationStatus.PENDING }
    : { Status: InvocationStatus.FAILED, Error: termination.error };
}

/** A FAILED output for a thrown value. */
export function failed(error: unknown): DurableExecutionInvocationOutput {
  return { Status: InvocationStatus.FAILED, Error: toErrorObject(error) };
}
