/** Readable text of replay reports, for the CLI and for test failures. */
import type { ReplayReport } from "./replay-report";

const ACTION_TEXT = {
  start: "start",
  run: "run the user code of",
  record: "record an outcome for",
};

/**
 * The report of one replay as a few readable lines: the verdict, then the divergence (where,
 * what was recorded, what the new code does) or the new work a running execution would start.
 *
 * @example
 * ```ts
 * const report = await verifyReplay(handler, recording);
 * console.log(formatReplayReport(report));
 * // ✗ recordings/order-42.json (SUCCEEDED, 3 operations): diverged — mismatch at Wait "nap" (2)
 * //   At Wait "nap" (2) the recording has WAIT "nap" ..., but the new code calls WAIT "pause" ...
 * ```
 */
export function formatReplayReport(report: ReplayReport): string {
  const head = `${report.source} (${report.recordedStatus}, ${report.recordedOperations} operation${report.recordedOperations === 1 ? "" : "s"})`;
  const lines: string[] = [];
  const { divergence, newWork } = report;
  if (divergence) {
    lines.push(`✗ ${head}: diverged — ${divergence.kind} at ${divergence.path}`);
    lines.push(`  ${divergence.message}`);
  } else if (report.verdict === "still-running") {
    lines.push(
      `✓ ${head}: still running (${report.matchedOperations} of ${report.recordedOperations} recorded operations matched)`,
    );
    if (newWork) {
      lines.push(`  new code would ${ACTION_TEXT[newWork.action]} new work at ${newWork.path}`);
    }
  } else {
    lines.push(
      `✓ ${head}: verified (${report.matchedOperations} operations matched, outcome ${report.outcome.status})`,
    );
  }
  if (report.durableExecutionArn) lines.push(`  execution: ${report.durableExecutionArn}`);
  return lines.join("\n");
}

/**
 * Text of several reports and a summary line ("3 verified, 1 still running, 1 diverged").
 *
 * @example
 * ```ts
 * console.log(formatReplayReports(await Promise.all(recordings.map((r) => verifyReplay(handler, r)))));
 * ```
 */
export function formatReplayReports(reports: readonly ReplayReport[]): string {
  const count = (verdict: string) => reports.filter((r) => r.verdict === verdict).length;
  const summary = `${reports.length} recording${reports.length === 1 ? "" : "s"}: ${count("verified")} verified, ${count("still-running")} still running, ${count("diverged")} diverged`;
  return [...reports.map(formatReplayReport), summary].join("\n");
}
