import type { Context } from "aws-lambda";
import { NonDeterministicExecutionError } from "../errors/internal-errors";
import { createContextLogger } from "../logging/mode-aware-logger";
import { defaultSerdes } from "../serdes/default-serdes";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../types/logger";
import type { AnySerdes, AnySerdesDeserializer, SerdesConfig } from "../types/serdes";
import type { Operation, OperationType } from "../types/wire";
import { isFinishedStatus } from "./finished-status";
import { currentScope } from "./active-scope";
import type { Abandonable, ExecutionRuntime } from "./execution-runtime";
import { childRawId, hashOperationId } from "./operation-id";

/** Identity of one durable operation created on a context. */
export interface OperationIdentity {
  /** Positional id ("2", "1-3"). */
  readonly rawId: string;
  /** Wire id (hash of the raw id). */
  readonly id: string;
  /** Wire id of the nearest checkpointed enclosing context. */
  readonly parentId: string | undefined;
  readonly name: string | undefined;
  readonly type: OperationType;
  readonly subType: string;
  /** The checkpointed record found at this position when the operation was created. */
  readonly existing: Operation | undefined;
}

/** What an operation declares when it is created. */
export interface OperationSpec {
  type: OperationType;
  subType: string;
  name: string | undefined;
  /** Skip the replay type/name/subtype comparison (waitForCondition). */
  skipReplayValidation?: boolean;
  /** A virtual child context: never checkpointed, so it has no record of its own. */
  virtual?: boolean;
}

/** Options for creating a child context. */
export interface ChildContextOptions {
  /** A virtual child is not checkpointed; its operations hang off the nearest real context. */
  virtual?: boolean;
  /** Wire id and name of the operation that created it, for log metadata. */
  operationId?: string;
  operationName?: string;
  /**
   * The context already finished in an earlier invocation and runs again only to rebuild its
   * result (ReplayChildren). Its operations replay their finished records; one without a
   * finished record never runs and never settles, so nothing contradicts the finished context.
   */
  rebuilding?: boolean;
}

/** Statuses after which a record no longer changes. */

/**
 * The core of every DurableContext: positional id allocation, replay validation, wrong-context
 * detection, logger and serdes settings. Operation methods live in `durable-context.ts`.
 */
export class DurableContextCore implements Abandonable {
  // Public fields are `declare`d: the constructor assigns them all (smaller bundle).
  declare readonly runtime: ExecutionRuntime;
  /** Raw id of this context (undefined for the root). */
  declare readonly rawId: string | undefined;
  /** Wire id children use as ParentId (undefined at the root). */
  declare readonly checkpointParentId: string | undefined;
  declare readonly parent: DurableContextCore | undefined;
  /** Wire id and name of the operation that created this context, for log metadata. */
  declare readonly operationId: string | undefined;
  declare readonly operationName: string | undefined;
  /** Number of checkpointed CONTEXT operations enclosing this context's operations (root 0). */
  declare readonly contextDepth: number;
  #counter = 0;
  #finished = false;
  #rebuilding: boolean;
  #replaying: boolean;
  #modeAware = true;
  #underlyingLogger: DurableLogger;
  #serdes: AnySerdes;
  #callbackDeserializer: AnySerdesDeserializer | undefined;
  /** Replay-aware logger of this context. */
  declare logger: DurableContextLogger<DurableLogger>;

  constructor(
    runtime: ExecutionRuntime,
    parent: DurableContextCore | undefined,
    rawId: string | undefined,
    options: ChildContextOptions = {},
  ) {
    this.runtime = runtime;
    this.parent = parent;
    this.rawId = rawId;
    this.checkpointParentId =
      rawId === undefined
        ? undefined
        : options.virtual
          ? parent?.checkpointParentId
          : hashOperationId(rawId);
    this.operationId = options.operationId;
    this.contextDepth =
      parent === undefined ? 0 : options.virtual ? parent.contextDepth : parent.contextDepth + 1;
    this.operationName = options.operationName;
    this.#underlyingLogger = parent ? parent.#underlyingLogger : runtime.defaultLogger;
    this.#serdes = parent ? parent.#serdes : defaultSerdes;
    this.#callbackDeserializer = parent?.defaultCallbackDeserializer;
    this.#replaying = runtime.state.has(hashOperationId(childRawId(rawId, 1)));
    this.#rebuilding = options.rebuilding === true || (parent !== undefined && parent.#rebuilding);
    this.logger = this.#buildLogger();
  }

  /** The Lambda context of the current invocation. */
  get lambdaContext(): Context {
    return this.runtime.lambdaContext;
  }

  /** Read-only facts about the running execution. */
  get executionContext(): { readonly durableExecutionArn: string } {
    return { durableExecutionArn: this.runtime.durableExecutionArn };
  }

  /** The logger user callbacks inside operations receive (no replay suppression). */
  get operationLogger(): DurableLogger {
    return this.#underlyingLogger;
  }

  /** Serdes used when an operation has none of its own. */
  get defaultSerdes(): AnySerdes {
    return this.#serdes;
  }

  /** Deserializer for callback results when the operation has none of its own. */
  get defaultCallbackDeserializer(): AnySerdesDeserializer | undefined {
    return this.#callbackDeserializer;
  }

  /** True while this context re-runs operations that are already checkpointed. */
  isReplaying(): boolean {
    return this.#replaying;
  }

  /** Marks this context finished: later updates from inside it are dropped. */
  markFinished(): void {
    this.#finished = true;
  }

  /** True once this context or an enclosing one has finished. */
  isAbandoned(): boolean {
    return this.#finished || (this.parent?.isAbandoned() ?? false);
  }

  configureLogger(config: LoggerConfig<DurableLogger>): void {
    if (config.customLogger !== undefined) {
      this.#underlyingLogger = config.customLogger;
      config.customLogger.configureDurableLoggingContext?.({
        getDurableLogData: () => this.runtime.logData(),
      });
      this.logger = this.#buildLogger();
    }
    if (config.modeAware !== undefined) this.#modeAware = config.modeAware;
  }

  configureSerdes(config: SerdesConfig): void {
    if (config.defaultSerdes !== undefined) this.#serdes = config.defaultSerdes;
    if (config.defaultCallbackDeserializer !== undefined) {
      this.#callbackDeserializer = config.defaultCallbackDeserializer;
    }
  }

  /** Positional id the next operation of this context will get ("3", "1-2"). */
  nextRawId(): string {
    return childRawId(this.rawId, this.#counter + 1);
  }

  /**
   * Allocates the next positional id for an operation called as `method`, after checking
   * that this context may be used here and that a checkpointed record at that position
   * matches. Returns `undefined` when the execution has been failed for misuse, or when this
   * context is being rebuilt and the position holds no finished record (the operation must
   * never settle).
   */
  beginOperation(method: string, spec: OperationSpec): OperationIdentity | undefined {
    const usageError = this.#usageError(method);
    if (usageError) {
      void this.runtime.failExecutionAfterFlush(usageError);
      return undefined;
    }
    const rawId = childRawId(this.rawId, ++this.#counter);
    const id = hashOperationId(rawId);
    const existing = this.runtime.state.get(id);
    const identity: OperationIdentity = {
      rawId,
      id,
      parentId: this.checkpointParentId,
      name: spec.name,
      type: spec.type,
      subType: spec.subType,
      existing,
    };
    this.runtime.verifier?.reached(identity);
    if (existing && !spec.skipReplayValidation) {
      const mismatch = replayMismatch(existing, spec);
      if (mismatch) {
        void this.runtime.failExecution(new NonDeterministicExecutionError(mismatch));
        return undefined;
      }
    }
    // Once the next position has no checkpoint this context executes live for good: only
    // this context creates its later positions, so there is nothing further to look up.
    if (this.#replaying) {
      this.#replaying = this.runtime.state.has(
        hashOperationId(childRawId(this.rawId, this.#counter + 1)),
      );
    }
    // Rebuilding a finished context: what did not finish before it finished (un-awaited work)
    // must neither run again nor record an outcome under it. The caller stalls.
    if (this.#rebuilding && !spec.virtual && !isFinishedStatus(existing?.Status)) {
      return undefined;
    }
    return identity;
  }

  #usageError(method: string): Error | undefined {
    const scope = currentScope();
    if (!scope) return undefined;
    const expected = scope.kind === "step" ? scope.stepId : scope.contextId;
    if (scope.kind === "context" && scope.contextId === this.rawId) return undefined;
    return new Error(
      `Context usage error in "${method}": You are using a parent or sibling context instead of the current child context. ` +
        `Expected context ID: "${expected}", but got: "${this.rawId}". ` +
        `When inside runInChildContext(), you must use the child context parameter, not the parent context.`,
    );
  }

  #buildLogger(): DurableContextLogger<DurableLogger> {
    return createContextLogger(
      () => this.#underlyingLogger,
      // A verify-only replay logs nothing: the handler's logs are output too.
      () => (this.#modeAware && this.#replaying) || this.runtime.verifier !== undefined,
    );
  }
}

function replayMismatch(existing: Operation, spec: OperationSpec): string | undefined {
  const [what, expected, actual] =
    existing.Type !== spec.type
      ? ["type", existing.Type, spec.type]
      : (existing.Name ?? undefined) !== spec.name
        ? ["name", existing.Name, spec.name]
        : (existing.SubType ?? undefined) !== spec.subType
          ? ["subtype", existing.SubType, spec.subType]
          : [];
  return what
    ? `[Unrecoverable Execution] Non-deterministic execution detected: Operation ${what} mismatch at operation ${existing.Id}: expected "${expected}", got "${actual}". Operations must be called in the same order on every replay.`
    : undefined;
}
