/**
 * Loading the instrumentation plugins named in `DURABLE_EXECUTION_PLUGINS` failed.
 *
 * @example
 * ```ts
 * const output = await handler(event, lambdaContext);
 * if (output.Status === "FAILED" && output.Error.ErrorType === "PluginLoadError") {
 *   console.error("an instrumentation plugin could not be loaded");
 * }
 * ```
 */
export class PluginLoadError extends Error {
  override name = "PluginLoadError";

  /** Creates the error, prefixing the message; `options.cause` is kept. */
  constructor(message: string, options?: ErrorOptions) {
    super(`Dynamic plugin configuration failed: ${message}`, options);
  }
}
