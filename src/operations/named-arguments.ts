/**
 * Splits the arguments of a call whose first parameter, the name, is optional:
 * `(name?, a, b?, c?)`. The first argument is the name when it is a string or `undefined`
 * (an explicit "no name"); otherwise the arguments shift one place to the right.
 */
export function parseNamedArgs<A, B = undefined, C = undefined>(
  first: string | undefined | A,
  second?: A | B,
  third?: B | C,
  fourth?: C,
): [string | undefined, A, B | undefined, C | undefined] {
  if (typeof first === "string" || first === undefined) {
    return [first as string | undefined, second as A, third as B | undefined, fourth];
  }
  return [undefined, first, second as B | undefined, third as C | undefined];
}
