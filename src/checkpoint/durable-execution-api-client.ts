import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { DurableLogger } from "../types/logger";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire";
import { SDK_NAME, SDK_VERSION } from "../version";
import type { DurableExecutionClient } from "./durable-execution-client";

type LambdaModule = typeof import("@aws-sdk/client-lambda");

/** Memoizes `load`'s promise until it fails; the next call after a failure loads again. */
function untilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = load();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}

const loadLambdaModule: () => Promise<LambdaModule> = /* @__PURE__ */ untilFailure(
  () => import("@aws-sdk/client-lambda"),
);

/** The Lambda client shared by every API client made without one of its own. */
const defaultClient: () => Promise<LambdaClient> = /* @__PURE__ */ untilFailure(() =>
  loadLambdaModule().then(
    (lambda) =>
      new lambda.LambdaClient({
        customUserAgent: [[SDK_NAME, SDK_VERSION]],
        requestHandler: {
          connectionTimeout: 5000,
          socketTimeout: 50_000,
          requestTimeout: 55_000,
          throwOnRequestTimeout: true,
        },
      }),
  ),
);

/**
 * The default transport: the Lambda durable execution API through `@aws-sdk/client-lambda`,
 * which is loaded lazily the first time this class is constructed.
 *
 * @example
 * ```ts
 * const client = new DurableExecutionApiClient(new LambdaClient({ region: "eu-west-1" }));
 * export const handler = withDurableExecution(work, { durableExecutionClient: client });
 * ```
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  readonly #client: LambdaClient | undefined;

  constructor(client?: LambdaClient) {
    this.#client = client;
    loadLambdaModule().catch(() => undefined);
  }

  getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    return this.#send(
      "GetDurableExecutionStateCommand",
      params,
      logger,
      "get durable execution state",
    );
  }

  checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    return this.#send(
      "CheckpointDurableExecutionCommand",
      params,
      logger,
      "checkpoint durable execution",
    );
  }

  async #send<T>(
    command: "GetDurableExecutionStateCommand" | "CheckpointDurableExecutionCommand",
    params: unknown,
    logger: DurableLogger | undefined,
    action: string,
  ): Promise<T> {
    try {
      const lambda = await loadLambdaModule();
      const client = this.#client ?? (await defaultClient());
      return (await client.send(
        new (lambda[command] as unknown as new (input: unknown) => never)(params),
      )) as T;
    } catch (error) {
      logger?.error(`Failed to ${action}`, error, {
        requestId: (error as { $metadata?: { requestId?: string } })?.$metadata?.requestId,
      });
      throw error;
    }
  }
}
