/**
 * The "still waiting" report of `LocalDurableTestRunner.run()`: printed once to stderr when
 * an execution has made no progress for a while and can only move on through someone
 * outside (a callback answer), saying what it waits for and how to answer.
 */
import { globalTimersAreFaked } from "../timers/real-timers";
import type { WaitingCallback } from "./service/state/waiting-operations";

/**
 * Builds the report for an execution that waits for `callbacks`.
 *
 * @example
 * ```ts
 * process.stderr.write(waitingReport(arn, service.waitingCallbacks(arn), 3000));
 * ```
 */
export function waitingReport(
  executionArn: string,
  callbacks: readonly WaitingCallback[],
  quietMs: number,
): string {
  const lines = [
    `[durable-execution testing] run() has made no progress for ${Math.round(quietMs / 1000)} s: ` +
      `execution ${executionArn} waits for input from outside.`,
  ];
  if (callbacks.length === 0) {
    lines.push("  It has no open callback; it waits for a chained invoke or a stop.");
  } else {
    lines.push("  Open callbacks:");
    for (const c of callbacks) {
      const label = c.name !== undefined ? `"${c.name}"` : `(unnamed, operation ${c.operationId})`;
      lines.push(`    - ${label} callbackId=${c.callbackId ?? "?"}`);
    }
    const named = callbacks.find((c) => c.name !== undefined);
    lines.push(
      "  Answer from the test while run() is pending, e.g.",
      named
        ? `    await runner.getOperation(${JSON.stringify(named.name)}).sendCallbackSuccess(JSON.stringify(value));`
        : "    await runner.getOperationByIndex(i).sendCallbackSuccess(JSON.stringify(value));",
      "  or with the callback id: service.sendDurableExecutionCallbackSuccess({ CallbackId, Result }),",
      "  or over HTTP (run-durable --serve): aws lambda send-durable-execution-callback-success --callback-id <id> --result '<json>'.",
    );
  }
  if (globalTimersAreFaked()) {
    lines.push(
      "  Note: the global timers are faked by the test framework. The SDK and the embedded service",
      "  use real timers, but handler code that sleeps with setTimeout waits for the fake clock.",
    );
  }
  lines.push(
    "  run() keeps waiting (as on the service). Pass { noProgressTimeout: ms } to the runner to reject instead.",
  );
  return `${lines.join("\n")}\n`;
}
