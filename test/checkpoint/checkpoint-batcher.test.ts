/**
 * The checkpoint batcher on its own, against a client the test answers by hand: what goes
 * into each request (order, coalescing, limits), which token each request carries, when
 * updates are acknowledged, polls, draining, failures and stopping. Ordering comes from the
 * event loop (setImmediate turns) and from promises the test holds, never from sleeps.
 */
import {
  CHECKPOINT_ATTEMPTS,
  MAX_BATCH_BYTES,
  MAX_BATCH_UPDATES,
} from "../../src/checkpoint/checkpoint-batcher";
import type { CheckpointDurableExecutionResponse, OperationUpdate } from "../../src/types/wire";
import {
  batcherWith,
  heldClient,
  track,
  turns,
  update,
  type HeldCall,
} from "../helpers/batcher-harness";

const ids = (call: HeldCall) => (call.request.Updates ?? []).map((u) => u.Id);
const reply = (token: string | undefined): CheckpointDurableExecutionResponse => ({
  CheckpointToken: token,
  NewExecutionState: { Operations: [] },
});

describe("checkpoint batcher: what each request carries", () => {
  test("updates queued in one synchronous stretch go out together, in order, in one request", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    void batcher.enqueue(update("b"));
    void batcher.enqueue(update("c"));
    await turns();
    expect(calls).toHaveLength(1);
    expect(ids(calls[0])).toEqual(["a", "b", "c"]);
    expect(calls[0].request.DurableExecutionArn).toBe("arn:exec");
  });

  test("updates queued while a request is in flight wait for it, then go out together", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    void batcher.enqueue(update("b"));
    await turns();
    void batcher.enqueue(update("c"));
    await turns();
    expect(calls).toHaveLength(1);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([["a"], ["b", "c"]]);
  });

  test(`a burst over ${MAX_BATCH_UPDATES} updates is split, keeping the order`, async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    for (let i = 0; i < MAX_BATCH_UPDATES + 1; i++) void batcher.enqueue(update(`u${i}`));
    await turns();
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map((c) => c.request.Updates?.length)).toEqual([MAX_BATCH_UPDATES, 1]);
    expect(ids(calls[0])[0]).toBe("u0");
    expect(ids(calls[1])).toEqual([`u${MAX_BATCH_UPDATES}`]);
  });

  test("a burst over the request size limit is split before the update that would overflow it", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    const big = "x".repeat(Math.floor(MAX_BATCH_BYTES / 2));
    void batcher.enqueue(update("first", big));
    void batcher.enqueue(update("second", big));
    void batcher.enqueue(update("small"));
    await turns();
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([["first"], ["second", "small"]]);
  });

  test("the size limit counts the updates, the token and a 100-byte envelope: an exact fit goes out whole, one byte more splits", async () => {
    // The same accounting as the reference SDK, so both split a burst into the same requests.
    const budget = MAX_BATCH_BYTES - "token-0".length - 100;
    const bytes = (u: OperationUpdate) => Buffer.byteLength(JSON.stringify(u), "utf8");
    const pair = (extra: number) => {
      const room = budget - bytes(update("a", "")) - bytes(update("b", "")) + extra;
      const half = Math.floor(room / 2);
      return [update("a", "x".repeat(half)), update("b", "x".repeat(room - half))];
    };
    for (const [extra, expected] of [
      [0, [["a", "b"]]],
      [1, [["a"], ["b"]]],
    ] as const) {
      const { client, calls } = heldClient();
      const { batcher } = batcherWith(client);
      const [a, b] = pair(extra);
      expect(bytes(a) + bytes(b)).toBe(budget + extra);
      void batcher.enqueue(a);
      void batcher.enqueue(b);
      await turns();
      calls[0].answer(reply("token-1"));
      await turns();
      expect(calls.map(ids)).toEqual(expected);
    }
  });

  test("one request at a time: an update queued in the turn the first request went out waits for its response", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    // Runs right after the batcher's own flush of "a" and "b", in the same event-loop turn.
    setImmediate(() => void batcher.enqueue(update("c")));
    void batcher.enqueue(update("b"));
    await turns();
    expect(calls.map(ids)).toEqual([["a", "b"]]);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([["a", "b"], ["c"]]);
    expect(calls[1].request.CheckpointToken).toBe("token-1");
  });

  test("one update larger than the limit still goes out, alone", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("huge", "x".repeat(MAX_BATCH_BYTES + 10)));
    void batcher.enqueue(update("after"));
    await turns();
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([["huge"], ["after"]]);
  });
});

describe("checkpoint batcher: tokens and acknowledgements", () => {
  test("each request carries the token of the previous response; a response without one keeps it", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    void batcher.enqueue(update("b"));
    calls[0].answer(reply("token-1"));
    await turns();
    void batcher.enqueue(update("c"));
    calls[1].answer(reply(undefined));
    await turns();
    expect(calls.map((c) => c.request.CheckpointToken)).toEqual(["token-0", "token-1", "token-1"]);
    calls[2].answer(reply("token-3"));
    await turns();
    expect(batcher.checkpointToken).toBe("token-3");
  });

  test("an update is acknowledged only once its response arrived, after onResponse saw it", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    const order: string[] = events;
    void batcher.enqueue(update("a")).then(() => order.push("ack a"));
    await turns();
    expect(order).toEqual([]);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(order).toEqual(["response token-1", "idle", "ack a"]);
  });

  test("each new request gets a fresh client token (retries keep theirs)", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    void batcher.enqueue(update("b"));
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls[0].request.ClientToken).toEqual(expect.any(String));
    expect(calls[1].request.ClientToken).not.toBe(calls[0].request.ClientToken);
  });
});

describe("checkpoint batcher: polls, idleness and draining", () => {
  test("a poll sends an empty request and keeps the batcher busy until answered", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    expect(batcher.isIdle()).toBe(true);
    batcher.requestPoll();
    expect(batcher.isIdle()).toBe(false);
    await turns();
    expect(calls).toHaveLength(1);
    expect(calls[0].request.Updates).toEqual([]);
    expect(batcher.isIdle()).toBe(false);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(batcher.isIdle()).toBe(true);
    expect(events).toEqual(["response token-1", "idle"]);
  });

  test("a poll requested while a request is in flight rides on the next request", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    batcher.requestPoll();
    void batcher.enqueue(update("b"));
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([["a"], ["b"]]);
    calls[1].answer(reply("token-2"));
    await turns();
    expect(calls).toHaveLength(2);
  });

  test("drain resolves at once when idle, else once everything queued is acknowledged", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    await expect(batcher.drain()).resolves.toBeUndefined();
    void batcher.enqueue(update("a"));
    const drained = track(batcher.drain());
    await turns();
    void batcher.enqueue(update("b"));
    calls[0].answer(reply("token-1"));
    await turns();
    expect(drained.settled).toBe(false);
    calls[1].answer(reply("token-2"));
    await turns();
    expect(drained.settled).toBe(true);
  });

  test("stop releases drain waiters and drops what is queued", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    const queued = track(batcher.enqueue(update("b")));
    const drained = track(batcher.drain());
    batcher.stop();
    await turns();
    expect(drained.settled).toBe(true);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls).toHaveLength(1);
    expect(queued.settled).toBe(false);
  });
});

describe("checkpoint batcher: failures", () => {
  test("a transient failure is retried with the same client token and the same updates", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    const ack = track(batcher.enqueue(update("a")));
    await turns();
    calls[0].fail(new Error("socket hang up"));
    while (calls.length < 2) await turns();
    expect(calls[1].request.ClientToken).toBe(calls[0].request.ClientToken);
    expect(calls[1].request.CheckpointToken).toBe("token-0");
    expect(ids(calls[1])).toEqual(["a"]);
    calls[1].answer(reply("token-1"));
    await turns();
    expect(ack.settled).toBe(true);
    expect(events).toEqual(["response token-1", "idle"]);
  });

  test(`after ${CHECKPOINT_ATTEMPTS} transient failures the batcher gives up: onFailure, stopped`, async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    const ack = track(batcher.enqueue(update("a")));
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
      while (calls.length < attempt) await turns();
      calls[attempt - 1].fail(new Error(`down ${attempt}`));
    }
    await turns();
    expect(calls).toHaveLength(CHECKPOINT_ATTEMPTS);
    expect(events).toEqual([`failure down ${CHECKPOINT_ATTEMPTS}`]);
    expect(ack.settled).toBe(false);
    void batcher.enqueue(update("later"));
    await turns();
    expect(calls).toHaveLength(CHECKPOINT_ATTEMPTS);
  });

  test("retries back off exponentially: 100 ms, then 200 ms (on the global timers, faked here)", async () => {
    jest.useFakeTimers({ doNotFake: ["setImmediate", "nextTick", "queueMicrotask"] });
    try {
      const { client, calls } = heldClient();
      batcherWith(client).batcher.enqueue(update("a"));
      await turns();
      for (const [attempt, delay] of [
        [1, 100],
        [2, 200],
      ]) {
        calls[attempt - 1].fail(new Error("socket hang up"));
        await turns();
        jest.advanceTimersByTime(delay - 1);
        await turns();
        expect([attempt, calls.length]).toEqual([attempt, attempt]);
        jest.advanceTimersByTime(1);
        await turns();
        expect([attempt, calls.length]).toEqual([attempt, attempt + 1]);
      }
    } finally {
      jest.useRealTimers();
    }
  });

  test("a permanent failure (a 4xx) is not retried", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    calls[0].fail(Object.assign(new Error("bad request"), { $metadata: { httpStatusCode: 400 } }));
    await turns(10);
    expect(calls).toHaveLength(1);
    expect(events).toEqual(["failure bad request"]);
    expect(batcher.isIdle()).toBe(true);
  });
});

describe("checkpoint batcher: backlog (what pipelined steps look at)", () => {
  test("counts the updates queued and not yet sent, not those in flight", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    expect(batcher.backlog).toBe(0);
    for (const id of ["a", "b", "c"]) void batcher.enqueue(update(id));
    expect(batcher.backlog).toBe(3);
    await turns();
    expect(calls).toHaveLength(1);
    expect(batcher.backlog).toBe(0);
    void batcher.enqueue(update("d"));
    void batcher.enqueue(update("e"));
    expect(batcher.backlog).toBe(2);
    calls[0].answer(reply("token-1"));
    await turns();
    expect(calls.map(ids)).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    expect(batcher.backlog).toBe(0);
  });
});
