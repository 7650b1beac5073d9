import { DurablePromise } from "../types/durable-promise";

/** Where the next operation of a context will sit, for naming unnamed calls. */
export interface PositionSource {
  nextRawId(): string;
}

const MAX_NAME_LENGTH = 256;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

/**
 * How messages name one call: `step "charge"`, or for an unnamed call its kind and its
 * position in its context: `step (unnamed, position 1-2)`. `position` is the operation's own
 * positional id, or the context it is about to be created in.
 */
export function operationLabel(
  method: string,
  name: string | undefined,
  position: PositionSource | string,
): string {
  if (name !== undefined) return `${method} "${name}"`;
  const rawId = typeof position === "string" ? position : position.nextRawId();
  return `${method} (unnamed, position ${rawId})`;
}

/**
 * A `TypeError` for a bad argument: `<label>: <problem>`, followed by ` (got <value>)` when
 * the offending value is passed.
 */
export function argumentError(label: string, problem: string, ...value: [unknown?]): TypeError {
  const got = value.length === 0 ? "" : ` (got ${describeValue(value[0])})`;
  return new TypeError(`${label}: ${problem}${got}`);
}

/**
 * The error for an operation name the service would refuse (1 to 256 printable ASCII
 * characters), if it is one. Checked at the call, before anything runs.
 */
export function nameError(method: string, name: unknown): TypeError | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== "string") {
    return argumentError(method, "the name must be a string", name);
  }
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || !PRINTABLE_ASCII.test(name)) {
    const shown =
      name.length > 40
        ? `${JSON.stringify(name.slice(0, 40))}… (${name.length} characters)`
        : JSON.stringify(name);
    return new TypeError(
      `${method} ${shown}: the name must be 1 to ${MAX_NAME_LENGTH} printable ASCII characters ` +
        "(letters, digits, spaces and punctuation); shorten it or move details into the payload",
    );
  }
  return undefined;
}

/** The error for a config that is not an object, if it is not. */
export function configError(label: string, config: unknown): TypeError | undefined {
  return typeof config === "object" && config !== null && !Array.isArray(config)
    ? undefined
    : argumentError(label, "config must be an object", config);
}

/** The error for an optional option that must be a function, if it is not one. */
export function functionOptionError(
  label: string,
  option: string,
  value: unknown,
): TypeError | undefined {
  return value === undefined || typeof value === "function"
    ? undefined
    : argumentError(label, `${option} must be a function`, value);
}

/**
 * The error for an optional serdes option lacking a method the operation calls, if it does:
 * `method`, or both `serialize` and `deserialize` when none is named.
 */
export function serdesError(
  label: string,
  option: string,
  serdes: unknown,
  method?: "serialize" | "deserialize",
): TypeError | undefined {
  if (serdes === undefined) return undefined;
  const missing = (method ? [method] : ["serialize", "deserialize"]).find(
    (name) => typeof (serdes as Record<string, unknown> | null)?.[name] !== "function",
  );
  return missing ? argumentError(label, `${option} must have a ${missing} function`) : undefined;
}

/** The error for an optional option that is none of the `allowed` values, if it is none. */
export function oneOfError(
  label: string,
  option: string,
  allowed: readonly unknown[],
  value: unknown,
): TypeError | undefined {
  return value === undefined || allowed.includes(value)
    ? undefined
    : argumentError(label, `${option} must be one of ${allowed.join(", ")}`, value);
}

/** A DurablePromise already rejected with `error` (never reported as unhandled). */
export function rejected<T>(error: unknown): DurablePromise<T> {
  return DurablePromise.fromRunning(Promise.reject(error));
}

/** A value as it shows in a message: strings quoted, functions and objects summarized. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
