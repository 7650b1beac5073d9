/**
 * The program each isolated invocation runs in its worker thread, as JavaScript source (the
 * worker is started with `eval: true`, so no extra file has to ship or be found at run
 * time). It imports the handler module, rebuilds the invocation envelope with a client that
 * forwards `checkpoint` and `getExecutionState` to the parent thread, calls the handler, and
 * posts the output (or what it threw) back.
 */

/** Message from the worker: a call of the durable execution client. */
export interface WorkerCall {
  readonly type: "call";
  readonly id: number;
  readonly method: "checkpoint" | "getExecutionState";
  readonly params: unknown;
}

/** Message from the worker: the handler returned or threw. */
export type WorkerOutcome =
  | { readonly type: "done"; readonly output: unknown }
  | { readonly type: "threw"; readonly error: SerializedError };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  readonly name?: string;
  readonly message: string;
  readonly stack?: string;
  readonly props?: Record<string, unknown>;
}

/** Message to the worker: the answer to a {@link WorkerCall}. */
export type WorkerReply =
  | { readonly type: "reply"; readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly type: "reply";
      readonly id: number;
      readonly ok: false;
      readonly error: SerializedError;
    };

/** What the worker is started with (`workerData`). */
export interface WorkerInput {
  readonly modulePath: string;
  readonly exportName: string;
  readonly envelope: Record<string, unknown>;
  readonly context: Record<string, unknown>;
}

/** Source of the worker program (CommonJS, run with `eval: true`). */
export const WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
const { createRequire } = require("node:module");
const path = require("node:path");

let seq = 0;
const pending = new Map();
parentPort.on("message", (message) => {
  if (!message || message.type !== "reply") return;
  const waiter = pending.get(message.id);
  if (!waiter) return;
  pending.delete(message.id);
  if (message.ok) waiter.resolve(message.value);
  else waiter.reject(toError(message.error));
});

function toError(e) {
  const error = new Error(e.message);
  if (e.name) error.name = e.name;
  if (e.stack) error.stack = e.stack;
  Object.assign(error, e.props || {});
  return error;
}

function serialize(e) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { message: String(e) };
}

function call(method, params) {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    parentPort.postMessage({ type: "call", id, method, params });
  });
}

// Recognised by the SDK's DurableExecutionInvocationInputWithClient.isInstance.
class DurableExecutionInvocationInputWithClient {
  constructor(envelope, client) {
    Object.assign(this, envelope);
    this.durableExecutionClient = client;
  }
  get [Symbol.toStringTag]() {
    return "DurableExecutionInvocationInputWithClient";
  }
}

function notImplemented() {
  throw new Error("Function not implemented.");
}

async function registerTypeScript(modulePath) {
  const req = createRequire(modulePath);
  req("tsx/cjs/api").register();
  const manifest = req.resolve("tsx/package.json");
  const api = await import(pathToFileURL(path.join(path.dirname(manifest), "dist/esm/api/index.mjs")).href);
  api.register();
}

(async () => {
  const { modulePath, exportName, envelope, context } = workerData;
  if (/\.[cm]?tsx?$/.test(modulePath)) await registerTypeScript(modulePath);
  const ns = await import(pathToFileURL(modulePath).href);
  const handler = Object.prototype.hasOwnProperty.call(ns, exportName)
    ? ns[exportName]
    : ns.default && ns.default[exportName];
  if (typeof handler !== "function") {
    throw new Error("Export '" + exportName + "' of " + modulePath + " is not a function");
  }
  const client = {
    checkpoint: (params) => call("checkpoint", params),
    getExecutionState: (params) => call("getExecutionState", params),
  };
  const event = new DurableExecutionInvocationInputWithClient(envelope, client);
  const lambdaContext = {
    ...context,
    getRemainingTimeInMillis: () => 900000,
    done: notImplemented,
    fail: notImplemented,
    succeed: notImplemented,
  };
  try {
    const output = await handler(event, lambdaContext);
    parentPort.postMessage({ type: "done", output });
  } catch (error) {
    parentPort.postMessage({ type: "threw", error: serialize(error) });
  }
})().catch((error) => {
  parentPort.postMessage({ type: "threw", error: serialize(error) });
});
`;
