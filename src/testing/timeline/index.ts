/**
 * The execution timeline: a self-contained HTML picture of one durable execution on its time
 * axis, built from the execution's history events.
 */
import type { Event } from "../service/state/history-event";
import { buildTimelineModel } from "./model";
import { renderTimelinePage, type TimelineOptions } from "./render-html";

export type { TimelineOptions } from "./render-html";
export { readHistoryEvents } from "./history-file";

/**
 * Renders the timeline of one execution as a self-contained HTML page (inline SVG, CSS and a
 * tooltip script; no network). `events` are the execution's history events: those of
 * `TestResult.getHistoryEvents()`, or the `Events` of `GetDurableExecutionHistory` answers
 * of the real service (see {@link readHistoryEvents} for JSON files).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { renderTimelineHtml } from "@aws/durable-execution-sdk-js/testing";
 *
 * const result = await runner.run({ payload: { orderId: "42" } });
 * writeFileSync("order.html", renderTimelineHtml(result.getHistoryEvents(), { title: "order 42" }));
 * ```
 */
export function renderTimelineHtml(events: readonly Event[], options?: TimelineOptions): string {
  return renderTimelinePage(buildTimelineModel(events), options);
}
