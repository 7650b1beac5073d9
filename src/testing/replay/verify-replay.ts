/** `verifyReplay`: replays a handler against one recorded execution, verify-only. */
import type { Context } from "aws-lambda";
import { DurableExecutionInvocationInputWithClient } from "../../checkpoint/invocation-input-with-client";
import type { DurableLambdaHandler } from "../../entry/with-durable-execution";
import { toErrorObject } from "../../errors/error-object";
import type { ErrorObject } from "../../types/wire";
import { ReplayAnalysis, type ReplayOutcome } from "./analyze-replay";
import { readRecording, type ExecutionRecording } from "./recording";
import type { ReplayReport } from "./replay-report";
import { VerifyingClient } from "./verifying-client";

/**
 * Options of {@link verifyReplay}.
 *
 * @example
 * ```ts
 * await verifyReplay(handler, recording, { timeoutMs: 10_000 });
 * ```
 */
export interface VerifyReplayOptions {
  /** How long the replay may take before it counts as failed (default 30 000 ms). */
  timeoutMs?: number;
  /** Name of the recording in the report when `recording` is raw JSON (default "recording"). */
  source?: string;
}

const PLACEHOLDER_ARN =
  "arn:aws:lambda:us-east-1:000000000000:function:replay/durable-execution/replay/verify";

/**
 * Replays `handler` (what `withDurableExecution` returns) against one recorded execution in
 * verify-only mode and reports whether the new code still matches it. Recorded operations
 * replay their recorded results; no step body, condition check or callback submitter runs;
 * nothing is checkpointed or sent anywhere: the handler talks only to an in-memory client that
 * answers from the recording. Never throws for a divergence: it is in the report.
 *
 * @param recording an {@link ExecutionRecording}, or parsed JSON of a `GetDurableExecutionHistory`
 *   answer (with execution data) or of a `GetDurableExecutionState` answer.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatReplayReport, verifyReplay } from "@aws/durable-execution-sdk-js/testing";
 * import { handler } from "../src/order-handler";
 *
 * const report = await verifyReplay(handler, JSON.parse(readFileSync("recordings/order-42.json", "utf8")));
 * if (!report.ok) throw new Error(formatReplayReport(report));
 * ```
 */
export async function verifyReplay(
  handler: DurableLambdaHandler,
  recording: ExecutionRecording | unknown,
  options: VerifyReplayOptions = {},
): Promise<ReplayReport> {
  const recorded = readRecording(recording, options.source);
  const analysis = new ReplayAnalysis(recorded);
  // The first divergence settles the report: stop waiting for the handler then (code inserted
  // into a finished context, say, never settles).
  let stop: (outcome: ReplayOutcome) => void = () => undefined;
  const stopped = new Promise<ReplayOutcome>((resolve) => (stop = resolve));
  const client = new VerifyingClient((entry) => {
    analysis.feed(entry);
    if (analysis.divergence) stop({ status: "STOPPED" });
  });
  const event = new DurableExecutionInvocationInputWithClient(
    {
      DurableExecutionArn: recorded.durableExecutionArn ?? PLACEHOLDER_ARN,
      CheckpointToken: "verify-0",
      InitialExecutionState: { Operations: recorded.operations },
    },
    client,
  );
  const outcome = await runOnce(handler, event, options.timeoutMs ?? 30_000, stopped);
  return analysis.finish(outcome);
}

async function runOnce(
  handler: DurableLambdaHandler,
  event: DurableExecutionInvocationInputWithClient,
  timeoutMs: number,
  stopped: Promise<ReplayOutcome>,
): Promise<ReplayOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ReplayOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          status: "ERROR",
          error: {
            ErrorMessage: `the handler neither finished nor suspended within ${timeoutMs} ms`,
          },
        }),
      timeoutMs,
    );
  });
  const replayed = handler(event, lambdaContext()).then(
    (output): ReplayOutcome => {
      const { Result: result, Error: error } = output as { Result?: string; Error?: ErrorObject };
      const outcome: ReplayOutcome = { status: output.Status };
      if (result !== undefined) outcome.result = result;
      if (error !== undefined) outcome.error = error;
      return outcome;
    },
    (error: unknown): ReplayOutcome => ({
      status: "ERROR",
      error: {
        ...toErrorObject(error),
        ErrorMessage: `the handler threw: ${toErrorObject(error).ErrorMessage ?? ""}`,
      },
    }),
  );
  try {
    return await Promise.race([replayed, stopped, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function lambdaContext(): Context {
  return {
    awsRequestId: "replay-verification",
    functionName: "replay",
    getRemainingTimeInMillis: () => 900_000,
  } as unknown as Context;
}
