/**
 * Test helpers: drive the embedded service with hand-written checkpoint requests, without
 * the SDK. A "controlled" function parks every invocation until the test ends it.
 */
import type { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type { DurableExecutionInvocationOutput } from "../../src/types/invocation";
import { InvocationStatus } from "../../src/types/invocation";
import type {
  CheckpointDurableExecutionResponse,
  Operation,
  OperationUpdate,
  WireOperation,
} from "../../src/types/wire";
import type { DurableExecutionService } from "../../src/testing/service/durable-execution-service";
import type {
  DurableLambdaHandler,
  StartExecutionOptions,
} from "../../src/testing/service/api/service-types";

/** One parked invocation. */
export interface Invocation {
  event: DurableExecutionInvocationInputWithClient & { UpdatedOperationIds?: string[] };
  context: { awsRequestId: string };
  /** Current checkpoint token (advanced by `checkpoint`). */
  token: string;
  /** Sends a checkpoint through the invocation's in-process client. */
  checkpoint(
    updates: OperationUpdate[],
    clientToken?: string,
  ): Promise<CheckpointDurableExecutionResponse>;
  /** Ends the invocation with an output. */
  end(output: DurableExecutionInvocationOutput | unknown): void;
  /** Ends the invocation by throwing. */
  crash(error: unknown): void;
  /** Operations of the envelope. */
  ops: WireOperation[];
}

/** A queue of invocations of a controlled function. */
export class Controlled {
  private readonly queue: Invocation[] = [];
  private readonly waiting: ((inv: Invocation) => void)[] = [];

  readonly handler: DurableLambdaHandler = (event: any, context: any) =>
    new Promise((resolve, reject) => {
      const inv: Invocation = {
        event,
        context,
        token: event.CheckpointToken,
        ops: event.InitialExecutionState.Operations,
        checkpoint: async (updates, clientToken) => {
          const response = await event.durableExecutionClient.checkpoint({
            DurableExecutionArn: event.DurableExecutionArn,
            CheckpointToken: inv.token,
            Updates: updates,
            ClientToken: clientToken,
          });
          inv.token = response.CheckpointToken as string;
          return response;
        },
        end: (output) => resolve(output as DurableExecutionInvocationOutput),
        crash: (error) => reject(error),
      };
      const w = this.waiting.shift();
      if (w) w(inv);
      else this.queue.push(inv);
    });

  /** Invocations started and not yet taken with `next()`. */
  get parked(): number {
    return this.queue.length;
  }

  /** The next invocation (waits for it). */
  next(): Promise<Invocation> {
    const inv = this.queue.shift();
    if (inv) return Promise.resolve(inv);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

let counter = 0;

/** Registers a controlled function and starts an execution of it. */
export async function startControlled(
  service: DurableExecutionService,
  payload?: string,
  options: StartExecutionOptions & { name?: string; timeout?: number } = {},
): Promise<{ arn: string; fn: Controlled; first: Invocation }> {
  const fn = new Controlled();
  const name = `controlled-${++counter}`;
  service.registerDurableFunction(name, fn.handler);
  const { DurableExecutionArn } = await service.startDurableExecution(
    {
      FunctionName: name,
      Payload: payload,
      DurableExecutionName: options.name,
      ExecutionTimeout: options.timeout,
    },
    options,
  );
  const first = await fn.next();
  return { arn: DurableExecutionArn, fn, first };
}

/** Output helpers. */
export const PENDING = { Status: InvocationStatus.PENDING } as DurableExecutionInvocationOutput;
export const succeeded = (result?: string) =>
  ({ Status: InvocationStatus.SUCCEEDED, Result: result }) as DurableExecutionInvocationOutput;

/** Wire ids of PROTOCOL §4.2. */
export const ID = {
  op1: "c4ca4238a0b92382",
  op2: "c81e728d9d4c2f63",
  op3: "eccbc87e4b5ce2fe",
  op4: "a87ff679a2f3e71d",
  c1_1: "ea66c06c1e1c05fa",
  c1_2: "98c6f2c2287f4c73",
};

/** Builds a STEP update. */
export function step(
  id: string,
  action: OperationUpdate["Action"],
  extra: Partial<OperationUpdate> = {},
): OperationUpdate {
  return { Id: id, Type: "STEP", SubType: "Step", Action: action, ...extra };
}

/** Strips timestamps and volatile ids from events for comparison with hand-written histories. */
export function shape(events: any[]): any[] {
  return events.map((e) => {
    const { EventTimestamp: _t, ...rest } = e;
    const details = Object.keys(rest).find((k) => k.endsWith("Details"));
    if (details && rest[details]) {
      const d = { ...rest[details] };
      for (const k of [
        "StartTimestamp",
        "EndTimestamp",
        "RequestId",
        "ScheduledEndTimestamp",
        "CallbackId",
        "DurableExecutionArn",
      ]) {
        if (k in d) d[k] = "<any>";
      }
      rest[details] = d;
    }
    if (e.EventType?.startsWith("Execution")) rest.Id = "<exec>";
    return rest;
  });
}

/** Finds an operation by id in a list. */
export function opById(ops: (Operation | WireOperation)[] | undefined, id: string) {
  return ops?.find((o) => o.Id === id);
}

/** Flushes pending macrotasks (setImmediate) a few times. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
