/**
 * Reading an execution history saved as JSON: what `aws lambda get-durable-execution-history`
 * prints, a `GetDurableExecutionHistory` answer, a list of such pages, or a bare event list.
 */
import type { Event } from "../service/state/history-event";
import { toMillis } from "./model";

const DATE_KEYS = new Set([
  "EventTimestamp",
  "StartTimestamp",
  "EndTimestamp",
  "ScheduledEndTimestamp",
]);

/**
 * Extracts the history events from parsed JSON, turning timestamps (ISO strings or epoch
 * seconds) into `Date`s. Throws when the value holds no event list.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readHistoryEvents, renderTimelineHtml } from "@aws/durable-execution-sdk-js/testing";
 *
 * const events = readHistoryEvents(JSON.parse(readFileSync("history.json", "utf8")));
 * const html = renderTimelineHtml(events);
 * ```
 */
export function readHistoryEvents(json: unknown): Event[] {
  const pages = Array.isArray(json) && json.every(isPage) ? json : [json];
  const events: unknown[] = [];
  for (const page of pages) {
    if (Array.isArray(page)) events.push(...page);
    else if (isPage(page)) events.push(...(page as { Events: unknown[] }).Events);
    else
      throw new Error(
        'not an execution history: expected an object with an "Events" list, or a list of events',
      );
  }
  return events.map((e) => withDates(e) as Event);
}

function isPage(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as { Events?: unknown }).Events)
  );
}

function withDates(value: unknown, key?: string): unknown {
  if (key !== undefined && DATE_KEYS.has(key)) {
    const ms = toMillis(value);
    return ms === undefined ? value : new Date(ms);
  }
  if (Array.isArray(value)) return value.map((v) => withDates(v));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withDates(v, k);
    return out;
  }
  return value;
}
