/**
 * Checks of a `map` or `parallel` call, made before anything is checkpointed. Argument
 * mistakes reject the call; configuration mistakes fail the execution (as the reference
 * does for an invalid `maxConcurrency`), each with a message naming the batch.
 */
import { NestingType } from "../../types/batch";
import { argumentError, functionOptionError, oneOfError, serdesError } from "../argument-errors";

const NESTING: readonly unknown[] = Object.values(NestingType);

/**
 * The error whose message fails the execution for an invalid batch configuration, or
 * `undefined` when it is valid. `label` names the call (`map "orders"`).
 */
export function batchConfigError(
  config: {
    maxConcurrency?: unknown;
    completionConfig?: unknown;
    nesting?: unknown;
    summaryGenerator?: unknown;
    serdes?: unknown;
    itemSerdes?: unknown;
  },
  label = "batch",
): TypeError | undefined {
  const { maxConcurrency, completionConfig, nesting } = config;
  if (
    maxConcurrency !== undefined &&
    maxConcurrency !== null &&
    !(Number.isInteger(maxConcurrency) && (maxConcurrency as number) > 0)
  ) {
    return argumentError(
      label,
      "maxConcurrency must be a positive whole number, or undefined for no limit",
      maxConcurrency,
    );
  }
  return (
    oneOfError(label, "nesting", NESTING, nesting) ??
    functionOptionError(label, "summaryGenerator", config.summaryGenerator) ??
    serdesError(label, "serdes", config.serdes, "serialize") ??
    serdesError(label, "itemSerdes", config.itemSerdes, "serialize") ??
    (completionConfig === undefined ? undefined : completionError(label, completionConfig))
  );
}

function completionError(label: string, completion: unknown): TypeError | undefined {
  if (typeof completion !== "object" || completion === null) {
    return argumentError(label, "completionConfig must be an object", completion);
  }
  const { shouldComplete, minSuccessful, toleratedFailureCount, toleratedFailurePercentage } =
    completion as Record<string, unknown>;
  if (
    shouldComplete !== undefined &&
    (minSuccessful !== undefined ||
      toleratedFailureCount !== undefined ||
      toleratedFailurePercentage !== undefined)
  ) {
    return argumentError(
      label,
      "completionConfig.shouldComplete cannot be combined with minSuccessful, toleratedFailureCount or toleratedFailurePercentage; use one or the other",
    );
  }
  return (
    functionOptionError(label, "completionConfig.shouldComplete", shouldComplete) ??
    countError(label, "minSuccessful", minSuccessful) ??
    countError(label, "toleratedFailureCount", toleratedFailureCount) ??
    (toleratedFailurePercentage === undefined ||
    (typeof toleratedFailurePercentage === "number" &&
      toleratedFailurePercentage >= 0 &&
      toleratedFailurePercentage <= 100)
      ? undefined
      : argumentError(
          label,
          "completionConfig.toleratedFailurePercentage must be a number from 0 to 100",
          toleratedFailurePercentage,
        ))
  );
}

function countError(label: string, option: string, value: unknown): TypeError | undefined {
  return value === undefined || (Number.isInteger(value) && (value as number) >= 0)
    ? undefined
    : argumentError(
        label,
        `completionConfig.${option} must be a whole number of at least 0`,
        value,
      );
}
