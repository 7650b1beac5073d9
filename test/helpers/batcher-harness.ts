/**
 * A checkpoint batcher on a client the test answers by hand (shared by the batcher's unit
 * tests). Ordering comes from the event loop (setImmediate turns) and from promises the test
 * holds, never from sleeps.
 */
import { CheckpointBatcher } from "../../src/checkpoint/checkpoint-batcher";
import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  OperationUpdate,
} from "../../src/types/wire";

/** Lets `n` macrotasks run. */
export const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** One checkpoint call the test has not answered yet. */
export interface HeldCall {
  request: CheckpointDurableExecutionRequest;
  answer: (response: CheckpointDurableExecutionResponse) => void;
  fail: (error: unknown) => void;
}

/** A client whose checkpoint calls stay open until the test answers or fails them. */
export function heldClient(): { client: DurableExecutionClient; calls: HeldCall[] } {
  const calls: HeldCall[] = [];
  const client: DurableExecutionClient = {
    checkpoint: (request) => new Promise((answer, fail) => calls.push({ request, answer, fail })),
    getExecutionState: async () => ({ Operations: [] }),
  };
  return { client, calls };
}

/** A STEP update: START, or SUCCEED with `payload`. */
export const update = (id: string, payload?: string): OperationUpdate => ({
  Id: id,
  Type: "STEP",
  SubType: "Step",
  Action: payload === undefined ? "START" : "SUCCEED",
  ...(payload === undefined ? {} : { Payload: payload }),
});

/** A batcher for execution `arn:exec` starting at `token-0`; its hooks append to `events`. */
export function batcherWith(client: DurableExecutionClient) {
  const events: string[] = [];
  const batcher = new CheckpointBatcher(client, "arn:exec", "token-0", {
    onResponse: (r) => events.push(`response ${r.CheckpointToken}`),
    onIdle: () => events.push("idle"),
    onFailure: (e) => events.push(`failure ${(e as Error).message}`),
  });
  return { batcher, events };
}

/** Tracks whether a promise settled, without awaiting it. */
export function track(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  void promise.then(() => (state.settled = true));
  return state;
}
