/**
 * Isolation mode: every invocation of a durable handler runs in a fresh worker thread, so a
 * handler that calls `process.exit`, throws where the SDK cannot catch it, or is killed by
 * fault injection ends that invocation only. The service records such an invocation as a
 * crashed Lambda invocation (`Runtime.ExitError`) and invokes again; the crashed
 * invocation's code is stopped with its thread.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Context } from "aws-lambda";
import type { DurableExecutionClient } from "../../checkpoint/durable-execution-client";
import type { DurableLambdaHandler } from "../service/api/service-types";
import {
  WORKER_SOURCE,
  type SerializedError,
  type WorkerCall,
  type WorkerInput,
  type WorkerOutcome,
  type WorkerReply,
} from "./worker-source";

/**
 * Where an isolated handler lives: functions cannot cross threads, so a module and an export.
 *
 * @example
 * ```ts
 * const options: IsolatedHandlerOptions = { modulePath: "src/payments.mjs", exportName: "handler" };
 * const handler = isolatedHandler(options);
 * ```
 */
export interface IsolatedHandlerOptions {
  /** Path of the handler module (`.js`, `.mjs`, `.cjs`; `.ts` with tsx installed), resolved against the current directory. */
  modulePath: string;
  /** Name of the export (what `withDurableExecution(...)` returned). Default `handler`. */
  exportName?: string;
}

/** The envelope the embedded service passes, with the client of the invocation. */
interface ServiceEvent {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: unknown;
  UpdatedOperationIds?: string[];
  durableExecutionClient?: DurableExecutionClient & { onKilled?(listener: () => void): void };
}

/**
 * A durable handler that runs the handler exported by a module in a new worker thread per
 * invocation. Use it wherever a handler function goes: `LocalDurableTestRunner`'s
 * `handlerFunction`, `service.registerDurableFunction`, or `run-durable --isolate`.
 *
 * @example
 * ```ts
 * const runner = new LocalDurableTestRunner({
 *   handlerFunction: isolatedHandler({ modulePath: "src/order.mjs", exportName: "handler" }),
 * });
 * const result = await runner.run({ payload: { id: 1 } }); // a process.exit() inside is a crashed invocation
 * ```
 */
export function isolatedHandler(options: IsolatedHandlerOptions): DurableLambdaHandler {
  const modulePath = path.resolve(options.modulePath);
  const exportName = options.exportName ?? "handler";
  return (event: ServiceEvent, context: Context) =>
    runIsolated({ modulePath, exportName, envelope: {}, context: {} }, event, context);
}

function runIsolated(base: WorkerInput, event: ServiceEvent, context: Context): Promise<never> {
  const client = event?.durableExecutionClient;
  if (!client) {
    return Promise.reject(
      new Error("An isolated handler runs only on the embedded service (no client in the event)."),
    );
  }
  const input: WorkerInput = {
    ...base,
    envelope: {
      DurableExecutionArn: event.DurableExecutionArn,
      CheckpointToken: event.CheckpointToken,
      InitialExecutionState: event.InitialExecutionState,
      ...(event.UpdatedOperationIds ? { UpdatedOperationIds: event.UpdatedOperationIds } : {}),
    },
    context: plainFields(context),
  };
  const requestId = context.awsRequestId;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    client.onKilled?.(() => settle(() => reject(exitError(requestId, "killed"))));
    worker.on("message", (message: WorkerCall | WorkerOutcome) => {
      if (message.type === "call") {
        const method = message.method;
        const answer =
          method === "checkpoint"
            ? client.checkpoint(message.params as never)
            : client.getExecutionState(message.params as never);
        answer.then(
          (value) => reply(worker, { type: "reply", id: message.id, ok: true, value }),
          (error: unknown) =>
            reply(worker, { type: "reply", id: message.id, ok: false, error: serialize(error) }),
        );
      } else if (message.type === "done") {
        settle(() => resolve(message.output as never));
      } else {
        settle(() => reject(fromSerialized(message.error)));
      }
    });
    worker.on("error", (error: Error) =>
      settle(() =>
        reject(exitError(requestId, `Runtime exited with error: ${error.name}: ${error.message}`)),
      ),
    );
    worker.on("exit", (code) =>
      settle(() =>
        reject(
          exitError(
            requestId,
            code === 0
              ? "Runtime exited without providing a reason"
              : `Runtime exited with error: exit status ${code}`,
          ),
        ),
      ),
    );
  });
}

function reply(worker: Worker, message: WorkerReply): void {
  try {
    worker.postMessage(message);
  } catch {
    // the worker is gone (killed or finished): nobody waits for the answer
  }
}

/** The error Lambda reports for an invocation whose runtime died. */
function exitError(requestId: string, reason: string): Error {
  const error = new Error(
    reason === "killed"
      ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
      : `RequestId: ${requestId} Error: ${reason}`,
  );
  error.name = "Runtime.ExitError";
  error.stack = "";
  return error;
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const key of ["$fault", "$metadata", "Type", "code"]) {
    if (e[key] !== undefined) props[key] = structuredClone(e[key]);
  }
  return { name: e.name, message: e.message, stack: e.stack, props };
}

function fromSerialized(e: SerializedError): Error {
  const error = new Error(e.message);
  if (e.name) error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

function plainFields(context: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (["string", "number", "boolean"].includes(typeof value)) out[key] = value;
  }
  return out;
}
