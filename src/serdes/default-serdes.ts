import type { Serdes } from "../types/serdes";

/**
 * The standard JSON serdes: `undefined` stays `undefined` in both directions,
 * everything else goes through `JSON.stringify` / `JSON.parse`. The context is ignored.
 *
 * @example
 * ```ts
 * const text = await defaultSerdes.serialize({ a: 1 }, serdesContext); // '{"a":1}'
 * ```
 */
export const defaultSerdes: Serdes<any> = /* @__PURE__ */ jsonSerdes();

/** The default serdes' own `deserialize` (a spy or replacement installed on it is not). */
export const defaultDeserialize = defaultSerdes.deserialize;

/** What the default serdes deserializes `data` to, without a promise: `JSON.parse`, or `undefined`. */
export function parseStoredJson(data: string | undefined): any {
  return data === undefined ? undefined : JSON.parse(data);
}

/**
 * A JSON serdes whose values are converted on the way: `toJson` before `JSON.stringify`,
 * `fromJson` after `JSON.parse`; `undefined` stays `undefined` in both directions.
 *
 * @example
 * ```ts
 * const dates = jsonSerdes<Date>((d) => d.toISOString(), (s) => new Date(s as string));
 * ```
 */
export function jsonSerdes<T>(
  toJson: (value: T) => unknown = (value) => value,
  fromJson: (json: unknown) => T = (json) => json as T,
): Serdes<T> {
  return {
    serialize: async (value) => (value === undefined ? undefined : JSON.stringify(toJson(value))),
    deserialize: async (data) => (data === undefined ? undefined : fromJson(JSON.parse(data))),
  };
}
