/**
 * Reads an execution's history with `GetDurableExecutionHistory` incrementally: every call
 * follows `NextMarker` across pages and returns only the events not returned before. The
 * last page is read again next time, because the history grows at its end.
 */
import { GetDurableExecutionHistoryCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { Event } from "../service/state/history-event";
import { withRetries } from "./with-retries";

/** Largest page the service returns. */
export const HISTORY_PAGE_SIZE = 1000;

/** Incremental reader of one execution's history. *
 * @example
 * ```ts
 * const reader = new HistoryReader(client, arn);
 * const first = await reader.readNew(); // everything so far
 * const later = await reader.readNew(); // only what was recorded since
 * ```
 */
export class HistoryReader {
  /** Marker of the page the next read starts at (`undefined`: the first page). */
  private marker: string | undefined;
  /** Events of that page already returned. */
  private seenOnPage = 0;

  constructor(
    private readonly client: LambdaClient,
    private readonly durableExecutionArn: string,
    private readonly pageSize: number = HISTORY_PAGE_SIZE,
    private readonly retryPauses?: readonly number[],
  ) {}

  /** The events recorded since the previous call, oldest first. */
  async readNew(): Promise<Event[]> {
    const fresh: Event[] = [];
    for (;;) {
      const marker = this.marker;
      const page = await withRetries(
        () =>
          this.client.send(
            new GetDurableExecutionHistoryCommand({
              DurableExecutionArn: this.durableExecutionArn,
              IncludeExecutionData: true,
              MaxItems: this.pageSize,
              Marker: marker,
            }),
          ),
        this.retryPauses,
      );
      const events = (page.Events ?? []) as Event[];
      fresh.push(...events.slice(this.seenOnPage));
      if (!page.NextMarker || events.length === 0) {
        this.seenOnPage = Math.max(this.seenOnPage, events.length);
        return fresh;
      }
      this.marker = page.NextMarker;
      this.seenOnPage = 0;
    }
  }
}
