import { serdesFailed } from "../errors/internal-errors";
import type { OperationCall } from "./lifecycle";
import type { OperationIdentity } from "./operation-identity";
import { defaultDeserialize, defaultSerdes, parseStoredJson } from "../serdes/default-serdes";
import type { AnySerdesDeserializer, Serdes } from "../types/serdes";

/**
 * Serializes an operation's value. A failing serdes fails the invocation (the handler
 * throws `SerdesFailedError` and the service retries), so the returned promise then never settles.
 */
export async function serializeOrFail<T>(
  op: OperationCall,
  serdes: Pick<Serdes<T>, "serialize">,
  value: T | undefined,
): Promise<string | undefined> {
  const { runtime } = op;
  try {
    return await serdes.serialize(value, {
      entityId: op.rawId,
      durableExecutionArn: runtime.durableExecutionArn,
    });
  } catch (error) {
    const hint =
      serdes === defaultSerdes && error instanceof TypeError
        ? ". The default JSON serdes cannot store BigInt values or circular references: convert the value (e.g. String(big)) or give this operation a serdes"
        : "";
    return runtime.failInvocation(serdesFailed("Serialization", positional(op), error, hint));
  }
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
  return deserializeWith(op, serdes, data);
}

async function deserializeWith<T>(
  op: OperationCall,
  serdes: AnySerdesDeserializer | Pick<Serdes<T>, "deserialize">,
  data: string | undefined,
): Promise<T | undefined> {
  const { runtime } = op;
  try {
    return (await serdes.deserialize(data, {
      entityId: op.rawId,
      durableExecutionArn: runtime.durableExecutionArn,
    })) as T | undefined;
  } catch (error) {
    return runtime.failInvocation(serdesFailed("Deserialization", positional(op), error));
  }
}

/** The operation as serdes messages name it: by its positional id ("1-2"), as the reference does. */
function positional(op: OperationIdentity): { name?: string; id: string; subType: string } {
  return { name: op.name, id: op.rawId, subType: op.subType };
}
