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

let sharedClient: Promise<LambdaClient> | undefined;
let modulePromise: Promise<LambdaModule> | undefined;

function loadLambdaModule(): Promise<LambdaModule> {
  if (!modulePromise) {
    modulePromise = import("@aws-sdk/client-lambda");
    modulePromise.catch(() => {
      modulePromise = undefined;
    });
  }
  return modulePromise;
}

function defaultClient(): Promise<LambdaClient> {
  if (!sharedClient) {
    sharedClient = loadLambdaModule().then(
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
    );
    sharedClient.catch(() => {
      sharedClient = undefined;
    });
  }
  return sharedClient;
}

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
