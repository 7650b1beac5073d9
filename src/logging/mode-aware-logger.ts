import type { DurableContextLogger, DurableLogger } from "../types/logger";

const LEVEL_METHODS = ["info", "warn", "error", "debug"] as const;

/**
 * Builds the logger a context exposes. Each call is forwarded (with its return value) to
 * whatever logger `getLogger()` returns at that moment, unless `shouldSuppress()` says the call
 * must be dropped (e.g. the context is replaying and mode-aware logging is on). `log` is offered
 * only when the logger current at creation time has one.
 */
export function createContextLogger<L extends DurableLogger>(
  getLogger: () => L,
  shouldSuppress: () => boolean,
): DurableContextLogger<L> {
  const forward =
    (method: "log" | (typeof LEVEL_METHODS)[number]) =>
    (...args: unknown[]): unknown => {
      if (shouldSuppress()) return undefined;
      const logger = getLogger();
      return (logger[method] as ((...a: unknown[]) => unknown) | undefined)?.apply(logger, args);
    };

  const contextLogger: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of LEVEL_METHODS) contextLogger[method] = forward(method);
  if (typeof getLogger().log === "function") contextLogger.log = forward("log");
  return contextLogger as unknown as DurableContextLogger<L>;
}
