import type { Context } from "aws-lambda";
import { CheckpointBatcher } from "../checkpoint/checkpoint-batcher";
import type {
  DurableExecutionClient,
  ReplayVerifierHooks,
} from "../checkpoint/durable-execution-client";
import { classifyCheckpointFailure } from "../checkpoint/failure-classification";
import {
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
} from "../errors/internal-errors";
import { toErrorObject } from "../errors/error-object";
import { createDefaultLogger } from "../logging/default-logger";
import type { DurableLogData, DurableLogger } from "../types/logger";
import type { Operation, WireOperation } from "../types/wire";
import { PluginHub } from "../plugins/plugin-hub";
import { toOperationInfoMap } from "../plugins/operation-info";
import { currentScope } from "./active-scope";
import { never } from "./durable-promise";
import { ExecutionState } from "./execution-state";
import { SuspensionTracker } from "./suspension-tracker";
import { TerminationSignal } from "./termination";

/** Everything one invocation needs to create the runtime. */
export interface ExecutionRuntimeOptions {
  durableExecutionArn: string;
  checkpointToken: string;
  client: DurableExecutionClient;
  state: ExecutionState;
  lambdaContext: Context;
  /** Installed instrumentation plugins. */
  plugins?: PluginHub;
  /** Ids the service changed since the previous invocation (plugins' `isReplay`). */
  updatedOperationIds?: readonly string[];
  /** How many levels of child contexts keep their children for plugins (0 = none). */
  childOperationsDepth?: number;
  /** At-least-once steps go on without waiting for their result's acknowledgement. */
  pipelined?: boolean;
}

/** Anything that can be abandoned when an enclosing context finishes. */
export interface Abandonable {
  isAbandoned(): boolean;
}

/**
 * Per-invocation machinery shared by every context: the execution state, the checkpoint
 * batcher, suspension tracking and the termination signal.
 */
export class ExecutionRuntime {
  // Fields without an initializer are `declare`d: the constructor assigns them all, and
  // undeclared fields keep the bundle smaller.
  declare readonly durableExecutionArn: string;
  declare readonly lambdaContext: Context;
  declare readonly state: ExecutionState;
  declare readonly batcher: CheckpointBatcher;
  declare readonly suspension: SuspensionTracker;
  readonly termination = new TerminationSignal();
  /** Logger used by contexts until `configureLogger` replaces it. */
  declare readonly defaultLogger: DurableLogger;
  declare readonly plugins: PluginHub;
  declare readonly updatedOperationIds: ReadonlySet<string>;
  declare readonly childOperationsDepth: number;
  /** See {@link ExecutionRuntimeOptions.pipelined}. */
  declare readonly pipelined: boolean;
  /** Set in verify-only replays: user code never runs and operations are reported. */
  declare readonly verifier: ReplayVerifierHooks | undefined;
  #failing = false;

  constructor(options: ExecutionRuntimeOptions) {
    this.durableExecutionArn = options.durableExecutionArn;
    this.lambdaContext = options.lambdaContext;
    this.state = options.state;
    this.plugins = options.plugins ?? new PluginHub([]);
    this.updatedOperationIds = new Set(options.updatedOperationIds ?? []);
    this.childOperationsDepth = options.childOperationsDepth ?? 0;
    this.pipelined = options.pipelined === true;
    this.verifier = options.client.replayVerifier;
    this.defaultLogger = createDefaultLogger();
    this.defaultLogger.configureDurableLoggingContext?.({
      getDurableLogData: () => this.logData(),
    });
    this.batcher = new CheckpointBatcher(
      options.client,
      options.durableExecutionArn,
      options.checkpointToken,
      {
        onResponse: (response) => this.#mergeResponse(response.NewExecutionState?.Operations ?? []),
        onIdle: () => this.suspension.evaluate(),
        onFailure: (error) => this.#onCheckpointFailure(error),
      },
      this.defaultLogger,
    );
    this.suspension = new SuspensionTracker({
      isCheckpointIdle: () => this.batcher.isIdle(),
      poll: () => this.batcher.requestPoll(),
      remainingTimeMs: () =>
        this.lambdaContext.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER,
      suspend: () => {
        if (!this.#failing) this.termination.terminate({ kind: "PENDING" });
      },
      quietMs: options.client.suspendQuietMs,
    });
  }

  /** Log metadata of the code running now. */
  logData(): DurableLogData {
    const scope = currentScope();
    const data: DurableLogData = {
      requestId: this.lambdaContext.awsRequestId,
      executionArn: this.durableExecutionArn,
    };
    const tenantId = (this.lambdaContext as { tenantId?: string }).tenantId;
    if (tenantId !== undefined && tenantId !== null) data.tenantId = tenantId;
    if (scope?.operationId !== undefined) data.operationId = scope.operationId;
    if (scope?.operationName !== undefined) data.operationName = scope.operationName;
    if (scope?.attempt !== undefined) data.attempt = scope.attempt;
    if (this.plugins.active) Object.assign(data, this.plugins.enrichLogContext());
    return data;
  }

  /** Runs user code that must finish before the invocation may suspend. */
  async runExecuting<T>(fn: () => Promise<T>): Promise<T> {
    this.suspension.beginExecuting();
    try {
      return await fn();
    } finally {
      this.suspension.endExecuting();
    }
  }

  /** Fails the execution (FAILED envelope) and returns a promise that never settles. */
  failExecution(error: unknown): Promise<never> {
    this.termination.terminate({ kind: "FAILED", error: toErrorObject(error) });
    return never();
  }

  /**
   * Fails the execution like `failExecution`, after the updates already queued (the START
   * of the enclosing step or child context, say) reach the service, so the history shows
   * what was running when the handler misused a context. The invocation cannot suspend
   * meanwhile.
   */
  failExecutionAfterFlush(error: unknown): Promise<never> {
    return this.#endAfterFlush(() => this.failExecution(error));
  }

  /**
   * Fails the invocation like `failInvocation`, after the updates already queued reach the
   * service (used when Lambda time runs out mid-step). The invocation cannot suspend meanwhile.
   */
  failInvocationAfterFlush(error: unknown): Promise<never> {
    return this.#endAfterFlush(() => this.failInvocation(error));
  }

  /** Ends the invocation with `end` once the queued updates are sent; no suspension meanwhile. */
  #endAfterFlush(end: () => void): Promise<never> {
    this.#failing = true;
    void this.batcher.drain().then(end, end);
    return never();
  }

  /** Fails the invocation (the handler throws, the service retries) and never settles. */
  failInvocation(error: unknown): Promise<never> {
    this.termination.terminate({ kind: "THROW", error });
    return never();
  }

  /** Stops all background work; called when the invocation ends. */
  dispose(): void {
    this.batcher.stop();
    this.suspension.dispose();
  }

  #mergeResponse(operations: readonly WireOperation[]): void {
    if (!this.plugins.active) {
      for (const op of operations) this.state.merge(op);
      return;
    }
    const changed: Operation[] = [];
    for (const op of operations) {
      const before = this.state.get(op.Id)?.Status;
      const after = this.state.merge(op);
      if (before !== after.Status) changed.push(after);
    }
    if (changed.length === 0) return;
    void this.plugins.notify("onOperationChange", {
      executionArn: this.durableExecutionArn,
      updatedOperations: toOperationInfoMap(changed),
      operations: toOperationInfoMap(this.state.all()),
    });
  }

  #onCheckpointFailure(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    if (classifyCheckpointFailure(error) === "EXECUTION") {
      void this.failExecution(new CheckpointUnrecoverableExecutionError(detail, error));
    } else {
      void this.failInvocation(new CheckpointUnrecoverableInvocationError(detail, error));
    }
  }
}
