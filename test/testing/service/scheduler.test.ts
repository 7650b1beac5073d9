/**
 * Unit tests of the service's timer scheduler (`service/timers/scheduler.ts`): firing order,
 * equal due times, cancellation, re-arming for an earlier timer, time skipping and what holds
 * a jump back (work in progress, gates), and closing. The clock's source is a variable the
 * tests move, so nothing depends on how fast the machine is.
 */
import { setImmediate as realImmediate, setTimeout as realTimeout } from "node:timers";
import { Scheduler } from "../../../src/testing/service/timers/scheduler";
import { VirtualClock } from "../../../src/testing/service/timers/virtual-clock";

/** A source time far from zero, like epoch milliseconds. */
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

let source = T0;
let scheduler: Scheduler | undefined;

function setup(skipTime: boolean, onAdvance?: () => void) {
  source = T0;
  const clock = new VirtualClock(() => source);
  scheduler = new Scheduler(clock, skipTime, onAdvance);
  return { clock, scheduler };
}

afterEach(() => scheduler?.close());

/** Lets `n` macrotasks run (the scheduler jumps one macrotask after it is armed). */
async function turns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => realImmediate(resolve));
}

/** Waits until the real timers armed before now with a 0 ms delay have fired. */
function afterZeroDelayTimers(): Promise<void> {
  return new Promise((resolve) => realTimeout(resolve, 0));
}

/** How many real timers this process holds (each keeps it alive until it fires). */
function realTimersHeld(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

/** {@link realTimersHeld} once the short real timers of earlier tests have run out. */
async function realTimersHeldAtStart(): Promise<number> {
  await afterZeroDelayTimers();
  await new Promise((resolve) => realTimeout(resolve, 5));
  return realTimersHeld();
}

describe("without time skipping", () => {
  test("due timers fire in due order, equal due times in scheduling order", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    scheduler.schedule(T0 - 1, () => fired.push("c"));
    scheduler.schedule(T0 - 3, () => fired.push("a"));
    scheduler.schedule(T0 - 2, () => fired.push("b1"));
    scheduler.schedule(T0 - 2, () => fired.push("b2"));
    scheduler.schedule(T0 - 2, () => fired.push("b3"));
    expect(fired).toEqual([]);
    await afterZeroDelayTimers();
    expect(fired).toEqual(["a", "b1", "b2", "b3", "c"]);
  });

  test("a timer in the future does not fire and the clock does not jump to it", async () => {
    let passes = 0;
    const { clock, scheduler } = setup(false, () => passes++);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("later"));
    await turns();
    await afterZeroDelayTimers();
    expect(fired).toEqual([]);
    expect(passes).toBe(0);
    expect(clock.now()).toBe(T0);
    expect(clock.skippedMs()).toBe(0);
  });

  test("a timer further away than setTimeout's limit (about 24.8 days) waits: no early pass", async () => {
    let passes = 0;
    const { scheduler } = setup(false, () => passes++);
    scheduler.schedule(T0 + 30 * 24 * HOUR, () => undefined);
    await afterZeroDelayTimers();
    await afterZeroDelayTimers();
    expect(passes).toBe(0);
  });

  test("cancelling the last timer disarms the real timer: no pass runs", async () => {
    let passes = 0;
    const { scheduler } = setup(false, () => passes++);
    const only = scheduler.schedule(T0 - 1, () => undefined);
    only.cancel();
    await afterZeroDelayTimers();
    await turns();
    expect(passes).toBe(0);
  });

  test("a timer fires once the clock's source reaches its due time", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("due"));
    source = T0 + HOUR;
    // An earlier timer re-arms the real timer, which then finds both due.
    scheduler.schedule(T0, () => fired.push("now"));
    await afterZeroDelayTimers();
    expect(fired).toEqual(["now", "due"]);
  });

  test("scheduling an earlier timer re-arms the real timer for it (one real timer at a time)", async () => {
    const before = await realTimersHeldAtStart();
    const { scheduler } = setup(false);
    const fired: string[] = [];
    scheduler.schedule(T0 + 2 * HOUR, () => fired.push("late"));
    scheduler.schedule(T0 + HOUR, () => fired.push("sooner"));
    scheduler.schedule(T0, () => fired.push("early"));
    expect(realTimersHeld()).toBe(before + 1);
    await afterZeroDelayTimers();
    expect(fired).toEqual(["early"]);
    expect(realTimersHeld()).toBe(before + 1);
  });

  test("a cancelled timer never fires; cancelling again, or after firing, is harmless", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    const dropped = scheduler.schedule(T0 - 2, () => fired.push("dropped"));
    const kept = scheduler.schedule(T0 - 1, () => fired.push("kept"));
    dropped.cancel();
    dropped.cancel();
    await afterZeroDelayTimers();
    kept.cancel();
    expect(fired).toEqual(["kept"]);
  });

  test("a timer cancelled by one firing before it in the same pass does not fire", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    const victim = scheduler.schedule(T0 - 1, () => fired.push("victim"));
    scheduler.schedule(T0 - 2, () => {
      fired.push("first");
      victim.cancel();
    });
    await afterZeroDelayTimers();
    expect(fired).toEqual(["first"]);
  });

  test("a due timer scheduled while timers fire fires in the same pass, after the due ones before it", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    scheduler.schedule(T0 - 5, () => {
      fired.push("first");
      scheduler.schedule(T0 - 4, () => fired.push("rescheduled"));
    });
    scheduler.schedule(T0 - 3, () => fired.push("second"));
    await afterZeroDelayTimers();
    expect(fired).toEqual(["first", "rescheduled", "second"]);
  });

  test("onAdvance runs after each pass of due timers", async () => {
    const calls: string[] = [];
    const { scheduler } = setup(false, () => calls.push("advance"));
    scheduler.schedule(T0 - 2, () => calls.push("a"));
    scheduler.schedule(T0 - 1, () => calls.push("b"));
    await afterZeroDelayTimers();
    expect(calls).toEqual(["a", "b", "advance"]);
  });

  test("close drops every timer", async () => {
    const { scheduler } = setup(false);
    const fired: string[] = [];
    scheduler.schedule(T0 - 1, () => fired.push("dropped"));
    scheduler.close();
    scheduler.schedule(T0 - 1, () => fired.push("after close"));
    await afterZeroDelayTimers();
    await turns();
    expect(fired).toEqual([]);
  });
  test("close releases its real timers: nothing is left to keep the process alive", async () => {
    const before = await realTimersHeldAtStart();
    const { scheduler } = setup(true);
    // A real timer for the head, and a gate retry: the gate asks for 10 minutes more.
    scheduler.schedule(T0 + HOUR, () => undefined, { gate: () => 600_000 });
    await turns();
    expect(realTimersHeld()).toBe(before + 2);
    scheduler.close();
    expect(realTimersHeld()).toBe(before);
  });
});

describe("with time skipping", () => {
  test("the clock jumps to the earliest timer one macrotask later, then to the next", async () => {
    const { clock, scheduler } = setup(true);
    const fired: Array<[string, number]> = [];
    scheduler.schedule(T0 + 2 * HOUR, () => fired.push(["second", clock.now()]));
    scheduler.schedule(T0 + HOUR, () => fired.push(["first", clock.now()]));
    expect(fired).toEqual([]);
    await turns(1);
    expect(fired).toEqual([["first", T0 + HOUR]]);
    await turns(1);
    expect(fired).toEqual([
      ["first", T0 + HOUR],
      ["second", T0 + 2 * HOUR],
    ]);
    expect(clock.skippedMs()).toBe(2 * HOUR);
  });

  test("timers with the same due time fire in one jump, in scheduling order", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    for (const name of ["x", "y", "z"]) scheduler.schedule(T0 + HOUR, () => fired.push(name));
    await turns(1);
    expect(fired).toEqual(["x", "y", "z"]);
    expect(clock.now()).toBe(T0 + HOUR);
  });

  test("a cancelled earliest timer is skipped: the clock jumps to the next one", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("cancelled")).cancel();
    scheduler.schedule(T0 + 2 * HOUR, () => fired.push("next"));
    await turns();
    expect(fired).toEqual(["next"]);
    expect(clock.now()).toBe(T0 + 2 * HOUR);
  });

  test("no jump while work is in progress; the jump follows the end of the work", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.beginWork();
    scheduler.beginWork();
    scheduler.schedule(T0 + HOUR, () => fired.push("timer"));
    await turns();
    scheduler.endWork();
    await turns();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
    scheduler.endWork();
    await turns();
    expect(fired).toEqual(["timer"]);
  });

  test("an unbalanced endWork does not let the clock jump during later work", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.endWork();
    scheduler.beginWork();
    scheduler.schedule(T0 + HOUR, () => fired.push("timer"));
    await turns();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
    scheduler.endWork();
    await turns();
    expect(fired).toEqual(["timer"]);
  });

  test("work that begins after a jump was planned still holds it back", async () => {
    const { scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("timer"));
    scheduler.beginWork();
    await turns();
    expect(fired).toEqual([]);
    scheduler.endWork();
    await turns();
    expect(fired).toEqual(["timer"]);
  });

  test("a gate that answers Infinity holds the jump until a kick finds it open", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    let open = false;
    const before = await realTimersHeldAtStart();
    scheduler.schedule(T0 + HOUR, () => fired.push("gated"), { gate: () => (open ? 0 : Infinity) });
    await turns();
    expect(fired).toEqual([]);
    // Only the timer's own real timer: nothing asks the gate again before a kick.
    expect(realTimersHeld()).toBe(before + 1);
    open = true;
    await turns();
    expect(fired).toEqual([]);
    scheduler.kick();
    await turns();
    expect(fired).toEqual(["gated"]);
    expect(clock.now()).toBe(T0 + HOUR);
  });

  test("a gate that answers a delay is asked again after it, without a kick", async () => {
    const { scheduler } = setup(true);
    const fired: string[] = [];
    const answers = [1, 0];
    let asked = 0;
    scheduler.schedule(T0 + HOUR, () => fired.push("gated"), { gate: () => answers[asked++] ?? 0 });
    for (let i = 0; i < 200 && fired.length === 0; i++) await afterZeroDelayTimers();
    expect(fired).toEqual(["gated"]);
    expect(asked).toBe(2);
  });

  test("a gate that asks for a minute is not asked again meanwhile", async () => {
    const { scheduler } = setup(true);
    let asked = 0;
    scheduler.schedule(T0 + HOUR, () => undefined, { gate: () => (asked++, 60_000) });
    await turns();
    expect(asked).toBe(1);
    // 20 ms of real time: a retry sooner than the minute asked for would come in it.
    await new Promise((resolve) => realTimeout(resolve, 20));
    expect(asked).toBe(1);
  });

  test("a gate asked again before its retry is due keeps one retry timer, the latest", async () => {
    const { scheduler } = setup(true);
    const before = await realTimersHeldAtStart();
    scheduler.schedule(T0 + HOUR, () => undefined, { gate: () => 600_000 });
    await turns();
    expect(realTimersHeld()).toBe(before + 2); // the timer's own, and the gate's retry
    scheduler.kick();
    await turns();
    expect(realTimersHeld()).toBe(before + 2);
  });

  test("a reach without a group takes nothing along: each timer is its own jump", async () => {
    const { clock, scheduler } = setup(true);
    const reach = () => 300;
    const fired: Array<[string, number]> = [];
    const at = (name: string) => () => fired.push([name, clock.now()]);
    scheduler.schedule(T0 + HOUR, at("first"), { reach });
    scheduler.schedule(T0 + HOUR + 5, at("second"), { reach });
    await turns(6);
    expect(fired).toEqual([
      ["first", T0 + HOUR],
      ["second", T0 + HOUR + 5],
    ]);
  });

  test("a gated earliest timer holds back every later one", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("gated"), { gate: () => Infinity });
    scheduler.schedule(T0 + 2 * HOUR, () => fired.push("later"));
    await turns();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
  });

  test("onAdvance runs after every jump", async () => {
    const calls: string[] = [];
    const { scheduler } = setup(true, () => calls.push("advance"));
    scheduler.schedule(T0 + HOUR, () => calls.push("a"));
    scheduler.schedule(T0 + 2 * HOUR, () => calls.push("b"));
    await turns();
    expect(calls).toEqual(["a", "advance", "b", "advance"]);
  });

  test("close stops pending jumps", async () => {
    const { clock, scheduler } = setup(true);
    const fired: string[] = [];
    scheduler.schedule(T0 + HOUR, () => fired.push("dropped"));
    scheduler.close();
    await turns();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
  });
});

describe("a jump takes the later timers of its group within the head's reach", () => {
  const REACH = 300;

  /** A skipping scheduler, a group with a 300 ms reach, and `at(name)` recording firings. */
  function groupSetup() {
    const { clock, scheduler } = setup(true);
    const fired: Array<[string, number]> = [];
    const at = (name: string) => () => fired.push([name, clock.now()]);
    return { clock, scheduler, group: {}, reach: () => REACH, fired, at };
  }

  test("timers of one group due within the reach fire in one jump, at the last one's time", async () => {
    const { scheduler, group, reach, fired, at } = groupSetup();
    scheduler.schedule(T0 + HOUR, at("first"), { group, reach });
    scheduler.schedule(T0 + HOUR + 5, at("5 ms later"), { group, reach });
    scheduler.schedule(T0 + HOUR + REACH, at("at the reach"), { group, reach });
    scheduler.schedule(T0 + HOUR + REACH + 1, at("past the reach"), { group, reach });
    await new Promise((resolve) => realImmediate(resolve)); // the first jump only
    const last = T0 + HOUR + REACH;
    expect(fired).toEqual([
      ["first", last],
      ["5 ms later", last],
      ["at the reach", last],
    ]);
    await turns();
    expect(fired[3]).toEqual(["past the reach", T0 + HOUR + REACH + 1]);
  });

  test("a timer of another group (or of none) in between stops the reach", async () => {
    const { scheduler, group, reach, fired, at } = groupSetup();
    scheduler.schedule(T0 + HOUR, at("mine"), { group, reach });
    scheduler.schedule(T0 + HOUR + 10, at("someone else's"), { group: {}, reach });
    scheduler.schedule(T0 + HOUR + 20, at("mine again"), { group, reach });
    scheduler.schedule(T0 + 2 * HOUR, at("ungrouped head"));
    scheduler.schedule(T0 + 2 * HOUR + 1, at("grouped after it"), { group, reach });
    await turns(8);
    expect(fired).toEqual([
      ["mine", T0 + HOUR],
      ["someone else's", T0 + HOUR + 10],
      ["mine again", T0 + HOUR + 20],
      ["ungrouped head", T0 + 2 * HOUR],
      ["grouped after it", T0 + 2 * HOUR + 1],
    ]);
  });

  test("the timers met on the way are taken in due order, whatever order they were scheduled in", async () => {
    const { scheduler, group, reach, fired, at } = groupSetup();
    // Scheduled so that the heap's array does not hold them in due order.
    scheduler.schedule(T0 + HOUR, at("mine"), { group, reach });
    scheduler.schedule(T0 + HOUR + 100, at("mine +100"), { group, reach });
    scheduler.schedule(T0 + HOUR + 250, at("mine +250"), { group, reach });
    scheduler.schedule(T0 + HOUR + 200, at("someone else's +200"), { group: {}, reach });
    scheduler.schedule(T0 + HOUR + 50, at("mine +50"), { group, reach });
    await turns(8);
    expect(fired).toEqual([
      ["mine", T0 + HOUR + 100],
      ["mine +50", T0 + HOUR + 100],
      ["mine +100", T0 + HOUR + 100],
      ["someone else's +200", T0 + HOUR + 200],
      ["mine +250", T0 + HOUR + 250],
    ]);
  });

  test("a cancelled timer of another group in between does not stop the reach", async () => {
    const { scheduler, group, reach, fired, at } = groupSetup();
    scheduler.schedule(T0 + HOUR, at("mine"), { group, reach });
    scheduler.schedule(T0 + HOUR + 10, at("cancelled"), { group: {}, reach }).cancel();
    scheduler.schedule(T0 + HOUR + 20, at("mine again"), { group, reach });
    await new Promise((resolve) => realImmediate(resolve)); // the first jump only
    expect(fired).toEqual([
      ["mine", T0 + HOUR + 20],
      ["mine again", T0 + HOUR + 20],
    ]);
  });

  test("the reach is asked at the jump; without one, group timers fire one jump each", async () => {
    const { clock, scheduler } = setup(true);
    const group = {};
    let reach = 0;
    const fired: Array<[string, number]> = [];
    const at = (name: string) => () => fired.push([name, clock.now()]);
    scheduler.schedule(T0 + HOUR, at("a"), { group, reach: () => reach });
    scheduler.schedule(T0 + HOUR + 5, at("b"), { group, reach: () => reach });
    scheduler.schedule(T0 + 2 * HOUR, at("c"), { group, reach: () => reach });
    scheduler.schedule(T0 + 2 * HOUR + 5, at("d"), { group });
    await new Promise((resolve) => realImmediate(resolve)); // the first jump only
    expect(fired).toEqual([["a", T0 + HOUR]]);
    reach = 10;
    await turns(8);
    expect(fired).toEqual([
      ["a", T0 + HOUR],
      ["b", T0 + HOUR + 5],
      ["c", T0 + 2 * HOUR + 5],
      ["d", T0 + 2 * HOUR + 5],
    ]);
  });

  test("without time skipping, group timers fire at their own due times", async () => {
    const { scheduler } = setup(false);
    const group = {};
    const fired: string[] = [];
    scheduler.schedule(T0 - 2, () => fired.push("a"), { group, reach: () => HOUR });
    scheduler.schedule(T0 + 100, () => fired.push("b"), { group, reach: () => HOUR });
    await afterZeroDelayTimers();
    expect(fired).toEqual(["a"]);
  });
});
