/**
 * Progress lines of real-time runs (`run --no-skip-time`, `serve`): one line as each
 * operation starts and ends, from the execution's history events as the service records them.
 */
import type { Event } from "../testing/service/state/history-event";
import { formatDuration, truncate } from "./text-table";

const PHASES = ["Started", "Succeeded", "Failed", "TimedOut", "Stopped", "Cancelled"] as const;

/** Formats events of one execution as progress lines; `label` prefixes each line. */
export function progressPrinter(
  print: (line: string) => void,
  label?: string,
): (event: Event) => void {
  let origin: number | undefined;
  return (event) => {
    const at = event.EventTimestamp?.getTime() ?? Date.now();
    origin ??= at;
    const line = describe(event);
    if (line === undefined) return;
    const when = `+${formatDuration(at - origin)}`;
    print(`[${label ? `${label} ` : ""}${when}] ${line}`);
  };
}

/** One event as a sentence, or undefined for events that are not worth a line. */
export function describe(event: Event): string | undefined {
  const type = event.EventType ?? "";
  const details = (event as Record<string, unknown>)[`${type}Details`] as
    Record<string, any> | undefined;
  if (type === "InvocationCompleted") {
    const d = details ?? {};
    const took =
      d.StartTimestamp && d.EndTimestamp
        ? ` after ${formatDuration(new Date(d.EndTimestamp).getTime() - new Date(d.StartTimestamp).getTime())}`
        : "";
    const error = d.Error?.Payload ? ` with error ${errorText(d.Error.Payload)}` : "";
    return `invocation ended${took}${error}`;
  }
  const phase = PHASES.find((p) => type.endsWith(p));
  if (!phase) return undefined;
  const kind = type.slice(0, -phase.length);
  if (kind === "Execution") {
    return phase === "Started" ? "execution started" : `execution ${phase.toLowerCase()}`;
  }
  const who = `${kind.replace("ChainedInvoke", "Invoke").toLowerCase()} ${event.Name ? `"${event.Name}"` : (event.Id ?? "").slice(0, 8)}`;
  const extra: string[] = [];
  if (details?.Duration !== undefined && phase === "Started")
    extra.push(`for ${formatDuration(details.Duration * 1000)}`);
  if (details?.FunctionName) extra.push(`function ${details.FunctionName}`);
  const retry = details?.RetryDetails;
  if (retry?.CurrentAttempt !== undefined && phase !== "Started")
    extra.push(`attempt ${retry.CurrentAttempt}`);
  if (details?.Error?.Payload) extra.push(errorText(details.Error.Payload));
  if (retry?.NextAttemptDelaySeconds !== undefined)
    extra.push(`retry in ${formatDuration(retry.NextAttemptDelaySeconds * 1000)}`);
  const verb = phase === "TimedOut" ? "timed out" : phase.toLowerCase();
  return `${who} ${verb}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

function errorText(error: { ErrorType?: string; ErrorMessage?: string }): string {
  return truncate(
    `${error.ErrorType ? `${error.ErrorType}: ` : ""}${error.ErrorMessage ?? ""}`,
    80,
  );
}
