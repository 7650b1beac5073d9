/**
 * The service's timer heap and virtual clock against a sorted reference model: any number of
 * timers, equal due times, cancellations before and while timers fire. Failing runs print
 * fast-check's seed and path; replay one with `FC_SEED=<seed> npx jest test/property`.
 */
import fc from "fast-check";
import { Scheduler, type TimerHandle } from "../../src/testing/service/timers/scheduler";
import { VirtualClock } from "../../src/testing/service/timers/virtual-clock";
import { fcParams } from "./fc-params";

/** Far in the future of the frozen source, so no real timer ever fires one of them. */
const BASE = 10 ** 12;

interface Plan {
  dues: number[];
  cancelledUpFront: boolean[];
  /** For each timer, the timer (by index) it cancels when it fires, if any. */
  cancelsOnFire: Array<number | undefined>;
}

/** What the model says fires: ascending (due, scheduling order), skipping cancelled ones. */
function modelOrder(plan: Plan): Array<[index: number, due: number]> {
  const cancelled = plan.cancelledUpFront.slice();
  const order = plan.dues.map((due, index) => ({ due, index }));
  order.sort((a, b) => a.due - b.due || a.index - b.index);
  const fired: Array<[number, number]> = [];
  for (const { due, index } of order) {
    if (cancelled[index]) continue;
    cancelled[index] = true;
    fired.push([index, due]);
    const victim = plan.cancelsOnFire[index];
    if (victim !== undefined) cancelled[victim] = true;
  }
  return fired;
}

/** Runs the plan on a skipping scheduler whose clock only moves by its jumps. */
async function runScheduler(plan: Plan): Promise<Array<[index: number, due: number]>> {
  const clock = new VirtualClock(() => 0);
  const scheduler = new Scheduler(clock, true);
  const fired: Array<[number, number]> = [];
  const handles: TimerHandle[] = [];
  plan.dues.forEach((due, index) => {
    handles.push(
      scheduler.schedule(BASE + due, () => {
        fired.push([index, clock.now() - BASE]);
        const victim = plan.cancelsOnFire[index];
        if (victim !== undefined) handles[victim].cancel();
      }),
    );
  });
  plan.cancelledUpFront.forEach((cancel, index) => cancel && handles[index].cancel());
  const expected = modelOrder(plan).length;
  // Each jump takes one macrotask; a generous bound keeps a broken scheduler from hanging.
  for (let turn = 0; fired.length < expected && turn < 4 * plan.dues.length + 10; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A few more turns: nothing else may fire.
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  scheduler.close();
  return fired;
}

const planArb = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.record({
    // Few distinct values, so equal due times are common.
    dues: fc.array(
      fc.integer({ min: 1, max: 12 }).map((d) => d * 10),
      {
        minLength: n,
        maxLength: n,
      },
    ),
    cancelledUpFront: fc.array(
      fc.integer({ min: 0, max: 4 }).map((k) => k === 0),
      { minLength: n, maxLength: n },
    ),
    cancelsOnFire: fc.array(
      fc.option(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { nil: undefined, freq: 3 }),
      { minLength: n, maxLength: n },
    ),
  }),
);

describe("scheduler and virtual clock against a sorted reference model", () => {
  test("fires 10, 20, 30, 40 in due order whatever the scheduling order (worked example)", async () => {
    const plan: Plan = {
      dues: [40, 10, 30, 20, 10, 50, 20],
      cancelledUpFront: [false, false, false, false, false, false, false],
      cancelsOnFire: [],
    };
    expect(await runScheduler(plan)).toEqual([
      [1, 10],
      [4, 10],
      [3, 20],
      [6, 20],
      [2, 30],
      [0, 40],
      [5, 50],
    ]);
  });

  test("random timers, equal due times and cancellations fire as the model says, at their due time", async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        expect(await runScheduler(plan)).toEqual(modelOrder(plan));
      }),
      fcParams({ numRuns: 150 }),
    );
  });

  test("the virtual clock only moves forward and accumulates what it skipped", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.array(fc.integer({ min: -(10 ** 6), max: 10 ** 6 }), { maxLength: 30 }),
        (start, targets) => {
          const clock = new VirtualClock(() => start);
          let model = start;
          for (const delta of targets) {
            clock.advanceTo(model + delta);
            model = Math.max(model, model + delta);
            expect(clock.now()).toBe(model);
            expect(clock.skippedMs()).toBe(model - start);
            expect(clock.date().getTime()).toBe(model);
          }
        },
      ),
      fcParams({ numRuns: 200 }),
    );
  });
});
