import type { Context } from "aws-lambda";
import { createContextLogger } from "../logging/mode-aware-logger";
import { defaultSerdes } from "../serdes/default-serdes";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../types/logger";
import type { AnySerdes, AnySerdesDeserializer, SerdesConfig } from "../types/serdes";
import { currentScope } from "./active-scope";
import type { Abandonable, ExecutionRuntime } from "./execution-runtime";
import { childRawId, positionId } from "./operation-id";

/** Options for creating a child context. */
export interface ChildContextOptions {
  /** A virtual child is not checkpointed; its operations hang off the nearest real context. */
  virtual?: boolean;
  /**
   * Wire id and name of the operation that created it, for log metadata; that id is also the
   * ParentId of the child's operations (a real child's raw id is its operation's).
   */
  operationId?: string;
  operationName?: string;
  /**
   * The context already finished in an earlier invocation and runs again only to rebuild its
   * result (ReplayChildren). Its operations replay their finished records; one without a
   * finished record never runs and never settles, so nothing contradicts the finished context.
   */
  rebuilding?: boolean;
}

/**
 * The core of every DurableContext: positional id allocation, wrong-context detection, replay
 * and rebuild state, logger and serdes settings. What an operation does with its position
 * is in `operations/lifecycle.ts`; the public methods are in `durable-context-impl.ts`.
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
  /**
   * True while this context runs again only to rebuild the result of a context that finished
   * in an earlier invocation (see {@link ChildContextOptions.rebuilding}).
   */
  declare readonly rebuilding: boolean;
  /** Set once a position of this context had no checkpoint: it executes live for good. */
  #live = false;
  #modeAware = true;
  #underlyingLogger: DurableLogger;
  #serdes: AnySerdes;
  #callbackDeserializer: AnySerdesDeserializer | undefined;
  /** Replay-aware logger of this context. */
  declare logger: DurableContextLogger<DurableLogger>;

  /** The root context of an invocation, or (with `parent` and `rawId`) a child context. */
  constructor(
    runtime: ExecutionRuntime,
    parent?: DurableContextCore,
    rawId?: string,
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
          : options.operationId;
    this.operationId = options.operationId;
    this.contextDepth =
      parent === undefined ? 0 : options.virtual ? parent.contextDepth : parent.contextDepth + 1;
    this.operationName = options.operationName;
    this.#underlyingLogger = parent ? parent.#underlyingLogger : runtime.defaultLogger;
    this.#serdes = parent ? parent.#serdes : defaultSerdes;
    this.#callbackDeserializer = parent?.defaultCallbackDeserializer;
    this.rebuilding = options.rebuilding === true || (parent !== undefined && parent.rebuilding);
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

  /**
   * True while this context re-runs operations that are already checkpointed: until a
   * position without a checkpoint, looked up only when asked (a replay that ends with the
   * handler looks nothing up past its last operation).
   */
  isReplaying(): boolean {
    if (!this.#live && !this.runtime.state.has(positionId(this.rawId, this.#counter + 1))) {
      this.#live = true;
    }
    return !this.#live;
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
   * Claims the next position for an operation called as `method` and returns its raw id,
   * after checking that this context may be used here; `undefined` after misuse (the
   * execution is failed). The operation then checks its record (`operations/lifecycle.ts`)
   * and calls {@link advanceReplay}.
   */
  claimPosition(method: string): string | undefined {
    const usageError = this.#usageError(method);
    if (usageError) {
      void this.runtime.failExecutionAfterFlush(usageError);
      return undefined;
    }
    return childRawId(this.rawId, ++this.#counter);
  }

  /** The wire id of the position {@link claimPosition} claimed last. */
  claimedId(): string {
    return positionId(this.rawId, this.#counter);
  }

  /**
   * Moves the replay state past the operation just opened at the latest position, which
   * `hadCheckpoint` or not: once a position has none this context executes live for good
   * (only this context creates its later positions, so there is nothing further to look up).
   */
  advanceReplay(hadCheckpoint: boolean): void {
    if (!hadCheckpoint) this.#live = true;
  }

  #usageError(method: string): Error | undefined {
    // Outside every scope is the root handler's code (see currentScope), or code whose async
    // context a library lost. A child context still running lets such code through, as the
    // reference lets any code without an active context through: it may be the child's own.
    const scope = currentScope();
    if (!scope && this.rawId !== undefined && !this.isAbandoned()) return undefined;
    const expected = scope?.kind === "step" ? scope.stepId : scope?.contextId;
    if (scope?.kind !== "step" && expected === this.rawId) return undefined;
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
      () => (this.#modeAware && this.isReplaying()) || this.runtime.verifier !== undefined,
    );
  }
}
