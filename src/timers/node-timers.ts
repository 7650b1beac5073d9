/**
 * The real timer functions of `node:timers`, for the SDK. Test frameworks' fake timers replace
 * only the global ones, so the SDK keeps real time under them. One module, so a bundle
 * carries a single `require("node:timers")`.
 *
 * @example
 * ```ts
 * import { setImmediate } from "../timers/node-timers";
 * setImmediate(flush);
 * ```
 */
import {
  clearTimeout as clear,
  setImmediate as immediate,
  setTimeout as timeout,
} from "node:timers";

/** Real `setTimeout`, captured when the SDK loads. */
export const setTimeout = timeout;
/** Real `clearTimeout`, captured when the SDK loads. */
export const clearTimeout = clear;
/** Real `setImmediate`, captured when the SDK loads. */
export const setImmediate = immediate;
