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
export const defaultSerdes: Serdes<any> = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (data) => parseStoredJson(data),
};

/** The default serdes' own `deserialize` (a spy or replacement installed on it is not). */
export const defaultDeserialize = defaultSerdes.deserialize;

/** What the default serdes deserializes `data` to, without a promise: `JSON.parse`, or `undefined`. */
export function parseStoredJson(data: string | undefined): any {
  return data === undefined ? undefined : JSON.parse(data);
}
