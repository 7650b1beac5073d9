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
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  readonly #client: LambdaClient | undefined;

  constructor(client?: LambdaClient) {
    this.#client = client;
    loadLambdaModule().catch(() => undefined);
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    try {
      const lambda = await loadLambdaModule();
      const client = this.#client ?? (await defaultClient());
      return (await client.send(
        new lambda.GetDurableExecutionStateCommand(params as never),
      )) as unknown as GetDurableExecutionStateResponse;
    } catch (error) {
      logger?.error("Failed to get durable execution state", error, {
        requestId: (error as { $metadata?: { requestId?: string } })?.$metadata?.requestId,
      });
      throw error;
    }
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    try {
      const lambda = await loadLambdaModule();
      const client = this.#client ?? (await defaultClient());
      return (await client.send(
        new lambda.CheckpointDurableExecutionCommand(params as never),
      )) as unknown as CheckpointDurableExecutionResponse;
    } catch (error) {
      logger?.error("Failed to checkpoint durable execution", error, {
        requestId: (error as { $metadata?: { requestId?: string } })?.$metadata?.requestId,
      });
      throw error;
    }
  }
}
