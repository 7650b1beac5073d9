import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { DurableExecutionClient } from "../checkpoint/durable-execution-client";
import type { DurableInstrumentationPlugin } from "../plugins/plugin-types";

/**
 * Options of {@link withDurableExecution}.
 *
 * @example
 * ```ts
 * export const handler = withDurableExecution(work, {
 *   durableExecutionClient: new DurableExecutionApiClient(new LambdaClient({})),
 *   plugins: [new MetricsPlugin()],
 * });
 * ```
 */
export interface DurableExecutionConfig {
  /** @deprecated use `durableExecutionClient: new DurableExecutionApiClient(client)` */
  client?: LambdaClient;
  /** Transport replacing the default Lambda API client. */
  durableExecutionClient?: DurableExecutionClient;
  /** Instrumentation plugins (experimental), called in array order before environment ones. */
  plugins?: DurableInstrumentationPlugin[];
  /** Plugin settings (experimental). */
  pluginsConfig?: {
    /** Levels of child contexts that keep their children after finishing (0, n or Infinity). */
    childOperationsDepth?: number;
  };
  /**
   * When the handler goes on after a step (an extension of this SDK; default
   * `"acknowledged"`):
   * - `"acknowledged"`: once the service has acknowledged the step's result, as the reference
   *   SDK does. N sequential steps cost at least N checkpoint round trips of Lambda time.
   * - `"pipelined"`: at once; an at-least-once step's result is queued and rides in the next
   *   checkpoint request (up to 500 queued updates; past that a step waits after all). What
   *   you give up: if the invocation dies before the request is acknowledged, those steps run
   *   again in the next invocation, even though later code (and later steps) already used
   *   their results. Everything whose guarantee depends on the acknowledgement still waits
   *   for it: at-most-once steps, failures, retries, waits, callbacks, invokes,
   *   child-context, map and parallel results, the final result and suspension. Results, ids
   *   and the final operation state are the same in both modes.
   *
   * @example
   * ```ts
   * export const handler = withDurableExecution(work, { checkpointMode: "pipelined" });
   * ```
   */
  checkpointMode?: CheckpointMode;
}

/**
 * When the handler goes on after a step; see {@link DurableExecutionConfig.checkpointMode}.
 *
 * @example
 * ```ts
 * const mode: CheckpointMode = process.env.PIPELINED ? "pipelined" : "acknowledged";
 * export const handler = withDurableExecution(work, { checkpointMode: mode });
 * ```
 */
export type CheckpointMode = "acknowledged" | "pipelined";

const CHECKPOINT_MODES: readonly unknown[] = ["acknowledged", "pipelined"];

/**
 * Throws when an option that is this SDK's own (no reference behaviour to keep) is unusable:
 * the mistake then shows when the handler module loads, before any invocation.
 */
export function assertOwnOptions(config: DurableExecutionConfig | undefined): void {
  const mode = config?.checkpointMode;
  if (mode !== undefined && !CHECKPOINT_MODES.includes(mode)) {
    throw new TypeError(
      `withDurableExecution: checkpointMode must be "acknowledged" or "pipelined"; got ${JSON.stringify(mode)}.`,
    );
  }
}

/**
 * What is wrong with a {@link DurableExecutionConfig}, found once when the handler is
 * wrapped. Each invocation still reports it as a FAILED output, where the reference SDK
 * does, so a broken configuration fails executions rather than throwing at import time.
 */
export interface ConfigProblems {
  /** Both `client` and `durableExecutionClient`: reported before anything is read. */
  readonly transport: Error | undefined;
  /** An unusable `pluginsConfig.childOperationsDepth`: reported before the handler runs. */
  readonly depth: Error | undefined;
}

/** Checks the parts of `config` that do not depend on the invocation. */
export function checkConfig(config: DurableExecutionConfig | undefined): ConfigProblems {
  const depth = config?.pluginsConfig?.childOperationsDepth;
  return {
    transport:
      config?.client && config?.durableExecutionClient
        ? new Error(
            "Both `client` and `durableExecutionClient` were provided to withDurableExecution. Pass only `durableExecutionClient`, wrapping a Lambda client: `new DurableExecutionApiClient(client)`.",
          )
        : undefined,
    depth:
      depth === undefined || depth === Infinity || (Number.isInteger(depth) && depth >= 0)
        ? undefined
        : new Error(
            `pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity; got ${String(depth)}.`,
          ),
  };
}
