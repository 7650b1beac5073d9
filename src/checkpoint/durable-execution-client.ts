import type { DurableLogger } from "../types/logger";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire";

/**
 * The transport the SDK uses to talk to the durable execution service. Implementations
 * should throw {@link DurableExecutionClientError} to say whether a failure ends the
 * invocation or the whole execution.
 *
 * @example
 * ```ts
 * const recording: DurableExecutionClient = {
 *   async getExecutionState() {
 *     return { Operations: [] };
 *   },
 *   async checkpoint(request) {
 *     sent.push(...(request.Updates ?? []));
 *     return { CheckpointToken: `t-${sent.length}`, NewExecutionState: undefined };
 *   },
 * };
 * export const handler = withDurableExecution(work, { durableExecutionClient: recording });
 * ```
 */
export interface DurableExecutionClient {
  /**
   * Present only on a verify-only client (the replay verifier of `./testing`): the SDK then
   * reports every operation the handler reaches and, instead of running a step body, a
   * condition check or a callback submitter, reports it and leaves the operation pending.
   */
  readonly replayVerifier?: ReplayVerifierHooks;
  /**
   * Milliseconds of quiet (no user code running, no checkpoint pending) after which the
   * invocation suspends; default 20. A test service that skips time sets 0: the pause is
   * real time in which nothing can happen that a skipped clock would not also skip.
   */
  readonly suspendQuietMs?: number;
  /** Reads one page of the execution's operations (used only at invocation start). */
  getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse>;
  /** Persists operation updates and returns the next token and the changed operations. */
  checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse>;
}

/**
 * What the SDK tells a verify-only client about one operation the handler called.
 *
 * @example
 * ```ts
 * const seen: ReachedOperation[] = [];
 * const hooks: ReplayVerifierHooks = { reached: (op) => seen.push(op), wouldRun: () => {} };
 * // after a verify-only replay: seen[0] is e.g. { rawId: "1", type: "STEP", name: "charge", ... }
 * ```
 */
export interface ReachedOperation {
  /** Positional id ("2", "1-3"). */
  readonly rawId: string;
  /** Wire id. */
  readonly id: string;
  /** Wire id of the enclosing checkpointed context, if any. */
  readonly parentId: string | undefined;
  readonly name: string | undefined;
  readonly type: string;
  readonly subType: string;
}

/**
 * Hooks a verify-only client gives the SDK (see {@link DurableExecutionClient.replayVerifier}).
 *
 * @example
 * ```ts
 * const hooks: ReplayVerifierHooks = {
 *   reached: (op) => console.log("called", op.type, op.name, op.rawId),
 *   wouldRun: (op) => console.log("would run the body of", op.rawId),
 * };
 * ```
 */
export interface ReplayVerifierHooks {
  /** The handler called an operation, before it replays, runs or fails for non-determinism. */
  reached(op: ReachedOperation): void;
  /** User code of the operation (step body, condition check, submitter) would run now; it does not. */
  wouldRun(op: ReachedOperation): void;
}
