/** `ListDurableExecutionsByFunction`: filters, newest-first order and paging. */
import { summarizeExecution } from "./execution-description";
import { EXECUTION_STATUSES } from "./execution-status";
import { encodeMarker, functionArn, requireFunctionReference } from "../protocol/identifiers";
import { markerPosition, pageSize } from "../protocol/paging";
import type { ServiceCore } from "../service-core";
import { invalidParameter, resourceNotFound } from "../protocol/service-errors";
import type {
  ListDurableExecutionsByFunctionRequest,
  ListDurableExecutionsByFunctionResponse,
} from "./service-types";

/** One page of a function's executions matching the request's filters. */
export function listExecutions(
  core: ServiceCore,
  request: ListDurableExecutionsByFunctionRequest,
): ListDurableExecutionsByFunctionResponse {
  const ref = requireFunctionReference(request?.FunctionName);
  const all = core.store.executionsOf(ref.name);
  if (!all && !core.store.hasFunction(ref.name)) {
    throw resourceNotFound(`Function not found: ${functionArn(core.arnSettings, ref.name)}`);
  }
  const maxItems = pageSize(request.MaxItems, 1, 1000);
  const statuses = request.Statuses;
  if (statuses !== undefined) {
    if (!Array.isArray(statuses) || statuses.length < 1 || statuses.length > 10) {
      throw invalidParameter("Invalid value for Statuses: must list 1-10 execution statuses.");
    }
    for (const s of statuses) {
      if (!EXECUTION_STATUSES.includes(s))
        throw invalidParameter(`Invalid value for Statuses: unknown status ${s}.`);
    }
  }
  const qualifier = request.Qualifier ?? ref.qualifier;
  const after = request.StartedAfter?.getTime();
  const before = request.StartedBefore?.getTime();
  const matching = (all ?? []).filter(
    (e) =>
      (qualifier === undefined || e.version === qualifier) &&
      (request.DurableExecutionName === undefined || e.name === request.DurableExecutionName) &&
      (statuses === undefined || statuses.includes(e.status)) &&
      (after === undefined || e.start.getTime() > after) &&
      (before === undefined || e.start.getTime() < before),
  );
  if (!request.ReverseOrder) matching.reverse();
  const owner = ref.name;
  const from = markerPosition(request.Marker, "list", owner);
  const page = matching.slice(from, from + maxItems).map(summarizeExecution);
  const response: ListDurableExecutionsByFunctionResponse = { DurableExecutions: page };
  if (from + maxItems < matching.length) {
    response.NextMarker = encodeMarker({ kind: "list", owner, position: from + maxItems });
  }
  return response;
}
