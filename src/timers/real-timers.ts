/**
 * Timer functions and a wall clock that test frameworks' fake timers do not replace.
 *
 * `jest.useFakeTimers()`, `fakeTimers: { enableGlobally: true }` and `vi.useFakeTimers()`
 * swap the *global* `setTimeout`, `setImmediate`, `Date` (and, for jest, `process.hrtime`).
 * The functions exported by the `node:timers` module and `performance` from `node:perf_hooks`
 * are separate objects that those tools leave alone, so the SDK and the embedded service take
 * their timers and their clock from here and keep working while a test fakes time.
 *
 * @example
 * ```ts
 * import { realTimers, realNow } from "./real-timers";
 * const started = realNow();
 * realTimers.setTimeout(() => console.log(realNow() - started), 10);
 * ```
 */
import { performance } from "node:perf_hooks";
import { clearImmediate, clearTimeout, setImmediate, setTimeout } from "node:timers";

/** The real timer functions, captured from `node:timers` when this module loads. */
export const realTimers = { setTimeout, clearTimeout, setImmediate, clearImmediate } as const;

const origin = performance.timeOrigin;
const now = performance.now.bind(performance);

/** Real wall-clock time in epoch milliseconds (not moved by fake timers). */
export function realNow(): number {
  return origin + now();
}

/** True when the global timer functions are not the real ones (a test framework faked them). */
export function globalTimersAreFaked(): boolean {
  return globalThis.setTimeout !== setTimeout || globalThis.setImmediate !== setImmediate;
}
