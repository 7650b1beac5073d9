/**
 * Checks of a `map` or `parallel` call, made before anything is checkpointed. Argument
 * mistakes reject the call; configuration mistakes fail the execution (as the reference
 * does for an invalid `maxConcurrency`), each with a message naming the batch.
 */
import { NestingType } from "../../types/batch";
import { argumentError, describeValue, functionOptionError, serdesError } from "../argument-errors";

const NESTING: readonly unknown[] = Object.values(NestingType);

/**
 * The message of the error that fails the execution for an invalid batch configuration, or
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
): string | undefined {
  const { maxConcurrency, completionConfig, nesting } = config;
  if (
    maxConcurrency !== undefined &&
    maxConcurrency !== null &&
    !(typeof maxConcurrency === "number" && Number.isInteger(maxConcurrency) && maxConcurrency > 0)
  ) {
    return `${label}: maxConcurrency must be a positive whole number, or undefined for no limit (got ${describeValue(maxConcurrency)})`;
  }
  if (nesting !== undefined && !NESTING.includes(nesting)) {
    return `${label}: nesting must be one of ${NESTING.join(", ")} (got ${describeValue(nesting)})`;
  }
  const other =
    functionOptionError(label, "summaryGenerator", config.summaryGenerator) ??
    serdesError(label, "serdes", config.serdes, "serialize") ??
    serdesError(label, "itemSerdes", config.itemSerdes, "serialize");
  if (other) return other.message;
  return completionConfig === undefined ? undefined : completionError(label, completionConfig);
}

function completionError(label: string, completion: unknown): string | undefined {
  if (typeof completion !== "object" || completion === null) {
    return argumentError(label, "completionConfig must be an object", completion).message;
  }
  const { shouldComplete, minSuccessful, toleratedFailureCount, toleratedFailurePercentage } =
    completion as Record<string, unknown>;
  if (
    shouldComplete !== undefined &&
    (minSuccessful !== undefined ||
      toleratedFailureCount !== undefined ||
      toleratedFailurePercentage !== undefined)
  ) {
    return `${label}: completionConfig.shouldComplete cannot be combined with minSuccessful, toleratedFailureCount or toleratedFailurePercentage; use one or the other`;
  }
  const problem =
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
        ));
  return problem?.message;
}

function countError(label: string, option: string, value: unknown): TypeError | undefined {
  return value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0)
    ? undefined
    : argumentError(
        label,
        `completionConfig.${option} must be a whole number of at least 0`,
        value,
      );
}
