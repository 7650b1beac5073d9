/**
 * What a serdes is told about the value it handles.
 *
 * @example
 * ```ts
 * const serdes: Serdes<string> = {
 *   serialize: async (value, { entityId, durableExecutionArn }) => store(durableExecutionArn, entityId, value),
 *   deserialize: async (key) => load(key),
 * };
 * ```
 */
export interface SerdesContext {
  /** Positional id of the operation whose value is (de)serialized, stable across replays. */
  entityId: string;
  /** ARN of the durable execution. */
  durableExecutionArn: string;
}

/**
 * Turns operation values into the strings stored in checkpoints and back. Both
 * directions are async so an implementation may keep the value elsewhere and store
 * only a pointer.
 *
 * @example
 * ```ts
 * const dateSerdes: Serdes<Date> = {
 *   serialize: async (value) => (value === undefined ? undefined : value.toISOString()),
 *   deserialize: async (text) => (text === undefined ? undefined : new Date(text)),
 * };
 * const when = await context.step("now", async () => new Date(), { serdes: dateSerdes });
 * ```
 */
export interface Serdes<T> {
  /** Encodes a value; `undefined` output means "no payload". */
  serialize: (value: T | undefined, context: SerdesContext) => Promise<string | undefined>;
  /** Decodes a stored payload; an absent payload is passed as `undefined`. */
  deserialize: (data: string | undefined, context: SerdesContext) => Promise<T | undefined>;
}

/**
 * A serdes for values of any type.
 *
 * @example
 * ```ts
 * const serdes: AnySerdes = createFileSystemSerdes("/mnt/efs");
 * context.configureSerdes({ defaultSerdes: serdes });
 * ```
 */
export type AnySerdes = Serdes<any>;

/**
 * Only the decoding half of a serdes, as used for callback results.
 *
 * @example
 * ```ts
 * context.configureSerdes({
 *   defaultCallbackDeserializer: { deserialize: async (text) => (text ? JSON.parse(text) : undefined) },
 * });
 * ```
 */
export type AnySerdesDeserializer = Pick<AnySerdes, "deserialize">;

/**
 * Serdes defaults a context applies to operations that do not choose their own.
 *
 * @example
 * ```ts
 * context.configureSerdes({ defaultSerdes: superJsonSerdes });
 * ```
 */
export interface SerdesConfig {
  /** Used for step, child-context, invoke, condition and batch values. */
  defaultSerdes?: AnySerdes;
  /** Used to decode callback results. */
  defaultCallbackDeserializer?: AnySerdesDeserializer;
}
