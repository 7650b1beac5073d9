import type { withDurableExecution } from "../../src";
import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type {
  ChainedInvokeDetails,
  ErrorObject,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
} from "../../src/types/wire";
import { checkToken } from "../../src/testing/service/protocol/checkpoint-tokens";
import { validateCheckpointUpdates } from "../../src/testing/service/protocol/checkpoint-validation";
import {
  rememberedResponse,
  rememberResponse,
} from "../../src/testing/service/protocol/client-token-cache";
import { encodeCheckpointToken } from "../../src/testing/service/protocol/identifiers";
import { DEFAULT_LIMITS } from "../../src/testing/service/protocol/service-limits";

/** Picks checkpoint requests (see {@link MemoryClient.answered}). */
export type RequestMatch = (request: CheckpointDurableExecutionRequest) => boolean;

/** Matches a checkpoint request carrying an update that matches `match`. */
export const carrying =
  (match: (update: OperationUpdate) => boolean): RequestMatch =>
  (request) =>
    (request.Updates ?? []).some(match);

/**
 * A small in-memory stand-in for the checkpoint API, the way users unit-test: it applies
 * updates with the service's basic transitions, assigns callback ids, records every request
 * and lets tests inject failures. Timers never fire on their own; tests complete them with
 * `completeWait`, `readyRetry` or `completeCallback`.
 *
 * It enforces the protocol with the embedded service's own rules (not a copy of them):
 * every checkpoint must present the latest token of the latest invocation (each `envelope()`
 * starts a new invocation), a `ClientToken` seen before returns the remembered response, and
 * each request passes `validateCheckpointUpdates` (no SUCCEED without START, no START of a
 * started step, …) before anything is applied. A rejected request throws the service's
 * `InvalidParameterValueException` and changes nothing.
 */
export class MemoryClient implements DurableExecutionClient {
  readonly operations = new Map<string, Operation>();
  readonly requests: CheckpointDurableExecutionRequest[] = [];
  readonly stateRequests: GetDurableExecutionStateRequest[] = [];
  /** Operations left out of the envelope and served only through paging. */
  pages: Operation[][] = [];
  /** When false, callback STARTs get no CallbackId (a faulty service). */
  assignCallbackIds = true;
  /** Every checkpoint token handed out (envelopes and responses), in order. */
  readonly issuedTokens: string[] = [];
  /** Requests the protocol rules rejected, with the reason. */
  readonly rejected: Array<{ request: CheckpointDurableExecutionRequest; error: Error }> = [];
  // What the shared token and client-token rules read (see checkpoint-tokens.ts).
  readonly id = "memory-execution";
  terminal = false;
  current: { number: number; active: boolean; tokenSequence: number } | undefined;
  readonly clientTokens = new Map<
    string,
    { at: number; response: CheckpointDurableExecutionResponse }
  >();
  /** Operations changed by the "service" since the last response, delivered with the next one. */
  private readonly undelivered = new Set<string>();
  private failures: unknown[] = [];
  private clock = 1_700_000_000_000;
  private readonly answeredRequests: CheckpointDurableExecutionRequest[] = [];
  private answerWaiters: Array<{ match: RequestMatch; resolve: () => void }> = [];

  constructor(inputPayload = "{}") {
    this.operations.set("exec-1", {
      Id: "exec-1",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(this.clock),
      ExecutionDetails: { InputPayload: inputPayload },
    });
  }

  /**
   * Resolves once a checkpoint request that matches `match` has been answered and the SDK has
   * taken the answer in (one event-loop turn later; timers of a test that fakes them do not
   * matter). A request answered before the call counts too.
   */
  answered(match: RequestMatch): Promise<void> {
    return new Promise((resolve) => {
      if (this.answeredRequests.some(match)) setImmediate(resolve);
      else this.answerWaiters.push({ match, resolve });
    });
  }

  /** The next checkpoint calls fail with these errors, in order. */
  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  /** Envelope for the next invocation; earlier invocations' tokens stop being valid. */
  envelope(extra: Partial<{ NextMarker: string }> = {}) {
    this.current = { number: (this.current?.number ?? 0) + 1, active: true, tokenSequence: 0 };
    return {
      DurableExecutionArn:
        "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id",
      CheckpointToken: this.issueToken(),
      InitialExecutionState: {
        Operations: [...this.operations.values()].map((o) => structuredClone(o)),
        ...extra,
      },
    };
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.stateRequests.push(params);
    checkToken(this, params.CheckpointToken, false);
    const index = Number(params.Marker);
    return {
      Operations: structuredClone(this.pages[index] ?? []),
      NextMarker: index + 1 < this.pages.length ? String(index + 1) : undefined,
    };
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.requests.push(copyData(params));
    if (this.failures.length > 0) throw this.failures.shift();
    const clientToken = params.ClientToken;
    try {
      if (clientToken !== undefined) {
        const remembered = rememberedResponse(this, clientToken, this.clock);
        if (remembered) return remembered;
      }
      checkToken(this, params.CheckpointToken, true);
      validateCheckpointUpdates(
        params.Updates ?? [],
        (id) => this.operations.get(id),
        DEFAULT_LIMITS,
      );
    } catch (error) {
      this.rejected.push({ request: structuredClone(params), error: error as Error });
      throw error;
    }
    const changed: Operation[] = [];
    for (const update of params.Updates ?? []) changed.push(this.apply(update));
    for (const id of this.undelivered) changed.push(this.operations.get(id)!);
    this.undelivered.clear();
    this.current!.tokenSequence++;
    const response = {
      CheckpointToken: this.issueToken(),
      NewExecutionState: { Operations: changed.map(copyData) },
    };
    if (clientToken !== undefined) rememberResponse(this, clientToken, this.clock, response);
    this.notifyAnswered(params);
    return response;
  }

  private notifyAnswered(request: CheckpointDurableExecutionRequest): void {
    this.answeredRequests.push(request);
    const due = this.answerWaiters.filter((w) => w.match(request));
    this.answerWaiters = this.answerWaiters.filter((w) => !due.includes(w));
    for (const w of due) setImmediate(w.resolve);
  }

  /** The current token of the current invocation (the only one a checkpoint may present). */
  private issueToken(): string {
    const token = encodeCheckpointToken({
      executionId: this.id,
      invocation: this.current!.number,
      sequence: this.current!.tokenSequence,
    });
    this.issuedTokens.push(token);
    return token;
  }

  /** All updates sent so far, flattened. */
  get updates(): OperationUpdate[] {
    return this.requests.flatMap((r) => r.Updates ?? []);
  }

  completeWait(id: string): void {
    this.patch(id, { Status: "SUCCEEDED", EndTimestamp: new Date(this.clock) });
  }

  readyRetry(id: string): void {
    this.patch(id, { Status: "READY" });
  }

  completeCallback(id: string, result: string): void {
    const op = this.operations.get(id)!;
    this.patch(id, {
      Status: "SUCCEEDED",
      CallbackDetails: { ...op.CallbackDetails, Result: result },
    });
  }

  /** Ends an open callback with a failure, a timeout or a stop, optionally with an error record. */
  failCallback(id: string, status: "FAILED" | "TIMED_OUT" | "STOPPED", error?: ErrorObject): void {
    const op = this.operations.get(id)!;
    this.patch(id, { Status: status, CallbackDetails: { ...op.CallbackDetails, Error: error } });
  }

  /** Ends a chained invoke: `SUCCEEDED` with `result`, or a failure status with `error`. */
  completeInvoke(
    id: string,
    status: Operation["Status"],
    details: ChainedInvokeDetails = {},
  ): void {
    this.patch(id, { Status: status, ChainedInvokeDetails: details });
  }

  private patch(id: string, fields: Partial<Operation>): void {
    const op = this.operations.get(id);
    if (!op) throw new Error(`no operation ${id}`);
    this.operations.set(id, { ...op, ...fields });
    this.undelivered.add(id);
  }

  private apply(update: OperationUpdate): Operation {
    const id = update.Id!;
    const now = new Date(++this.clock);
    const existing = this.operations.get(id);
    // Object.assign, not spreads: a literal spreading an object and adding keys it lacks (or a
    // spread copy given new keys) takes V8's slow path, and the benches run this per update.
    let op: Operation;
    if (existing) {
      op = Object.assign({}, existing);
    } else {
      op = { Id: id, Type: update.Type!, Status: "STARTED", StartTimestamp: now };
      if (update.ParentId) op.ParentId = update.ParentId;
      if (update.Name) op.Name = update.Name;
      if (update.SubType) op.SubType = update.SubType;
    }
    const attempt = op.StepDetails?.Attempt ?? 0;
    switch (update.Action) {
      case "START":
        op.Status = "STARTED";
        if (update.Type === "WAIT") {
          op.WaitDetails = {
            ScheduledEndTimestamp: new Date(
              now.getTime() + (update.WaitOptions?.WaitSeconds ?? 0) * 1000,
            ),
          };
        }
        if (update.Type === "CALLBACK" && this.assignCallbackIds) {
          op.CallbackDetails = { CallbackId: `cb-${id}` };
        }
        break;
      case "SUCCEED":
        op.Status = "SUCCEEDED";
        op.EndTimestamp = now;
        if (op.Type === "STEP")
          op.StepDetails = Object.assign({}, op.StepDetails, {
            Attempt: attempt + 1,
            Result: update.Payload,
          });
        if (op.Type === "CONTEXT") {
          op.ContextDetails = {
            Result: update.Payload,
            ReplayChildren: update.ContextOptions?.ReplayChildren,
          };
        }
        break;
      case "FAIL":
        op.Status = "FAILED";
        op.EndTimestamp = now;
        if (op.Type === "STEP")
          op.StepDetails = Object.assign({}, op.StepDetails, {
            Attempt: attempt + 1,
            Error: update.Error,
          });
        if (op.Type === "CONTEXT") op.ContextDetails = { Error: update.Error };
        break;
      case "RETRY":
        op.Status = "PENDING";
        op.StepDetails = Object.assign({}, op.StepDetails, {
          Attempt: attempt + 1,
          Error: update.Error,
          Result: update.Payload,
          NextAttemptTimestamp: new Date(
            now.getTime() + (update.StepOptions?.NextAttemptDelaySeconds ?? 1) * 1000,
          ),
        });
        break;
      default:
        throw new Error(`unsupported action ${update.Action}`);
    }
    this.operations.set(id, op);
    return op;
  }
}

/**
 * A deep copy of checkpoint data, the one `structuredClone` makes, faster for what requests
 * and operations hold (plain objects, arrays, dates, primitives): anything else (a class
 * instance, a function) still goes through `structuredClone`, which copies or refuses it.
 */
function copyData<T>(value: T): T {
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol"
      ? structuredClone(value)
      : value;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    copy[key] = copyData((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** A Lambda context good enough for tests. */
export function lambdaContext(overrides: Record<string, unknown> = {}) {
  return {
    awsRequestId: "req-1",
    functionName: "f",
    getRemainingTimeInMillis: () => 900_000,
    ...overrides,
  } as never;
}

/**
 * One invocation of `handler` as the service makes it: the client's current envelope, the
 * client itself for checkpoints, and a Lambda context.
 */
export function invoke(
  client: MemoryClient,
  handler: ReturnType<typeof withDurableExecution>,
  context = lambdaContext(),
) {
  return handler(new DurableExecutionInvocationInputWithClient(client.envelope(), client), context);
}
