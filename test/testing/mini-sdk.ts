/**
 * A deliberately tiny stand-in for the SDK (sequential step / wait / callback / invoke with
 * replay), used to exercise the runner without depending on the real SDK.
 */
import { createHash } from "node:crypto";
import type { DurableLambdaHandler } from "../../src/testing/service/api/service-types";

const SUSPEND = Symbol("suspend");

export interface MiniContext {
  step<T>(
    name: string | undefined,
    fn: () => Promise<T> | T,
    options?: { separateStart?: boolean },
  ): Promise<T>;
  wait(name: string | undefined, seconds: number): Promise<void>;
  callback(
    name: string | undefined,
    options?: { timeout?: number; heartbeat?: number },
  ): Promise<string | undefined>;
  invoke(name: string | undefined, functionName: string, input?: unknown): Promise<unknown>;
}

export function hashId(raw: string): string {
  return createHash("md5").update(raw).digest("hex").slice(0, 16);
}

/** Wraps a handler written against {@link MiniContext} into a durable handler. */
export function miniDurable(
  fn: (input: any, ctx: MiniContext) => Promise<unknown>,
): DurableLambdaHandler {
  return async (event: any) => {
    const client = event.durableExecutionClient;
    const arn = event.DurableExecutionArn;
    let token = event.CheckpointToken;
    const ops = new Map<string, any>();
    for (const op of event.InitialExecutionState.Operations) ops.set(op.Id, op);
    let marker = event.InitialExecutionState.NextMarker;
    while (marker) {
      const page = await client.getExecutionState({
        DurableExecutionArn: arn,
        CheckpointToken: token,
        Marker: marker,
        MaxItems: 1000,
      });
      for (const op of page.Operations) ops.set(op.Id, op);
      marker = page.NextMarker;
    }
    const executionOp = event.InitialExecutionState.Operations[0];
    const input = JSON.parse(executionOp.ExecutionDetails.InputPayload);
    let counter = 0;
    const send = async (updates: any[]) => {
      const r = await client.checkpoint({
        DurableExecutionArn: arn,
        CheckpointToken: token,
        Updates: updates,
      });
      token = r.CheckpointToken;
      for (const op of r.NewExecutionState.Operations ?? []) ops.set(op.Id, op);
    };
    const named = (name: string | undefined) => (name === undefined ? {} : { Name: name });
    const ctx: MiniContext = {
      async step(name, body, options) {
        const id = hashId(String(++counter));
        const op = ops.get(id);
        if (op?.Status === "SUCCEEDED")
          return op.StepDetails?.Result === undefined
            ? undefined
            : JSON.parse(op.StepDetails.Result);
        if (op?.Status === "FAILED")
          throw Object.assign(new Error(op.StepDetails.Error.ErrorMessage), { name: "StepError" });
        const start = { Id: id, Type: "STEP", SubType: "Step", Action: "START", ...named(name) };
        const pending: any[] = [];
        if (op?.Status !== "STARTED") {
          if (options?.separateStart) await send([start]);
          else pending.push(start);
        }
        try {
          const value = await body();
          const succeed: any = {
            Id: id,
            Type: "STEP",
            SubType: "Step",
            Action: "SUCCEED",
            ...named(name),
          };
          if (value !== undefined) succeed.Payload = JSON.stringify(value);
          await send([...pending, succeed]);
          return value;
        } catch (e: any) {
          await send([
            ...pending,
            {
              Id: id,
              Type: "STEP",
              SubType: "Step",
              Action: "FAIL",
              ...named(name),
              Error: { ErrorType: e.name, ErrorMessage: e.message },
            },
          ]);
          throw Object.assign(new Error(e.message), { name: "StepError" });
        }
      },
      async wait(name, seconds) {
        const id = hashId(String(++counter));
        const op = ops.get(id);
        if (op?.Status === "SUCCEEDED") return;
        if (!op)
          await send([
            {
              Id: id,
              Type: "WAIT",
              SubType: "Wait",
              Action: "START",
              ...named(name),
              WaitOptions: { WaitSeconds: seconds },
            },
          ]);
        if (ops.get(id)?.Status === "SUCCEEDED") return;
        throw SUSPEND;
      },
      async callback(name, options) {
        const id = hashId(String(++counter));
        let op = ops.get(id);
        if (!op) {
          await send([
            {
              Id: id,
              Type: "CALLBACK",
              SubType: "Callback",
              Action: "START",
              ...named(name),
              CallbackOptions: {
                TimeoutSeconds: options?.timeout,
                HeartbeatTimeoutSeconds: options?.heartbeat,
              },
            },
          ]);
          op = ops.get(id);
        }
        if (op.Status === "SUCCEEDED") return op.CallbackDetails.Result;
        if (op.Status === "FAILED" || op.Status === "TIMED_OUT") {
          throw Object.assign(
            new Error(op.CallbackDetails.Error?.ErrorMessage ?? "Callback failed"),
            {
              name: op.Status === "FAILED" ? "CallbackExternalError" : "CallbackTimeoutError",
            },
          );
        }
        throw SUSPEND;
      },
      async invoke(name, functionName, payload) {
        const id = hashId(String(++counter));
        const op = ops.get(id);
        if (!op) {
          await send([
            {
              Id: id,
              Type: "CHAINED_INVOKE",
              SubType: "ChainedInvoke",
              Action: "START",
              ...named(name),
              Payload: payload === undefined ? undefined : JSON.stringify(payload),
              ChainedInvokeOptions: { FunctionName: functionName },
            },
          ]);
          throw SUSPEND;
        }
        if (op.Status === "SUCCEEDED")
          return op.ChainedInvokeDetails?.Result === undefined
            ? undefined
            : JSON.parse(op.ChainedInvokeDetails.Result);
        if (op.Status === "STARTED") throw SUSPEND;
        throw Object.assign(
          new Error(op.ChainedInvokeDetails?.Error?.ErrorMessage ?? "Invoke failed"),
          { name: "InvokeError" },
        );
      },
    };
    try {
      const result = await fn(input, ctx);
      return result === undefined
        ? ({ Status: "SUCCEEDED" } as any)
        : ({ Status: "SUCCEEDED", Result: JSON.stringify(result) } as any);
    } catch (e: any) {
      if (e === SUSPEND) return { Status: "PENDING" } as any;
      return { Status: "FAILED", Error: { ErrorType: e.name, ErrorMessage: e.message } } as any;
    }
  };
}
