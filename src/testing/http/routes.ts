/**
 * The route table of the HTTP face: each REST operation of the Lambda durable execution API
 * (and Lambda `Invoke`) with its method, path pattern, and the service call it makes.
 */
import type { DurableExecutionService } from "../service/durable-execution-service";
import type { ExecutionStatusValue } from "../service/api/service-types";
import { invoke } from "./lambda-invoke";
import { jsonBody, optionalErrorObject, type ParsedRequest } from "./request-parsing";
import { ok, type Reply } from "./replies";

/** Names of the operations the HTTP face serves. */
export type HttpOperationName =
  | "CheckpointDurableExecution"
  | "GetDurableExecutionState"
  | "GetDurableExecution"
  | "GetDurableExecutionHistory"
  | "StopDurableExecution"
  | "ListDurableExecutionsByFunction"
  | "SendDurableExecutionCallbackSuccess"
  | "SendDurableExecutionCallbackFailure"
  | "SendDurableExecutionCallbackHeartbeat"
  | "Invoke";

/** The Lambda API version prefix of the durable execution operations. */
export const DURABLE_API_VERSION = "2025-12-01";
/** The Lambda API version prefix of `Invoke`. */
export const INVOKE_API_VERSION = "2015-03-31";

/** One operation of the HTTP face: method, path pattern and handler. */
export interface Route {
  readonly method: string;
  /** Literal segments, or `{Label}` for a path label. */
  readonly pattern: readonly string[];
  readonly operation: HttpOperationName;
  readonly handle: (service: DurableExecutionService, request: ParsedRequest) => Promise<Reply>;
}

const D = DURABLE_API_VERSION;
const EXECUTIONS = "durable-executions";
const CALLBACKS = "durable-execution-callbacks";

/** Every operation the HTTP face serves. */
const ROUTES: readonly Route[] = [
  {
    method: "POST",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "checkpoint"],
    operation: "CheckpointDurableExecution",
    handle: async (service, ctx) => {
      const body = jsonBody(ctx.body);
      return ok(
        await service.checkpointDurableExecution({
          DurableExecutionArn: ctx.labels.DurableExecutionArn,
          CheckpointToken: body.CheckpointToken as string | undefined,
          Updates: body.Updates as never,
          ClientToken: body.ClientToken as string | undefined,
        }),
      );
    },
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "state"],
    operation: "GetDurableExecutionState",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecutionState({
          DurableExecutionArn: labels.DurableExecutionArn,
          CheckpointToken: query.string("CheckpointToken"),
          Marker: query.string("Marker"),
          MaxItems: query.integer("MaxItems"),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}"],
    operation: "GetDurableExecution",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecution({
          DurableExecutionArn: labels.DurableExecutionArn,
          IncludeExecutionData: query.boolean("IncludeExecutionData"),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "history"],
    operation: "GetDurableExecutionHistory",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecutionHistory({
          DurableExecutionArn: labels.DurableExecutionArn,
          IncludeExecutionData: query.boolean("IncludeExecutionData"),
          MaxItems: query.integer("MaxItems"),
          Marker: query.string("Marker"),
          ReverseOrder: query.boolean("ReverseOrder"),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "stop"],
    operation: "StopDurableExecution",
    handle: async (service, { labels, body }) =>
      ok(
        await service.stopDurableExecution({
          DurableExecutionArn: labels.DurableExecutionArn,
          Error: optionalErrorObject(body),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, "functions", "{FunctionName}", EXECUTIONS],
    operation: "ListDurableExecutionsByFunction",
    handle: async (service, { labels, query }) =>
      ok(
        await service.listDurableExecutionsByFunction({
          FunctionName: labels.FunctionName,
          Qualifier: query.string("Qualifier"),
          DurableExecutionName: query.string("DurableExecutionName"),
          Statuses: query.list("Statuses") as ExecutionStatusValue[] | undefined,
          StartedAfter: query.timestamp("StartedAfter"),
          StartedBefore: query.timestamp("StartedBefore"),
          ReverseOrder: query.boolean("ReverseOrder"),
          Marker: query.string("Marker"),
          MaxItems: query.integer("MaxItems"),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "succeed"],
    operation: "SendDurableExecutionCallbackSuccess",
    handle: async (service, { labels, body }) =>
      ok(
        await service.sendDurableExecutionCallbackSuccess({
          CallbackId: labels.CallbackId,
          // The result is the raw HTTP payload, whatever its content type.
          Result: body.length === 0 ? undefined : new Uint8Array(body),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "fail"],
    operation: "SendDurableExecutionCallbackFailure",
    handle: async (service, { labels, body }) =>
      ok(
        await service.sendDurableExecutionCallbackFailure({
          CallbackId: labels.CallbackId,
          Error: optionalErrorObject(body),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "heartbeat"],
    operation: "SendDurableExecutionCallbackHeartbeat",
    handle: async (service, { labels }) =>
      ok(await service.sendDurableExecutionCallbackHeartbeat({ CallbackId: labels.CallbackId })),
  },
  {
    method: "POST",
    pattern: [INVOKE_API_VERSION, "functions", "{FunctionName}", "invocations"],
    operation: "Invoke",
    handle: invoke,
  },
];

/** Methods of the routes whose path matches `segments` (for 405 answers). */
export function allowedMethods(segments: readonly string[]): string[] {
  const methods = new Set<string>();
  for (const route of ROUTES) {
    if (matchRoute(route.method, segments)?.route === route) methods.add(route.method);
  }
  return [...methods];
}

/** The route serving `method` on `segments`, with the path labels it decodes. */
export function matchRoute(
  method: string,
  segments: readonly string[],
): { route: Route; labels: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const part = route.pattern[i];
      if (part.startsWith("{")) labels[part.slice(1, -1)] = segments[i];
      else matched = part === segments[i];
    }
    if (matched) return { route, labels };
  }
  return undefined;
}
