import { serdesFailed } from "../errors/internal-errors";
import type { OperationCall } from "./lifecycle";
import { defaultDeserialize, defaultSerdes, parseStoredJson } from "../serdes/default-serdes";
import type { AnySerdesDeserializer, Serdes, SerdesContext } from "../types/serdes";

/** What the default serdes fails to store, and what to do instead. */
const DEFAULT_SERDES_HINT =
  ". The default JSON serdes cannot store BigInt values or circular references: convert the value (e.g. String(big)) or give this operation a serdes";

/**
 * Serializes an operation's value. A failing serdes fails the invocation (the handler
 * throws `SerdesFailedError` and the service retries), so the returned promise then never settles.
 */
export function serializeOrFail<T>(
  op: OperationCall,
  serdes: Pick<Serdes<T>, "serialize">,
  value: T | undefined,
): Promise<string | undefined> {
  return orFail(
    op,
    "Serialization",
    (context) => serdes.serialize(value, context),
    (error) => (serdes === defaultSerdes && error instanceof TypeError ? DEFAULT_SERDES_HINT : ""),
  );
}

/**
 * Deserializes an operation's stored value; failures fail the invocation like
 * {@link serializeOrFail}. The default serdes is applied at once, without its promise chain:
 * every replayed operation passes through here.
 */
export function deserializeOrFail<T>(
  op: OperationCall,
  serdes: AnySerdesDeserializer | Pick<Serdes<T>, "deserialize">,
  data: string | undefined,
): Promise<T | undefined> {
  if (serdes.deserialize === defaultDeserialize) {
    try {
      return Promise.resolve(parseStoredJson(data));
    } catch {
      // Not JSON: the serdes call below fails the invocation with the same error.
    }
  }
  return orFail(
    op,
    "Deserialization",
    (context) => serdes.deserialize(data, context) as Promise<T | undefined>,
  );
}

/**
 * Runs a serdes call with the operation's serdes context; a failure fails the invocation with
 * a `SerdesFailedError` naming the operation by its positional id ("1-2"), as the reference
 * does, followed by `hint`.
 */
async function orFail<R>(
  op: OperationCall,
  kind: "Serialization" | "Deserialization",
  call: (context: SerdesContext) => Promise<R>,
  hint: (error: unknown) => string = () => "",
): Promise<R> {
  const { runtime } = op;
  try {
    return await call({ entityId: op.rawId, durableExecutionArn: runtime.durableExecutionArn });
  } catch (error) {
    const named = { name: op.name, id: op.rawId, subType: op.subType };
    return runtime.failInvocation(serdesFailed(kind, named, error, hint(error)));
  }
}
