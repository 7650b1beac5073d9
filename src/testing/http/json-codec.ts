/**
 * Timestamp encodings of the HTTP face: the service works with `Date`s;
 * REST JSON bodies carry epoch seconds (fractional), query strings carry ISO-8601, and the
 * invocation envelope carries epoch milliseconds.
 */

/** How `Date`s are written by {@link encodeDates}. */
export type DateEncoding = "epoch-seconds" | "epoch-millis";

/**
 * Deep copy of a JSON-like value with every `Date` replaced by a number in the given encoding
 * and every `undefined` member left out. Arrays keep their length (undefined items become
 * `null`, as `JSON.stringify` would write them).
 */
export function encodeDates(value: unknown, encoding: DateEncoding): unknown {
  if (value instanceof Date) {
    const ms = value.getTime();
    return encoding === "epoch-seconds" ? ms / 1000 : ms;
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    return value.map((item) => (item === undefined ? null : encodeDates(item, encoding)));
  }
  if (ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (member !== undefined) out[key] = encodeDates(member, encoding);
  }
  return out;
}

/** JSON text of a REST response body: dates as epoch seconds, undefined members omitted. */
export function restJson(value: unknown): string {
  return JSON.stringify(encodeDates(value, "epoch-seconds"));
}

/** Parses an ISO-8601 date-time from a query string; `undefined` when it is not one. */
export function parseQueryTimestamp(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return undefined;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
