import type { DurableContextCore } from "../context/durable-context-core";
import { DurablePromise } from "../types/durable-promise";
import { stalled, type ObservationGate } from "../context/durable-promise";
import type { ExecutionRuntime } from "../context/execution-runtime";
import { isFinishedStatus } from "../context/finished-status";
import { hashOperationId } from "../context/operation-id";
import { toOperationInfo } from "../plugins/operation-info";
import type { ChildContextStartInfo, OperationInfo } from "../plugins/plugin-types";
import type {
  ErrorObject,
  Operation,
  OperationAction,
  OperationType,
  OperationUpdate,
} from "../types/wire";
import type { OperationIdentity } from "./operation-identity";
import { replayMismatch } from "./replay-mismatch";
import { updateFor } from "./update-builder";

/** What each kind of operation fills in; {@link OperationCall.launch} does the rest. */
export interface OperationKind<R> {
  /** True when `record` needs no more work: the call replays it instead of executing. */
  isFinished(record: Operation): boolean;
  /** The outcome of a finished record: its stored result, or its stored error thrown. */
  replay(record: Operation): Promise<R>;
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
  declare existing: Operation | undefined;
  /** What `announce` reported; undefined until then. */
  #startInfo: OperationInfo | undefined;

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

  /** The invocation this operation runs in. */
  get runtime(): ExecutionRuntime {
    return this.ctx.runtime;
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
    const id = hashOperationId(rawId);
    const existing = runtime.state.get(id);
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
    ctx.noteOperationOpened();
    // Rebuilding a finished context: what did not finish before it finished (un-awaited work)
    // must neither run again nor record an outcome under it. The caller stalls.
    return !(ctx.isRebuilding() && !options?.virtual && !isFinishedStatus(existing?.Status));
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
    return DurablePromise.fromRunning(
      existing !== undefined && this.isFinished(existing) ? this.replay(existing) : this.execute(),
      this.observed,
    );
  }

  /** Queues an update of this operation; resolves once the service acknowledged it. */
  checkpoint(action: OperationAction, extra?: Partial<OperationUpdate>): Promise<void> {
    return this.ctx.runtime.checkpoint(this.ctx, updateFor(this, action, extra));
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
   * Reports the start of the operation to plugins, once per call; an operation running a
   * child context passes it (plugins learn whether its first operations replay). Returns
   * undefined (await nothing, so nothing is delayed) when no plugin listens or the start
   * was reported already.
   */
  announce(isReplay: boolean, child?: DurableContextCore): Promise<void> | undefined {
    const { plugins } = this.ctx.runtime;
    if (!plugins.active || this.#startInfo) return undefined;
    const info = this.pluginInfo(isReplay);
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
    return info ? this.ctx.runtime.plugins.wrap("wrapChildContextFn", info, body) : body();
  }

  /** Reports the end of the operation to plugins; undefined when no plugin listens. */
  reportEnd(isReplay = false): Promise<void> | undefined {
    const { plugins } = this.ctx.runtime;
    if (!plugins.active) return undefined;
    return plugins.notify("onOperationEnd", this.pluginInfo(isReplay));
  }

  /** The plugin view of this operation as recorded now. */
  pluginInfo(isReplay: boolean): OperationInfo {
    return toOperationInfo(this, this.ctx.runtime.state.get(this.id), isReplay);
  }

  /**
   * Resolves with the record once `until` holds for it. Meanwhile the operation waits on the
   * service, which lets the invocation suspend; with `observed`, only once user code has
   * observed the operation's result.
   */
  waitFor(
    until: (record: Operation) => boolean,
    dueAt: Date | undefined,
    observed?: ObservationGate,
  ): Promise<Operation> {
    return this.ctx.runtime.waitForOperation(this.ctx, this.id, until, dueAt, observed);
  }

  /**
   * Waits until the service completes an operation it owns (a callback or a chained invoke)
   * and reports the end to plugins. `live` says whether this invocation saw the operation
   * open; a completion found on replay is reported with `isReplay` unless the service listed
   * it as updated.
   */
  async awaitCompletion(live: boolean, observed: ObservationGate): Promise<Operation> {
    const record = await this.waitFor((o) => isFinishedStatus(o.Status), undefined, observed);
    const ended = this.reportEnd(!live && !this.ctx.runtime.updatedOperationIds.has(this.id));
    if (ended) await ended;
    return record;
  }

  #thenEnd(acknowledged: Promise<void>): Promise<void> {
    return this.ctx.runtime.plugins.active
      ? acknowledged.then(() => this.reportEnd())
      : acknowledged;
  }
}
