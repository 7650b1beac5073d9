import type { DurableContextCore } from "../context/durable-context-core";
import { DurablePromise } from "../types/durable-promise";
import { stalled, type ObservationGate } from "../context/durable-promise";
import type { ExecutionRuntime } from "../context/execution-runtime";
import { isFinishedStatus } from "../context/finished-status";
import { normalizeOperation, toDate } from "../context/timestamps";
import { toOperationInfo } from "../plugins/operation-info";
import type { ChildContextStartInfo, OperationInfo } from "../plugins/plugin-types";
import {
  OperationStatus,
  type ErrorObject,
  type OperationAction,
  type OperationType,
  type OperationUpdate,
  type WireOperation,
  type WireTimestamp,
} from "../types/wire";
import type { OperationIdentity } from "./operation-identity";
import { operationLabel } from "./argument-errors";
import { payloadTooLarge } from "./payload-limit";
import { replayMismatch } from "./replay-mismatch";
import { updateFor } from "./update-builder";

/** What each kind of operation fills in; {@link OperationCall.launch} does the rest. */
export interface OperationKind<R> {
  /**
   * True when `record` needs no more work: the call replays it instead of executing
   * ({@link OperationCall.isFinished} is the default).
   */
  isFinished(record: WireOperation): boolean;
  /** The outcome of a finished record: its stored result, or its stored error thrown. */
  replay(record: WireOperation): Promise<R>;
  /** Runs the operation: the first time, or resumed after an interruption, a retry or a wait. */
  execute(): Promise<R>;
  /** Opens when user code observes the result (operations waiting on the service). */
  readonly observed?: ObservationGate;
}

/** Checks {@link OperationCall.open} leaves out for some operations. */
export interface OpenOptions {
  /** Skip the replay type/name/subtype comparison (waitForCondition). */
  skipReplayValidation?: boolean;
  /** A virtual child context: never checkpointed, so it has no record of its own. */
  virtual?: boolean;
}

/**
 * One call of a durable operation and the steps every operation shares: opening it at the
 * next position of its context (recorded-operation lookup, replay validation), replay or
 * execution, its checkpoints, its reports to plugins and its waits on the service. Each
 * operation extends it and fills in {@link OperationKind}.
 */
export class OperationCall implements OperationIdentity {
  // Fields are `declare`d: the constructor and `open` assign them (smaller bundle).
  declare readonly ctx: DurableContextCore;
  declare readonly type: OperationType;
  declare readonly subType: string;
  declare readonly name: string | undefined;
  declare rawId: string;
  declare id: string;
  declare parentId: string | undefined;
  /** The record found at this position when the operation was opened. */
  declare existing: WireOperation | undefined;
  /** The context method it was called as (`step`, `waitForCondition`), set by `open`. */
  declare method: string;
  /** What `announce` reported; undefined until then. */
  #startInfo: OperationInfo | undefined;
  /** True when `launch` found the operation finished and replayed it. */
  #replayed = false;

  constructor(
    ctx: DurableContextCore,
    type: OperationType,
    subType: string,
    name: string | undefined,
  ) {
    this.ctx = ctx;
    this.type = type;
    this.subType = subType;
    this.name = name;
  }

  /**
   * True when `record` needs no more work. This default fits the operations the service
   * finishes (wait, callback, invoke): finished once no longer STARTED.
   */
  isFinished(record: WireOperation): boolean {
    return record.Status !== OperationStatus.STARTED;
  }

  /** The invocation this operation runs in. */
  get runtime(): ExecutionRuntime {
    return this.ctx.runtime;
  }

  /** How messages name the opened call: `step "charge"`, `step (unnamed, position 1-2)`. */
  get label(): string {
    return operationLabel(this.method, this.name, this.rawId);
  }

  /** The operation's record as the service last reported it (undefined before any). */
  get record(): WireOperation | undefined {
    return this.runtime.state.get(this.id);
  }

  /**
   * Claims the next position of the context for this operation, called as `method`, and
   * looks up the record checkpointed there; a record of another type, name or subtype fails
   * the execution (non-determinism). Returns false when the operation must not go on: the
   * execution has been failed, or its context is being rebuilt and the position holds no
   * finished record (the operation must never settle).
   */
  open(method: string, options?: OpenOptions): boolean {
    const { ctx } = this;
    const rawId = ctx.claimPosition(method);
    if (rawId === undefined) return false;
    const { runtime } = ctx;
    const id = ctx.claimedId();
    const existing = runtime.state.get(id);
    this.method = method;
    this.rawId = rawId;
    this.id = id;
    this.parentId = ctx.checkpointParentId;
    this.existing = existing;
    runtime.verifier?.reached(this);
    if (existing && !options?.skipReplayValidation) {
      const mismatch = replayMismatch(existing, this);
      if (mismatch) {
        void runtime.failExecution(mismatch);
        return false;
      }
    }
    ctx.advanceReplay(existing !== undefined);
    // Rebuilding a finished context: what did not finish before it finished (un-awaited work)
    // must neither run again nor record an outcome under it. The caller stalls.
    return !(ctx.rebuilding && !options?.virtual && !isFinishedStatus(existing?.Status));
  }

  /**
   * Opens the operation, then replays its finished record or executes it. The result is
   * a DurablePromise that never settles when the operation must not go on (see `open`).
   */
  launch<R>(
    this: this & OperationKind<R>,
    method: string,
    options?: OpenOptions,
  ): DurablePromise<R> {
    if (!this.open(method, options)) return stalled();
    const { existing } = this;
    const replayed = existing !== undefined && this.isFinished(existing);
    this.#replayed = replayed;
    return DurablePromise.fromRunning(
      replayed ? this.replay(existing) : this.execute(),
      this.observed,
    );
  }

  /**
   * Queues an update of this operation; resolves once the service acknowledged it. Updates
   * from inside a context that has finished are dropped (resolved at once), as the service
   * would reject them; a payload over the limit fails the execution.
   */
  checkpoint(action: OperationAction, extra?: Partial<OperationUpdate>): Promise<void> {
    const update = updateFor(this, action, extra);
    const { ctx } = this;
    if (ctx.isAbandoned()) return Promise.resolve();
    const tooLarge = payloadTooLarge(update);
    if (tooLarge) return ctx.runtime.failExecutionAfterFlush(tooLarge);
    return ctx.runtime.batcher.enqueue(update);
  }

  /** Checkpoints SUCCEED, then reports the end to plugins. */
  succeed(extra?: Partial<OperationUpdate>): Promise<void> {
    return this.#thenEnd(this.checkpoint("SUCCEED", extra));
  }

  /** Checkpoints FAIL with `error`, then reports the end to plugins. */
  fail(error: ErrorObject, extra?: Partial<OperationUpdate>): Promise<void> {
    return this.#thenEnd(this.checkpoint("FAIL", { Error: error, ...extra }));
  }

  /**
   * Reports the start of the operation to plugins, once per call: as a replay when the call
   * found a record (the operation started in an earlier invocation). An operation running a
   * child context passes it (plugins learn whether its first operations replay). Returns
   * undefined (await nothing, so nothing is delayed) when no plugin listens or the start
   * was reported already.
   */
  announce(child?: DurableContextCore): Promise<void> | undefined {
    const { plugins } = this.runtime;
    if (!plugins.active || this.#startInfo) return undefined;
    const info = this.pluginInfo(this.existing !== undefined);
    const reported: OperationInfo | ChildContextStartInfo = child
      ? { ...info, isReplayingChildren: child.isReplaying() }
      : info;
    this.#startInfo = reported;
    return plugins.notify("onOperationStart", reported);
  }

  /**
   * Runs `body`, a child context's function, inside the plugins' `wrapChildContextFn`
   * wrappers with the info `announce` reported; just runs it when nothing was announced.
   */
  wrapChildBody<V>(body: () => Promise<V>): Promise<V> {
    const info = this.#startInfo;
    return info ? this.runtime.plugins.wrap("wrapChildContextFn", info, body) : body();
  }

  /**
   * Reports the end of the operation to plugins: an end found on replay (the operation
   * finished in an earlier invocation) as a replay, unless the service listed the operation
   * as updated since. Returns undefined when no plugin listens.
   */
  reportEnd(): Promise<void> | undefined {
    const { plugins, updatedOperationIds } = this.runtime;
    if (!plugins.active) return undefined;
    const isReplay = this.#replayed && !updatedOperationIds.has(this.id);
    return plugins.notify("onOperationEnd", this.pluginInfo(isReplay));
  }

  /** The plugin view of this operation as recorded now. */
  pluginInfo(isReplay: boolean): OperationInfo {
    const { record } = this;
    return toOperationInfo(this, record && normalizeOperation(record), isReplay);
  }

  /**
   * Resolves with the record once `until` holds for it. Meanwhile the operation waits on the
   * service, which lets the invocation suspend; with `observed`, only once user code has
   * observed the operation's result.
   */
  waitFor(
    until: (record: WireOperation) => boolean,
    due: WireTimestamp | undefined,
    observed?: ObservationGate,
  ): Promise<WireOperation> {
    const { ctx, id } = this;
    const { state, suspension } = ctx.runtime;
    const current = state.get(id);
    if (current && until(current)) return Promise.resolve(current);
    return new Promise((resolve) => {
      let done = false;
      let stopWaiting: (() => void) | undefined;
      const unsubscribe = state.subscribe(id, (op) => {
        if (!until(op)) return;
        done = true;
        unsubscribe();
        stopWaiting?.();
        resolve(op);
      });
      const dueAt = toDate(due);
      const startWaiting = () => {
        if (done) return;
        stopWaiting = suspension.beginWaiting({
          id,
          dueAt,
          isAbandoned: () => ctx.isAbandoned(),
        });
      };
      if (observed) observed.whenOpen(startWaiting);
      else startWaiting();
    });
  }

  /**
   * Waits until the service completes an operation it owns (a callback or a chained invoke)
   * and reports the end to plugins.
   */
  async awaitCompletion(observed: ObservationGate): Promise<WireOperation> {
    const record = await this.waitFor((o) => isFinishedStatus(o.Status), undefined, observed);
    const ended = this.reportEnd();
    if (ended) await ended;
    return record;
  }

  #thenEnd(acknowledged: Promise<void>): Promise<void> {
    return this.runtime.plugins.active ? acknowledged.then(() => this.reportEnd()) : acknowledged;
  }
}
