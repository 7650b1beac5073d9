/** Options of `CloudDurableTestRunner` and their validation. */
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { InvocationType } from "../enums";

/**
 * Tuning of a {@link CloudDurableTestRunnerParameters | cloud runner}.
 *
 * @example
 * ```ts
 * const config: CloudDurableTestRunnerConfig = {
 *   pollInterval: 250,
 *   invocationType: InvocationType.Event, // needed to answer callbacks while the run is going
 * };
 * ```
 */
export interface CloudDurableTestRunnerConfig {
  /**
   * Milliseconds between two reads of the execution's status and history. Default `1000`.
   */
  pollInterval?: number;
  /**
   * How the function is invoked. Default `InvocationType.RequestResponse`: the invoke call
   * returns when the execution has finished. Use `InvocationType.Event` to interact with the
   * execution while it runs (`waitForData`, answering callbacks).
   */
  invocationType?: InvocationType;
}

/**
 * What a `CloudDurableTestRunner` drives: a deployed durable function, reached through a
 * Lambda client.
 *
 * @example
 * ```ts
 * const params: CloudDurableTestRunnerParameters = {
 *   functionName: "order-workflow:live", // durable functions are invoked with a qualifier
 *   client: new LambdaClient({ region: "eu-west-1" }),
 *   config: { pollInterval: 500 },
 * };
 * ```
 */
export interface CloudDurableTestRunnerParameters {
  /** Name or ARN of the function, with its version or alias. */
  functionName: string;
  /** The client to use. Default `new LambdaClient()` (default region and credentials). */
  client?: LambdaClient;
  /** Polling and invocation settings. */
  config?: CloudDurableTestRunnerConfig;
}

/** Settings with every default applied. */
export interface ResolvedCloudConfig {
  readonly pollInterval: number;
  readonly invocationType: InvocationType;
}

/** Default milliseconds between polls. */
export const DEFAULT_POLL_INTERVAL_MS = 1000;

const INVOCATION_TYPES: readonly string[] = Object.values(InvocationType);

/**
 * Checks the constructor parameters and fills in defaults. Values left `undefined` take the
 * default (so `{ invocationType: undefined }` does not remove it). Throws a `TypeError` that
 * names the bad parameter.
 *
 * @example
 * ```ts
 * const { functionName, config } = resolveCloudParameters({ functionName: "orders:live" });
 * config.pollInterval; // 1000
 * ```
 */
export function resolveCloudParameters(params: CloudDurableTestRunnerParameters | undefined): {
  functionName: string;
  config: ResolvedCloudConfig;
} {
  if (params === null || typeof params !== "object") {
    throw new TypeError(
      'CloudDurableTestRunner needs parameters: new CloudDurableTestRunner({ functionName: "my-function:alias" }).',
    );
  }
  const { functionName, config } = params;
  if (typeof functionName !== "string" || functionName.trim() === "") {
    throw new TypeError(
      "CloudDurableTestRunner: functionName is required: the name or ARN of the deployed durable function " +
        `(with a version or alias), got ${describe(functionName)}.`,
    );
  }
  if (config !== undefined && (config === null || typeof config !== "object")) {
    throw new TypeError(
      `CloudDurableTestRunner: config must be an object, got ${describe(config)}.`,
    );
  }
  const pollInterval = config?.pollInterval ?? DEFAULT_POLL_INTERVAL_MS;
  if (typeof pollInterval !== "number" || !Number.isFinite(pollInterval) || pollInterval < 0) {
    throw new TypeError(
      `CloudDurableTestRunner: config.pollInterval must be a number of milliseconds >= 0, got ${describe(pollInterval)}.`,
    );
  }
  const invocationType = config?.invocationType ?? InvocationType.RequestResponse;
  if (!INVOCATION_TYPES.includes(invocationType)) {
    throw new TypeError(
      `CloudDurableTestRunner: config.invocationType must be one of ${INVOCATION_TYPES.join(", ")}, ` +
        `got ${describe(invocationType)}.`,
    );
  }
  return { functionName, config: { pollInterval, invocationType } };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}
