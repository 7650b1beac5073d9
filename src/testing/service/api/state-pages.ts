/**
 * Pages of the operations an invocation may see: start order, without the
 * descendants of completed contexts that do not replay their children.
 */
import type { GetDurableExecutionStateResponse, Operation } from "../../../types/wire";
import { copyOperation, type ExecutionRecord } from "../state/execution-record";
import { encodeMarker } from "../protocol/identifiers";

/** Up to `maxItems` visible operations from start-order position `fromPosition`, with a `NextMarker`. */
export function statePage(
  exec: ExecutionRecord,
  fromPosition: number,
  maxItems: number,
): GetDurableExecutionStateResponse {
  const pruned = visibleOperations(exec);
  let start = 0;
  if (fromPosition > 0) {
    // binary search the first operation at or after the marker's position
    let lo = 0;
    let hi = pruned.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (exec.positionOf(pruned[mid].Id) < fromPosition) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = pruned.slice(start, start + maxItems);
  const response: GetDurableExecutionStateResponse = { Operations: page.map(copyOperation) };
  const next = pruned[start + maxItems];
  if (next) {
    response.NextMarker = encodeMarker({
      kind: "state",
      owner: exec.id,
      position: exec.positionOf(next.Id),
    });
  }
  return response;
}

function visibleOperations(exec: ExecutionRecord): Operation[] {
  const omitted = new Set<string>();
  const out: Operation[] = [];
  for (const op of exec.order) {
    const parentId = op.ParentId;
    if (parentId !== undefined) {
      if (omitted.has(parentId)) {
        omitted.add(op.Id);
        continue;
      }
      const parent = exec.operations.get(parentId);
      if (
        parent?.Type === "CONTEXT" &&
        (parent.Status === "SUCCEEDED" || parent.Status === "FAILED") &&
        parent.ContextDetails?.ReplayChildren !== true
      ) {
        omitted.add(op.Id);
        continue;
      }
    }
    out.push(op);
  }
  return out;
}
