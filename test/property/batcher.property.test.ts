/**
 * The checkpoint batcher against a model: FIFO order, one request per burst of updates made
 * in one synchronous stretch (split greedily at 250 updates / 750 KiB), each request carrying
 * the token of the previous response, and every update acknowledged once sent.
 */
import fc from "fast-check";
import {
  CheckpointBatcher,
  MAX_BATCH_BYTES,
  MAX_BATCH_UPDATES,
} from "../../src/checkpoint/checkpoint-batcher";
import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  OperationUpdate,
} from "../../src/types/wire";
import { fcParams } from "./fc-params";

/** Fixed-length tokens, so the size accounting of the model does not depend on the count. */
const token = (n: number) => `tok-${String(n).padStart(6, "0")}`;

const update = (seq: number, payloadBytes: number): OperationUpdate => ({
  Id: `op${seq}`,
  Type: "STEP",
  SubType: "Step",
  Action: "SUCCEED",
  Payload: "x".repeat(payloadBytes),
});

const bytesOf = (u: OperationUpdate) => Buffer.byteLength(JSON.stringify(u), "utf8");

/** The requests the model expects for one burst: greedy splits within the limits. */
function modelSplit(burst: OperationUpdate[], tokenLength: number): string[][] {
  const requests: string[][] = [];
  let current: OperationUpdate[] = [];
  let size = tokenLength + 100;
  for (const u of burst) {
    const bytes = bytesOf(u);
    if (
      current.length > 0 &&
      (current.length >= MAX_BATCH_UPDATES || size + bytes > MAX_BATCH_BYTES)
    ) {
      requests.push(current.map((c) => c.Id!));
      current = [];
      size = tokenLength + 100;
    }
    current.push(u);
    size += bytes;
  }
  if (current.length > 0) requests.push(current.map((c) => c.Id!));
  return requests;
}

// A burst: how many updates and, for each, a payload size class (mostly small, some large).
const payloadArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 400_000 }) },
);
const burstArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(payloadArb, { minLength: 1, maxLength: 8 }) },
  // Only large updates: any two may or may not fit together.
  {
    weight: 2,
    arbitrary: fc.array(fc.integer({ min: 250_000, max: 520_000 }), { minLength: 1, maxLength: 4 }),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 200, max: 600 })
      .map((n) => Array.from({ length: n }, (_, i) => (i % 97) * 3)),
  },
);

describe("checkpoint batcher against a model", () => {
  test("order, coalescing, size and count limits, token chaining, acknowledgements", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(burstArb, { minLength: 1, maxLength: 6 }), async (bursts) => {
        const requests: CheckpointDurableExecutionRequest[] = [];
        let issued = 0;
        const client = {
          checkpoint: async (request: CheckpointDurableExecutionRequest) => {
            requests.push(request);
            return {
              CheckpointToken: token(++issued),
              NewExecutionState: { Operations: [] },
            } satisfies CheckpointDurableExecutionResponse;
          },
          getExecutionState: async () => ({ Operations: [] }),
        } as unknown as DurableExecutionClient;
        let idle = 0;
        const batcher = new CheckpointBatcher(client, "arn", token(0), {
          onResponse: () => undefined,
          onIdle: () => idle++,
          onFailure: (error) => {
            throw error;
          },
        });
        let seq = 0;
        const expected: string[][] = [];
        const acks: Array<Promise<void>> = [];
        for (const burst of bursts) {
          const updates = burst.map((bytes) => update(seq++, bytes));
          expected.push(...modelSplit(updates, token(0).length));
          for (const u of updates) acks.push(batcher.enqueue(u));
          await batcher.drain();
        }
        await Promise.all(acks);
        expect(requests.map((r) => r.Updates!.map((u) => u.Id!))).toEqual(expected);
        requests.forEach((r, i) => {
          expect(r.CheckpointToken).toBe(token(i));
          expect(r.DurableExecutionArn).toBe("arn");
          expect(r.Updates!.length).toBeLessThanOrEqual(MAX_BATCH_UPDATES);
          if (r.Updates!.length > 1) {
            const size = r.Updates!.reduce((n, u) => n + bytesOf(u), token(i).length + 100);
            expect(size).toBeLessThanOrEqual(MAX_BATCH_BYTES);
          }
        });
        expect(new Set(requests.map((r) => r.ClientToken)).size).toBe(requests.length);
        expect(batcher.checkpointToken).toBe(token(requests.length));
        expect(idle).toBe(bursts.length);
        expect(batcher.isIdle()).toBe(true);
      }),
      fcParams({ numRuns: 60 }),
    );
  });
});
