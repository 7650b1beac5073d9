/**
 * `MockDurableExecutionClient`: a checkpoint client for unit tests that records every call,
 * answers like the service, and can be seeded with recorded operations to test replay.
 */
import type { Context } from "aws-lambda";
import type { DurableExecutionClient } from "../../checkpoint/durable-execution-client";
import { DurableExecutionInvocationInputWithClient } from "../../checkpoint/invocation-input-with-client";
import type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "../../types/invocation";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "../../types/wire";
import { createLambdaContext } from "../service/invocation/lambda-context";
import { useSdkTimers } from "../../timers/node-timers";
import { realTimers } from "../../timers/real-timers";
import { MockState } from "./mock-state";
import { parsePayload, recordUpdate, type RecordedUpdate } from "./recorded-update";

const DEFAULT_ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:mock-function:$LATEST/durable-execution/mock-execution/mock-1";
const EXECUTION_ID = "mock-execution";

/**
 * A handler as exported by `withDurableExecution` (any Lambda handler taking the envelope).
 *
 * @example
 * ```ts
 * const handler: MockableHandler = withDurableExecution(work);
 * await new MockDurableExecutionClient().invoke(handler);
 * ```
 */
export type MockableHandler = (
  event: DurableExecutionInvocationInput,
  context: Context,
) => Promise<DurableExecutionInvocationOutput>;

/**
 * Options of {@link MockDurableExecutionClient}.
 *
 * @example
 * ```ts
 * const client = new MockDurableExecutionClient({
 *   payload: { orderId: "o-1" },
 *   operations: earlierClient.operations, // replay what an earlier run recorded
 * });
 * ```
 */
export interface MockDurableExecutionClientOptions {
  /** The execution's input event, serialized as JSON into the EXECUTION operation. Default `{}`. */
  payload?: unknown;
  /**
   * Operations already recorded, to test replay: for example `client.operations` of an
   * earlier mock run, or operations written by hand with {@link operationIdAt} ids.
   * An EXECUTION operation is added when the list has none.
   */
  operations?: Operation[];
  /** The execution ARN the handler sees. Default: a fixed example ARN. */
  durableExecutionArn?: string;
}

/**
 * What one {@link MockDurableExecutionClient.invoke} produced.
 *
 * @example
 * ```ts
 * const run: MockInvocationResult<{ total: number }> = await client.invoke(handler);
 * if (run.status === "SUCCEEDED") expect(run.result?.total).toBe(12);
 * ```
 */
export interface MockInvocationResult<TResult = unknown> {
  /** `SUCCEEDED`, `FAILED`, or `PENDING` when the handler suspended (a wait, a callback...). */
  status: DurableExecutionInvocationOutput["Status"];
  /** The handler's result parsed as JSON (`undefined` unless `SUCCEEDED`). */
  result: TResult | undefined;
  /** The error record of a `FAILED` invocation. */
  error: ErrorObject | undefined;
  /** The output exactly as the handler returned it. */
  output: DurableExecutionInvocationOutput;
  /** The operation updates this invocation sent, in order. */
  updates: RecordedUpdate[];
}

/**
 * Options of {@link MockDurableExecutionClient.invokeUntilDone}.
 *
 * @example
 * ```ts
 * const run = await client.invokeUntilDone(handler, { maxInvocations: 50 });
 * ```
 */
export interface InvokeUntilDoneOptions {
  /** Give up (and throw) after this many invocations. Default 25. */
  maxInvocations?: number;
}

/**
 * A {@link DurableExecutionClient} for unit tests, with no service behind it. It records every
 * checkpoint request (the operation updates in order, with ids, names, actions and payloads),
 * answers each with a fresh checkpoint token and the operations' new state (callback ids
 * included), and keeps the execution's operations so a second `invoke` replays the first.
 *
 * Nothing finishes on its own: a handler that waits, retries after a delay, waits for a
 * callback or invokes another function suspends (`PENDING`) until the test calls
 * {@link advance}, {@link completeCallback}, {@link completeInvoke} and so on and invokes again.
 *
 * Pass it either as the event (`invoke` does this) or as
 * `withDurableExecution(handler, { durableExecutionClient: client })`.
 *
 * @example
 * ```ts
 * import { MockDurableExecutionClient, expectStepsCheckpointed } from "@aws/durable-execution-sdk-js/testing";
 *
 * test("greets", async () => {
 *   const client = new MockDurableExecutionClient({ payload: { name: "Ada" } });
 *   const run = await client.invokeUntilDone(handler); // handler = withDurableExecution(...)
 *   expect(run.status).toBe("SUCCEEDED");
 *   expectStepsCheckpointed(client, [{ name: "greet", result: "Hello, Ada!" }]);
 * });
 * ```
 */
export class MockDurableExecutionClient implements DurableExecutionClient {
  /** Every checkpoint request received, as sent (deep copies). */
  readonly requests: CheckpointDurableExecutionRequest[] = [];
  /** Every `getExecutionState` request received. */
  readonly stateRequests: GetDurableExecutionStateRequest[] = [];
  /** The ARN handed to the handler. */
  readonly durableExecutionArn: string;

  private readonly state = new MockState();
  private readonly recorded: RecordedUpdate[] = [];
  private readonly undelivered = new Set<string>();
  private readonly failures: unknown[] = [];
  private tokenSeq = 0;
  private invocations = 0;

  constructor(options: MockDurableExecutionClientOptions = {}) {
    // Handlers it drives keep real timers even when the test fakes the global ones.
    useSdkTimers(realTimers);
    this.durableExecutionArn = options.durableExecutionArn ?? DEFAULT_ARN;
    const seeded = options.operations ?? [];
    if (!seeded.some((op) => op.Type === "EXECUTION")) {
      this.state.operations.set(EXECUTION_ID, {
        Id: EXECUTION_ID,
        Type: "EXECUTION",
        Status: "STARTED",
        StartTimestamp: this.state.now(),
        ExecutionDetails: { InputPayload: JSON.stringify(options.payload ?? {}) },
      });
    }
    for (const op of seeded) this.state.operations.set(op.Id, structuredClone(op));
  }

  // ---- the DurableExecutionClient interface ----------------------------------------------

  /** Returns no further pages: every operation travels in the invocation envelope. */
  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.stateRequests.push(structuredClone(params));
    return { Operations: [] };
  }

  /** Records the request, applies its updates and answers with a new token and state. */
  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.requests.push(structuredClone(params));
    if (this.failures.length > 0) throw this.failures.shift();
    const changed = new Map<string, Operation>();
    for (const update of params.Updates ?? []) {
      this.recorded.push(recordUpdate(update, this.invocations - 1));
      const op = this.state.apply(update);
      changed.set(op.Id, op);
    }
    for (const id of this.undelivered) changed.set(id, this.state.operations.get(id)!);
    this.undelivered.clear();
    return {
      CheckpointToken: this.nextToken(),
      NewExecutionState: { Operations: [...changed.values()].map((op) => structuredClone(op)) },
    };
  }

  // ---- running a handler -------------------------------------------------------------------

  /**
   * The envelope for the next invocation, carrying this client, so a handler wrapped with
   * `withDurableExecution` talks to it whatever client it was configured with.
   */
  invocationInput(): DurableExecutionInvocationInputWithClient {
    return new DurableExecutionInvocationInputWithClient(
      {
        DurableExecutionArn: this.durableExecutionArn,
        CheckpointToken: this.nextToken(),
        InitialExecutionState: { Operations: this.operations },
      },
      this,
    );
  }

  /**
   * Invokes `handler` once with the current state (replaying what is already recorded) and
   * returns what it reported, its result parsed as JSON, and the updates it sent.
   */
  async invoke<TResult = unknown>(
    handler: MockableHandler,
    lambdaContext: Partial<Context> = {},
  ): Promise<MockInvocationResult<TResult>> {
    const input = this.invocationInput();
    const first = this.recorded.length;
    this.invocations += 1;
    const context = {
      ...createLambdaContext(`mock-request-${this.invocations}`, "mock-function"),
      ...lambdaContext,
    };
    const output = await handler(input, context);
    const updates = this.recorded.slice(first);
    return {
      status: output.Status,
      result: this.resultOf(output, updates) as TResult | undefined,
      error: output.Status === "FAILED" ? output.Error : undefined,
      output,
      updates,
    };
  }

  /**
   * Invokes `handler` until it succeeds or fails, calling {@link advance} between invocations
   * (so waits end and retries run at once). Stops early, returning the `PENDING` result, when
   * the handler waits for something only the test can do (a callback or an invoke).
   *
   * @throws Error when `maxInvocations` (default 25) are used up.
   */
  async invokeUntilDone<TResult = unknown>(
    handler: MockableHandler,
    options: InvokeUntilDoneOptions = {},
  ): Promise<MockInvocationResult<TResult>> {
    const max = options.maxInvocations ?? 25;
    for (let i = 0; i < max; i++) {
      const result = await this.invoke<TResult>(handler);
      if (result.status !== "PENDING" || this.advance() === 0) return result;
    }
    throw new Error(`MockDurableExecutionClient: still PENDING after ${max} invocations`);
  }

  // ---- what was recorded -------------------------------------------------------------------

  /** Every operation update received, in order, across all invocations. */
  get updates(): RecordedUpdate[] {
    return [...this.recorded];
  }

  /** The execution's operations as the mock holds them now, in start order (copies). */
  get operations(): Operation[] {
    return [...this.state.operations.values()].map((op) => structuredClone(op));
  }

  /** How many times `invoke` ran a handler. */
  get invocationCount(): number {
    return this.invocations;
  }

  /** The operation with this id, or else the first one with this name. */
  getOperation(nameOrId: string): Operation | undefined {
    const op = this.state.operations.get(nameOrId) ?? this.findByName(nameOrId);
    return op && structuredClone(op);
  }

  /** The updates sent for the operation with this id or name, in order. */
  updatesFor(nameOrId: string): RecordedUpdate[] {
    const id = this.getOperation(nameOrId)?.Id ?? nameOrId;
    return this.recorded.filter((u) => u.id === id);
  }

  // ---- playing the service's part ----------------------------------------------------------

  /** The next checkpoint calls throw these errors, one each, before anything is recorded as applied. */
  failNextCheckpoints(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  /**
   * Moves time past everything that is only waiting for time: started waits succeed and
   * steps waiting to retry become ready. Returns how many operations it changed.
   */
  advance(): number {
    let changed = 0;
    for (const op of this.state.operations.values()) {
      if (op.Type === "WAIT" && op.Status === "STARTED") {
        this.completeWait(op.Id);
        changed++;
      } else if (op.Type === "STEP" && op.Status === "PENDING") {
        this.patchOperation(op.Id, { Status: "READY" });
        changed++;
      }
    }
    return changed;
  }

  /** Ends a started wait now. */
  completeWait(nameOrId: string): void {
    this.patchOperation(this.idOf(nameOrId, "WAIT"), {
      Status: "SUCCEEDED",
      EndTimestamp: this.state.now(),
    });
  }

  /** Completes a callback with a serialized result (a JSON string for the default serdes). */
  completeCallback(nameOrId: string, result?: string): void {
    this.endCallback(nameOrId, "SUCCEEDED", { Result: result });
  }

  /** Fails a callback with an error record. */
  failCallback(nameOrId: string, error: ErrorObject = {}): void {
    this.endCallback(nameOrId, "FAILED", { Error: error });
  }

  /** Times a callback out. */
  timeOutCallback(nameOrId: string): void {
    this.endCallback(nameOrId, "TIMED_OUT", {});
  }

  /** Completes a chained invoke with the invoked function's serialized result. */
  completeInvoke(nameOrId: string, result?: string): void {
    this.patchOperation(this.idOf(nameOrId, "CHAINED_INVOKE"), {
      Status: "SUCCEEDED",
      EndTimestamp: this.state.now(),
      ChainedInvokeDetails: { Result: result },
    });
  }

  /** Fails a chained invoke with the invoked function's error. */
  failInvoke(nameOrId: string, error: ErrorObject = {}): void {
    this.patchOperation(this.idOf(nameOrId, "CHAINED_INVOKE"), {
      Status: "FAILED",
      EndTimestamp: this.state.now(),
      ChainedInvokeDetails: { Error: error },
    });
  }

  /** Replaces fields of a recorded operation, for states the helpers above do not cover. */
  patchOperation(id: string, fields: Partial<Operation>): void {
    this.state.patch(id, fields);
    this.undelivered.add(id);
  }

  // ---- internals ---------------------------------------------------------------------------

  private endCallback(
    nameOrId: string,
    status: "SUCCEEDED" | "FAILED" | "TIMED_OUT",
    details: { Result?: string; Error?: ErrorObject },
  ): void {
    const id = this.idOf(nameOrId, "CALLBACK");
    const op = this.state.operations.get(id)!;
    this.patchOperation(id, {
      Status: status,
      EndTimestamp: this.state.now(),
      CallbackDetails: { ...op.CallbackDetails, ...details },
    });
  }

  private idOf(nameOrId: string, type: Operation["Type"]): string {
    const direct = this.state.operations.get(nameOrId);
    if (direct?.Type === type) return direct.Id;
    const named = [...this.state.operations.values()].filter((op) => op.Type === type);
    const byName = named.find((op) => op.Name === nameOrId);
    if (byName) return byName.Id;
    // waitForCallback names its child context; its CALLBACK operation is the child inside it.
    const parent = this.findByName(nameOrId);
    const child = parent && named.find((op) => op.ParentId === parent.Id);
    if (child) return child.Id;
    const known = named.map((op) => op.Name ?? op.Id).join(", ") || "none";
    throw new Error(
      `MockDurableExecutionClient: no ${type} operation named or with id "${nameOrId}" (known: ${known})`,
    );
  }

  private findByName(name: string): Operation | undefined {
    return [...this.state.operations.values()].find((op) => op.Name === name);
  }

  private resultOf(output: DurableExecutionInvocationOutput, updates: RecordedUpdate[]): unknown {
    if (output.Status !== "SUCCEEDED") return undefined;
    if (output.Result !== undefined) return parsePayload(output.Result);
    // A result too large for the response is checkpointed on the EXECUTION operation instead.
    const execution = updates.find((u) => u.type === "EXECUTION" && u.action === "SUCCEED");
    return execution?.result;
  }

  private nextToken(): string {
    return `mock-token-${++this.tokenSeq}`;
  }
}
