/**
 * What the checkpoint batcher must not do once stopped, and when the invocation may suspend.
 * Ordering comes from the event loop (setImmediate turns) and from promises the test holds,
 * never from sleeps.
 */
import { CheckpointBatcher } from "../../src/checkpoint/checkpoint-batcher";
import { SUSPEND_COOLDOWN_MS, SuspensionTracker } from "../../src/context/suspension-tracker";
import { batcherWith, heldClient, track, turns, update } from "../helpers/batcher-harness";

describe("checkpoint batcher after stop", () => {
  test("a response arriving after stop is not processed: no hook, no acknowledgement, no token change", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    const ack = track(batcher.enqueue(update("a")));
    await turns();
    expect(calls).toHaveLength(1);
    expect(calls[0].request.CheckpointToken).toBe("token-0");
    batcher.stop();
    calls[0].answer({ CheckpointToken: "token-1", NewExecutionState: { Operations: [] } });
    await turns();
    expect(events).toEqual([]);
    expect(ack.settled).toBe(false);
    expect(batcher.checkpointToken).toBe("token-0");
  });

  test("a response before stop is processed (control for the test above)", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    const ack = track(batcher.enqueue(update("a")));
    await turns();
    calls[0].answer({ CheckpointToken: "token-1", NewExecutionState: { Operations: [] } });
    await turns();
    expect(events).toEqual(["response token-1", "idle"]);
    expect(ack.settled).toBe(true);
    expect(batcher.checkpointToken).toBe("token-1");
  });

  test("enqueue after stop never resolves and sends nothing", async () => {
    const { client, calls } = heldClient();
    const { batcher, events } = batcherWith(client);
    batcher.stop();
    const ack = track(batcher.enqueue(update("late")));
    batcher.requestPoll();
    await turns(10);
    expect(ack.settled).toBe(false);
    expect(calls).toHaveLength(0);
    expect(events).toEqual([]);
    expect(batcher.isIdle()).toBe(true);
    await expect(batcher.drain()).resolves.toBeUndefined();
  });

  test("a batcher stopped from its onResponse hook reports nothing after it (no idle)", async () => {
    const { client, calls } = heldClient();
    const events: string[] = [];
    const batcher = new CheckpointBatcher(client, "arn", "token-0", {
      onResponse: (r) => {
        events.push(`response ${r.CheckpointToken}`);
        batcher.stop();
      },
      onIdle: () => events.push("idle"),
      onFailure: (e) => events.push(`failure ${String(e)}`),
    });
    void batcher.enqueue(update("a"));
    await turns();
    calls[0].answer({ CheckpointToken: "token-1", NewExecutionState: { Operations: [] } });
    await turns();
    expect(events).toEqual(["response token-1"]);
  });

  test("updates queued behind an in-flight request are dropped by stop", async () => {
    const { client, calls } = heldClient();
    const { batcher } = batcherWith(client);
    void batcher.enqueue(update("a"));
    await turns();
    const queued = track(batcher.enqueue(update("b")));
    batcher.stop();
    calls[0].answer({ CheckpointToken: "token-1", NewExecutionState: { Operations: [] } });
    await turns(10);
    expect(calls).toHaveLength(1);
    expect(queued.settled).toBe(false);
  });
});

describe("suspension tracker", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function tracker() {
    const hooks = {
      suspended: 0,
      isCheckpointIdle: () => true,
      poll: () => undefined,
      remainingTimeMs: () => 900_000,
      suspend: () => void hooks.suspended++,
    };
    return { hooks, tracker: new SuspensionTracker(hooks) };
  }

  test("an abandoned wait does not let the invocation suspend", () => {
    const { hooks, tracker: t } = tracker();
    t.beginWaiting({ id: "w", dueAt: undefined, isAbandoned: () => true });
    t.evaluate();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("a live wait next to an abandoned one does, after the cooldown", () => {
    const { hooks, tracker: t } = tracker();
    t.beginWaiting({ id: "w1", dueAt: undefined, isAbandoned: () => true });
    t.beginWaiting({ id: "w2", dueAt: undefined, isAbandoned: () => false });
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS - 1);
    expect(hooks.suspended).toBe(0);
    jest.advanceTimersByTime(1);
    expect(hooks.suspended).toBe(1);
    t.dispose();
  });

  test("a wait abandoned during the cooldown cancels the suspension", () => {
    const { hooks, tracker: t } = tracker();
    let abandoned = false;
    t.beginWaiting({ id: "w", dueAt: undefined, isAbandoned: () => abandoned });
    abandoned = true;
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("running user code holds the suspension back until it ends", () => {
    const { hooks, tracker: t } = tracker();
    t.beginExecuting();
    t.beginWaiting({ id: "w", dueAt: undefined, isAbandoned: () => false });
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.endExecuting();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS);
    expect(hooks.suspended).toBe(1);
    t.dispose();
  });
});
