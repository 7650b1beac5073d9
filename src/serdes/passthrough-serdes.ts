import type { Serdes } from "../types/serdes";

/**
 * Serdes that leaves strings alone: `deserialize` hands back the stored payload
 * unchanged, `serialize` returns strings (and `undefined`) as they are and
 * JSON-encodes anything else. It is the last fallback for callback results.
 */
export const passThroughSerdes: Serdes<string> = {
  serialize: async (value) =>
    typeof value === "string" || value === undefined ? value : JSON.stringify(value),
  deserialize: async (data) => data,
};
