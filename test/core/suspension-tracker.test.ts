/**
 * The suspension tracker on its own, with fake hooks and Jest's fake timers: when the
 * invocation may suspend (nothing executing, checkpoints idle, a live operation waiting),
 * how executing and waiting are counted, abandoned waits, and the polls it sends while
 * other work keeps the invocation busy.
 */
import { SUSPEND_COOLDOWN_MS, SuspensionTracker } from "../../src/context/suspension-tracker";

beforeEach(() => jest.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") }));
afterEach(() => jest.useRealTimers());

function tracker(options: { remainingMs?: number } = {}) {
  const hooks = {
    suspended: 0,
    polls: 0,
    checkpointIdle: true,
    isCheckpointIdle: () => hooks.checkpointIdle,
    poll: () => void hooks.polls++,
    remainingTimeMs: () => options.remainingMs ?? 900_000,
    suspend: () => void hooks.suspended++,
  };
  const t = new SuspensionTracker(hooks);
  return { hooks, t };
}

const live = (id = "w", dueAt?: Date) => ({ id, dueAt, isAbandoned: () => false });

describe("suspension tracker: the suspend decision", () => {
  test("nothing waiting: never suspends, however idle", () => {
    const { hooks, t } = tracker();
    t.evaluate();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 10);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("a live wait with idle checkpoints suspends once, after the cooldown", () => {
    const { hooks, t } = tracker();
    t.beginWaiting(live());
    t.evaluate();
    t.evaluate();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS - 1);
    expect(hooks.suspended).toBe(0);
    jest.advanceTimersByTime(1);
    expect(hooks.suspended).toBe(1);
    t.dispose();
  });

  test("busy checkpoints hold the suspension back until evaluate finds them idle", () => {
    const { hooks, t } = tracker();
    hooks.checkpointIdle = false;
    t.beginWaiting(live());
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    hooks.checkpointIdle = true;
    t.evaluate();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS);
    expect(hooks.suspended).toBe(1);
    t.dispose();
  });

  test("checkpoints turning busy during the cooldown cancel the suspension", () => {
    const { hooks, t } = tracker();
    t.beginWaiting(live());
    hooks.checkpointIdle = false;
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("executing user code is counted: every begin needs its end before suspending", () => {
    const { hooks, t } = tracker();
    t.beginExecuting();
    t.beginExecuting();
    t.beginWaiting(live());
    t.endExecuting();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.endExecuting();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS);
    expect(hooks.suspended).toBe(1);
    t.dispose();
  });

  test("user code starting during the cooldown cancels it", () => {
    const { hooks, t } = tracker();
    t.beginWaiting(live());
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS - 1);
    t.beginExecuting();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("waits are counted: ending one of two leaves the other to suspend for", () => {
    const { hooks, t } = tracker();
    const stopFirst = t.beginWaiting(live("w1"));
    const stopSecond = t.beginWaiting(live("w2"));
    stopFirst();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS);
    expect(hooks.suspended).toBe(1);
    stopSecond();
    t.dispose();
  });

  test("a wait that ends during the cooldown leaves nothing to suspend for", () => {
    const { hooks, t } = tracker();
    const stop = t.beginWaiting(live());
    stop();
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("only abandoned waits: no suspension", () => {
    const { hooks, t } = tracker();
    t.beginWaiting({ id: "a", dueAt: undefined, isAbandoned: () => true });
    t.beginWaiting({ id: "b", dueAt: undefined, isAbandoned: () => true });
    jest.advanceTimersByTime(SUSPEND_COOLDOWN_MS * 5);
    expect(hooks.suspended).toBe(0);
    t.dispose();
  });

  test("after dispose nothing suspends and nothing polls", () => {
    const { hooks, t } = tracker();
    t.beginWaiting(live("w", new Date(Date.now() + 1000)));
    t.dispose();
    t.evaluate();
    // An operation that starts waiting after the invocation ended changes nothing either.
    t.beginWaiting(live("late", new Date(Date.now() + 1000)));
    jest.advanceTimersByTime(60_000);
    expect(hooks.suspended).toBe(0);
    expect(hooks.polls).toBe(0);
  });
});

describe("suspension tracker: polls while the invocation stays busy", () => {
  /** Keeps the invocation from suspending, so only the polls show. */
  function busyTracker(options: { remainingMs?: number } = {}) {
    const made = tracker(options);
    made.t.beginExecuting();
    return made;
  }

  /** Checks that the next poll comes exactly `ms` from now. */
  function expectNextPollIn(hooks: { polls: number }, ms: number) {
    const before = hooks.polls;
    jest.advanceTimersByTime(ms - 1);
    expect(hooks.polls).toBe(before);
    jest.advanceTimersByTime(1);
    expect(hooks.polls).toBe(before + 1);
  }

  test("a wait with a due time is polled at that time, then on a growing back-off", () => {
    const { hooks, t } = busyTracker();
    t.beginWaiting(live("w", new Date(Date.now() + 5000)));
    jest.advanceTimersByTime(4999);
    expect(hooks.polls).toBe(0);
    jest.advanceTimersByTime(1);
    expect(hooks.polls).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(hooks.polls).toBe(2);
    jest.advanceTimersByTime(1999);
    expect(hooks.polls).toBe(2);
    jest.advanceTimersByTime(1);
    expect(hooks.polls).toBe(3);
    t.dispose();
  });

  test("a wait without a due time (callback, invoke) is first polled after a second", () => {
    const { hooks, t } = busyTracker();
    t.beginWaiting(live());
    expectNextPollIn(hooks, 1000);
    t.dispose();
  });

  test("the back-off stops growing at ten seconds", () => {
    const { hooks, t } = busyTracker();
    t.beginWaiting(live());
    // First poll at 1 s, then 1 s, 2 s, ..., 10 s, 10 s.
    jest.advanceTimersByTime(1000 + (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10) * 1000);
    expect(hooks.polls).toBe(11);
    expectNextPollIn(hooks, 10_000);
    t.dispose();
  });

  test("after 96 polls a wait still open is polled once a minute", () => {
    const { hooks, t } = busyTracker();
    t.beginWaiting(live());
    // Poll 96 comes at 1 s + (1 + 2 + ... + 10) s + 85 x 10 s = 906 s.
    jest.advanceTimersByTime(906_000);
    expect(hooks.polls).toBe(96);
    expectNextPollIn(hooks, 60_000);
    t.dispose();
  });

  test("a wait that ended is no longer polled", () => {
    const { hooks, t } = busyTracker();
    const stop = t.beginWaiting(live());
    stop();
    jest.advanceTimersByTime(60_000);
    expect(hooks.polls).toBe(0);
    t.dispose();
  });

  test("an abandoned wait is not polled", () => {
    const { hooks, t } = busyTracker();
    let abandoned = false;
    t.beginWaiting({ id: "w", dueAt: undefined, isAbandoned: () => abandoned });
    abandoned = true;
    jest.advanceTimersByTime(60_000);
    expect(hooks.polls).toBe(0);
    t.dispose();
  });

  test("a wait due further out than a timer reaches (24.8 days) is not polled", () => {
    const { hooks, t } = busyTracker({ remainingMs: Number.MAX_SAFE_INTEGER });
    t.beginWaiting(live("w", new Date(Date.now() + 30 * 86_400_000)));
    jest.advanceTimersByTime(60_000);
    expect(hooks.polls).toBe(0);
    t.dispose();
  });

  test("a poll for one wait leaves the schedule of the others alone", () => {
    const { hooks, t } = busyTracker();
    let firstAbandoned = false;
    t.beginWaiting({
      id: "soon",
      dueAt: new Date(Date.now() + 1000),
      isAbandoned: () => firstAbandoned,
    });
    t.beginWaiting(live("later", new Date(Date.now() + 100_000)));
    jest.advanceTimersByTime(1000);
    expect(hooks.polls).toBe(1);
    firstAbandoned = true;
    // "later" is first polled at its due time, not on the back-off "soon" was on.
    jest.advanceTimersByTime(98_999);
    expect(hooks.polls).toBe(1);
    jest.advanceTimersByTime(1);
    expect(hooks.polls).toBe(2);
    t.dispose();
  });

  test("no poll is scheduled past the Lambda time left (less a second of margin)", () => {
    const { hooks, t } = busyTracker({ remainingMs: 1500 });
    t.beginWaiting(live("w", new Date(Date.now() + 600)));
    jest.advanceTimersByTime(60_000);
    expect(hooks.polls).toBe(0);
    t.dispose();
  });
});
