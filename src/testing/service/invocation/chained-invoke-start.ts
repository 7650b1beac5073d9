/**
 * Starting the target of a chained invoke: a durable target becomes a child execution, a
 * plain handler is called, an unknown name fails the operation. As on the service, the
 * target runs asynchronously: its launch waits until the invoking invocation ends or makes
 * its next checkpoint call (see `ExecutionRecord.deferLaunch`).
 */
import type { Operation, OperationUpdate } from "../../../types/wire";
import { completeInvoke } from "./chained-invoke-completion";
import type { ExecutionRecord } from "../state/execution-record";
import { startExecution } from "../state/execution-start";
import { callPlainHandler } from "./function-invoker";
import { functionArn, newUuid, parseFunctionReference } from "../protocol/identifiers";
import { createLambdaContext } from "./lambda-context";
import type { ServiceCore } from "../service-core";

/** Starts the target of a new chained-invoke operation; returns what ChainedInvokeStarted reports. */
export function startChainedInvoke(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  update: OperationUpdate,
): { ExecutedVersion?: string; DurableExecutionArn?: string } {
  const ref = update.ChainedInvokeOptions?.FunctionName as string;
  const parsed = parseFunctionReference(ref);
  const target = core.store.resolveFunction(ref, exec.scope);
  if (!target) {
    exec.deferLaunch(() =>
      core.runtime.later(() => {
        for (const o of exec.observers) o.onUnknownFunction?.(ref);
        completeInvoke(core, exec, op, "FAILED", {
          error: {
            ErrorType: "ResourceNotFoundException",
            ErrorMessage: `Function not found: ${functionArn(core.arnSettings, parsed.name)}${parsed.qualifier ? `:${parsed.qualifier}` : ""}`,
          },
        });
      }),
    );
    return {};
  }
  if (target.kind === "durable") {
    const started = startExecution(
      core,
      {
        FunctionName: parsed.name,
        Qualifier: parsed.qualifier,
        Payload: update.Payload,
        TenantId: update.ChainedInvokeOptions?.TenantId,
      },
      { handler: target, functions: exec.scope },
      { execution: exec, operationId: op.Id },
      (firstInvocation) => exec.deferLaunch(firstInvocation),
    );
    core.store.linkChild(op, started.DurableExecutionArn);
    return {
      ExecutedVersion: parsed.qualifier ?? "$LATEST",
      DurableExecutionArn: started.DurableExecutionArn,
    };
  }
  exec.targetStarted();
  exec.deferLaunch(() =>
    core.runtime.later(() => {
      void callPlainHandler(
        target.handler,
        parsePayload(update.Payload),
        createLambdaContext(newUuid(), parsed.name),
      ).then((outcome) => {
        exec.targetEnded();
        if (outcome.error) completeInvoke(core, exec, op, "FAILED", { error: outcome.error });
        else completeInvoke(core, exec, op, "SUCCEEDED", { result: outcome.result });
        core.runtime.scheduler.kick();
      });
    }),
  );
  return { ExecutedVersion: parsed.qualifier ?? "$LATEST" };
}

/** The event a plain target receives: the payload as JSON, the raw text if it is not JSON. */
function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return {};
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
