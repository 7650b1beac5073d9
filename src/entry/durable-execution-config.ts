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
