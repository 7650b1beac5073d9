/** `GetDurableExecutionHistory` paging, forwards or in reverse. */
import type { ExecutionRecord } from "../state/execution-record";
import { copyEvent, type Event, withoutExecutionData } from "../state/history-event";
import { encodeMarker } from "../protocol/identifiers";
import { markerPosition, pageSize } from "../protocol/paging";
import type {
  GetDurableExecutionHistoryRequest,
  GetDurableExecutionHistoryResponse,
} from "./service-types";

/** One page of an execution's history, as copies, with a `NextMarker` when more remain. */
export function historyPage(
  exec: ExecutionRecord,
  request: GetDurableExecutionHistoryRequest,
): GetDurableExecutionHistoryResponse {
  const maxItems = pageSize(request.MaxItems, 0, 1000);
  const reverse = request.ReverseOrder ?? false;
  const kind = reverse ? "history-r" : "history";
  const from = markerPosition(request.Marker, kind, exec.id);
  const total = exec.history.length;
  const events: Event[] = [];
  const include = request.IncludeExecutionData ?? true;
  let i = from;
  for (; i < total && events.length < maxItems; i++) {
    const event = exec.history[reverse ? total - 1 - i : i];
    events.push(include ? copyEvent(event) : withoutExecutionData(event));
  }
  const response: GetDurableExecutionHistoryResponse = { Events: events };
  if (i < total) response.NextMarker = encodeMarker({ kind, owner: exec.id, position: i });
  return response;
}
