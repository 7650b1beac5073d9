import { hashOperationId } from "../../context/operation-id";

/**
 * The id the SDK gives the operation at a position: `operationIdAt(2)` is the second durable
 * call of the handler, `operationIdAt(3, 1)` the first call inside the child context (or map,
 * or parallel) that is the handler's third call. Use it to seed a
 * {@link MockDurableExecutionClient} with operations recorded by hand.
 *
 * @param positions 1-based positions, outermost first; at least one.
 * @throws RangeError when no position is given or one is not a positive integer.
 * @example
 * ```ts
 * const client = new MockDurableExecutionClient({
 *   operations: [
 *     { Id: operationIdAt(1), Type: "STEP", Name: "load", Status: "SUCCEEDED",
 *       StepDetails: { Result: JSON.stringify({ id: 7 }) } },
 *   ],
 * });
 * ```
 */
export function operationIdAt(...positions: number[]): string {
  if (positions.length === 0 || positions.some((p) => !Number.isInteger(p) || p < 1)) {
    throw new RangeError(
      `operationIdAt takes 1-based integer positions, got (${positions.join(", ")})`,
    );
  }
  return hashOperationId(positions.join("-"));
}
