/**
 * The timer functions the SDK uses. In production they are the global ones, looked up at
 * each call, exactly as the reference SDK does, so tools that fake the global timers (the
 * reference testing package's time skipping) see the SDK's timers too. The embedded service
 * of `./testing` installs the real `node:timers` functions here when it starts
 * ({@link useSdkTimers}), so a test framework's fake timers never stall an SDK it drives.
 *
 * @example
 * ```ts
 * import { setImmediate } from "../timers/node-timers";
 * setImmediate(flush);
 * ```
 */

/** The timer functions the SDK calls. */
export interface SdkTimers {
  setTimeout(callback: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(handle: NodeJS.Timeout | undefined): void;
  setImmediate(callback: () => void): NodeJS.Immediate;
}

/** Shared by every copy of the SDK in the process (bundled or not). */
const SOURCE = Symbol.for("@aws/durable-execution-sdk-js/timers");

const source = (): SdkTimers =>
  ((globalThis as Record<symbol, unknown>)[SOURCE] as SdkTimers | undefined) ?? globalThis;

/** `setTimeout` of the current timer source. */
export const setTimeout = (callback: () => void, ms: number) => source().setTimeout(callback, ms);
/** `clearTimeout` of the current timer source. */
export const clearTimeout = (handle: NodeJS.Timeout | undefined) => source().clearTimeout(handle);
/** `setImmediate` of the current timer source. */
export const setImmediate = (callback: () => void) => source().setImmediate(callback);

/**
 * Makes every copy of the SDK in this process use `timers` (the embedded service passes the
 * real `node:timers` functions).
 */
export function useSdkTimers(timers: SdkTimers): void {
  (globalThis as Record<symbol, unknown>)[SOURCE] = timers;
}
