/**
 * Fetches recordings live from the service (the real one, or any endpoint the AWS SDK is
 * pointed at with `AWS_ENDPOINT_URL_LAMBDA`) through `@aws-sdk/client-lambda`.
 */
import { LambdaClient, ListDurableExecutionsByFunctionCommand } from "@aws-sdk/client-lambda";
import { HistoryReader } from "../cloud/history-reader";
import { recordingFromHistory, type ExecutionRecording } from "./recording";

/**
 * Options of {@link fetchRecording} and {@link fetchRecentRecordings}.
 *
 * @example
 * ```ts
 * const options: FetchRecordingOptions = { client: new LambdaClient({ region: "eu-west-1" }) };
 * ```
 */
export interface FetchRecordingOptions {
  /** The client to use; default `new LambdaClient({})` (which honours `AWS_ENDPOINT_URL_LAMBDA`). */
  client?: LambdaClient;
}

/**
 * Reads one execution's whole history (`GetDurableExecutionHistory` with execution data) and
 * returns it as a recording for {@link verifyReplay}.
 *
 * @example
 * ```ts
 * const recording = await fetchRecording("arn:aws:lambda:eu-west-1:123456789012:function:orders:$LATEST/durable-execution/order-42/1f2e");
 * const report = await verifyReplay(handler, recording);
 * ```
 */
export async function fetchRecording(
  durableExecutionArn: string,
  options: FetchRecordingOptions = {},
): Promise<ExecutionRecording> {
  const client = options.client ?? new LambdaClient({});
  const events = await new HistoryReader(client, durableExecutionArn).readNew();
  return { ...recordingFromHistory(events, durableExecutionArn), durableExecutionArn };
}

/**
 * The recordings of the last `last` executions of a function (newest first), listed with
 * `ListDurableExecutionsByFunction` and read with {@link fetchRecording}.
 *
 * @example
 * ```ts
 * for (const recording of await fetchRecentRecordings("orders", 20)) {
 *   console.log(formatReplayReport(await verifyReplay(handler, recording)));
 * }
 * ```
 */
export async function fetchRecentRecordings(
  functionName: string,
  last = 10,
  options: FetchRecordingOptions = {},
): Promise<ExecutionRecording[]> {
  const client = options.client ?? new LambdaClient({});
  const arns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: functionName,
        MaxItems: Math.min(1000, last - arns.length),
        Marker: marker,
      }),
    );
    for (const execution of page.DurableExecutions ?? []) {
      if (execution.DurableExecutionArn && arns.length < last)
        arns.push(execution.DurableExecutionArn);
    }
    marker = page.NextMarker;
  } while (marker && arns.length < last);
  const recordings: ExecutionRecording[] = [];
  for (const arn of arns) recordings.push(await fetchRecording(arn, { client }));
  return recordings;
}
