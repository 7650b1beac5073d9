/**
 * Unit tests of the service's virtual clock (`service/timers/virtual-clock.ts`): it follows its
 * source plus the time skipped, only moves forward, and by default reads real time that fake
 * timers do not move.
 */
import { VirtualClock } from "../../../src/testing/service/timers/virtual-clock";

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

test("now() is the source's time until something is skipped; date() is the same instant", () => {
  let source = T0;
  const clock = new VirtualClock(() => source);
  expect(clock.now()).toBe(T0);
  source += 250;
  expect(clock.now()).toBe(T0 + 250);
  expect(clock.date()).toEqual(new Date(T0 + 250));
  expect(clock.skippedMs()).toBe(0);
});

test("advanceTo jumps forward by the difference and keeps running at the source's pace", () => {
  let source = T0;
  const clock = new VirtualClock(() => source);
  clock.advanceTo(T0 + HOUR);
  expect(clock.now()).toBe(T0 + HOUR);
  expect(clock.skippedMs()).toBe(HOUR);
  source += 10;
  expect(clock.now()).toBe(T0 + HOUR + 10);
  clock.advanceTo(T0 + 2 * HOUR);
  expect(clock.now()).toBe(T0 + 2 * HOUR);
  expect(clock.skippedMs()).toBe(2 * HOUR - 10);
});

test("advanceTo never moves the clock back, nor skips when the time is already reached", () => {
  let source = T0;
  const clock = new VirtualClock(() => source);
  clock.advanceTo(T0 - HOUR);
  expect(clock.now()).toBe(T0);
  clock.advanceTo(T0);
  expect(clock.skippedMs()).toBe(0);
  source = T0 + HOUR;
  clock.advanceTo(T0 + 1);
  expect(clock.now()).toBe(T0 + HOUR);
  expect(clock.skippedMs()).toBe(0);
});

describe("the default source", () => {
  afterEach(() => jest.useRealTimers());

  test("is real time: faked and advanced global timers do not move it", () => {
    jest.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z") });
    const clock = new VirtualClock();
    const before = clock.now();
    expect(before).toBeGreaterThan(Date.UTC(2020, 0, 1));
    jest.advanceTimersByTime(24 * HOUR);
    expect(clock.now() - before).toBeLessThan(24 * HOUR);
  });
});
