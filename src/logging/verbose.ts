const readFlag = (): boolean => process.env.DURABLE_VERBOSE_MODE === "true";

let verbose = readFlag();

/**
 * Re-reads `DURABLE_VERBOSE_MODE`; the SDK's internal trace is on only when it is exactly `"true"`.
 *
 * @example
 * ```ts
 * process.env.DURABLE_VERBOSE_MODE = "true";
 * refreshLogConfig(); // the SDK reads the variable again
 * ```
 */
export function refreshLogConfig(): void {
  verbose = readFlag();
}

/** Writes an SDK-internal diagnostic line through `console.debug` when verbose mode is on. */
export function verboseLog(message: string, ...details: unknown[]): void {
  if (verbose) console.debug(`🔍 ${message}`, ...details);
}
