/**
 * The Lambda `Invoke` call on the HTTP face: invocation types, a plain function called as
 * Lambda would, a durable function started as an execution (and, for `RequestResponse`,
 * awaited), and function errors reported as Lambda reports them.
 */
import { randomUUID } from "node:crypto";
import type { ErrorObject } from "../../types/wire";
import type { DurableExecutionService } from "../service/durable-execution-service";
import { callPlainHandler } from "../service/invocation/function-invoker";
import { createLambdaContext } from "../service/invocation/lambda-context";
import { header, jsonPayload, type ParsedRequest } from "./request-parsing";
import { invalidParameter, type Reply } from "./replies";

const INVOCATION_TYPES = new Set(["Event", "RequestResponse", "DryRun"]);

/** Serves `POST /2015-03-31/functions/{FunctionName}/invocations`. */
export async function invoke(
  service: DurableExecutionService,
  request: ParsedRequest,
): Promise<Reply> {
  const functionName = request.labels.FunctionName;
  const invocationType = header(request.headers, "x-amz-invocation-type") ?? "RequestResponse";
  if (!INVOCATION_TYPES.has(invocationType)) {
    throw invalidParameter(
      `Invalid value for X-Amz-Invocation-Type: ${invocationType} (expected Event, RequestResponse or DryRun).`,
    );
  }
  const payload = request.body.toString("utf8");
  const event = jsonPayload(payload);
  const qualifier = request.query.string("Qualifier");
  service.checkQualifier(functionName, qualifier);
  const fn = service.resolveFunction(
    qualifier === undefined ? functionName : `${functionName}:${qualifier}`,
  );
  if (invocationType === "DryRun") {
    if (!fn) {
      // Let the service word the not-found error.
      await service.startDurableExecution({ FunctionName: functionName, Qualifier: qualifier });
    }
    return { status: 204 };
  }

  if (fn?.kind === "plain") {
    // A plain function is simply called, as Lambda would.
    const run = callPlainHandler(
      fn.handler,
      event,
      createLambdaContext(randomUUID(), functionName),
    );
    if (invocationType === "Event") {
      void run;
      return { status: 202 };
    }
    const outcome = await run;
    if (outcome.error) return functionError(outcome.error, {});
    return { status: 200, body: outcome.result ?? "null", contentType: "application/json" };
  }

  const started = await service.startDurableExecution({
    FunctionName: functionName,
    Qualifier: qualifier,
    Payload: payload,
    DurableExecutionName: header(request.headers, "x-amz-durable-execution-name"),
    InvocationType: invocationType as "Event" | "RequestResponse",
    TenantId: header(request.headers, "x-amz-tenant-id"),
  });
  const arn = started.DurableExecutionArn;
  const description = await service.getDurableExecution({
    DurableExecutionArn: arn,
    IncludeExecutionData: false,
  });
  const headers = {
    "X-Amz-Durable-Execution-Arn": arn,
    "X-Amz-Executed-Version": description.Version,
  };
  if (invocationType === "Event") return { status: 202, headers };
  const done = await service.waitForExecution(arn);
  if (done.Status === "SUCCEEDED") {
    return { status: 200, body: done.Result ?? "null", contentType: "application/json", headers };
  }
  return functionError(
    done.Error ?? { ErrorType: done.Status, ErrorMessage: `Durable execution ${done.Status}.` },
    headers,
  );
}

/** A function error as Lambda reports it: 200, `X-Amz-Function-Error`, error JSON payload. */
function functionError(error: ErrorObject, headers: Record<string, string>): Reply {
  const payload: Record<string, unknown> = {
    errorType: error.ErrorType,
    errorMessage: error.ErrorMessage,
  };
  if (error.StackTrace) payload.trace = error.StackTrace;
  return {
    status: 200,
    body: JSON.stringify(payload),
    contentType: "application/json",
    headers: { ...headers, "X-Amz-Function-Error": "Unhandled" },
  };
}
