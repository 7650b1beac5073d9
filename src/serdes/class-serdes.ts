import type { Serdes } from "../types/serdes";
import { defaultSerdes } from "./default-serdes";

/**
 * JSON serdes that restores the prototype of the top-level object: decoding runs
 * `new cls()` (constructor side effects included) and copies the parsed fields onto
 * it. Nested objects stay plain. Experimental.
 *
 * @example
 * ```ts
 * class Cart {
 *   items: string[] = [];
 *   get size() { return this.items.length; }
 * }
 * const cart = await context.step("load-cart", loadCart, { serdes: createClassSerdes(Cart) });
 * cart.size; // a Cart again after replay, not a plain object
 * ```
 */
export function createClassSerdes<T extends object>(cls: new () => T): Serdes<T> {
  return {
    serialize: defaultSerdes.serialize,
    deserialize: async (data) =>
      data === undefined ? undefined : Object.assign(new cls(), JSON.parse(data)),
  };
}

/**
 * Like {@link createClassSerdes}, and also turns each listed dot path (e.g.
 * `"metadata.createdAt"`) back into a `Date` when it exists and holds a truthy value.
 * A path that runs into a missing or non-object segment is left alone. Experimental.
 *
 * @example
 * ```ts
 * const serdes = createClassSerdesWithDates(Invoice, ["issuedAt", "meta.dueAt"]);
 * const invoice = await context.step("load", loadInvoice, { serdes });
 * invoice.issuedAt.getFullYear(); // a Date, on the first run and after replay
 * ```
 */
export function createClassSerdesWithDates<T extends object>(
  cls: new () => T,
  dateProps: string[],
): Serdes<T> {
  const classSerdes = createClassSerdes(cls);
  return {
    serialize: classSerdes.serialize,
    deserialize: async (data, context) => {
      const value = await classSerdes.deserialize(data, context);
      if (value !== undefined) {
        for (const path of dateProps) reviveDate(value, path.split("."));
      }
      return value;
    },
  };
}

/** Replaces the own value at `segments` inside `root` with a `Date`, if present and truthy. */
function reviveDate(root: object, segments: string[]): void {
  let holder: Record<string, unknown> = root as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) {
    const next = holder[segment];
    if (typeof next !== "object" || next === null) return;
    holder = next as Record<string, unknown>;
  }
  const last = segments[segments.length - 1];
  const raw = holder[last];
  if (Object.hasOwn(holder, last) && raw) holder[last] = new Date(raw as string | number | Date);
}
