import { DurablePromise } from "../context/durable-promise";

/** `method "name"`, or just `method` for an unnamed call: how messages name one call. */
export function operationLabel(method: string, name: string | undefined): string {
  return name === undefined ? method : `${method} "${name}"`;
}

/**
 * A `TypeError` for a bad argument: `<label>: <problem>`, followed by ` (got <value>)` when
 * the offending value is passed.
 */
export function argumentError(label: string, problem: string, ...value: [unknown?]): TypeError {
  const got = value.length === 0 ? "" : ` (got ${value[0] === "" ? '""' : String(value[0])})`;
  return new TypeError(`${label}: ${problem}${got}`);
}

/** The error for a config that is not an object, if it is not. */
export function configError(label: string, config: unknown): TypeError | undefined {
  return typeof config === "object" && config !== null
    ? undefined
    : argumentError(label, "config must be an object", config);
}

/** The error for an optional serdes option lacking the method the operation calls, if it does. */
export function serdesError(
  label: string,
  option: string,
  serdes: unknown,
  method: "serialize" | "deserialize",
): TypeError | undefined {
  return serdes === undefined || typeof (serdes as Record<string, unknown>)?.[method] === "function"
    ? undefined
    : argumentError(label, `${option} must have a ${method} function`);
}

/** A DurablePromise already rejected with `error` (never reported as unhandled). */
export function rejected<T>(error: unknown): DurablePromise<T> {
  return DurablePromise.fromRunning(Promise.reject(error));
}
