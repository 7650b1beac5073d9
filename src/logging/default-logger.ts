import { Console } from "node:console";
import type { DurableLogData, DurableLogger, DurableLoggingContext } from "../types/logger";
import { renderLogRecord, type RecordLevel } from "./log-record";

const PRIORITY: Record<RecordLevel, number> = { DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5 };

const isRecordLevel = (value: string): value is RecordLevel => Object.hasOwn(PRIORITY, value);

/** Minimum level from `AWS_LAMBDA_LOG_LEVEL`; anything missing or unknown means DEBUG. */
const configuredPriority = (): number => {
  const name = (process.env.AWS_LAMBDA_LOG_LEVEL ?? "").toUpperCase();
  return isRecordLevel(name) ? PRIORITY[name] : PRIORITY.DEBUG;
};

/** Metadata used before `configureDurableLoggingContext` has been called. */
const EMPTY_LOG_DATA: DurableLogData = { requestId: "", executionArn: "" };

/**
 * Creates the SDK's default structured logger: every call writes one JSON line with the live
 * durable metadata (DEBUG/INFO to stdout, WARN/ERROR to stderr). Calls below the level named by
 * `AWS_LAMBDA_LOG_LEVEL` (read now) are ignored. Until a logging context is configured,
 * `requestId` and `executionArn` are written as empty strings.
 */
export function createDefaultLogger(): DurableLogger {
  // Inside Lambda (AWS_LAMBDA_FUNCTION_NAME set) lines go straight to the process streams: the
  // runtime rewrites what passes through the global console, and the line must stay the JSON
  // record. Elsewhere (tests, local runs) they go through the global console, so test
  // frameworks capture them and `jest --silent` or a mocked console hides them. Same text.
  // The Console is made at the first line written: most invocations log nothing.
  let out: Pick<Console, "log" | "error"> | undefined = process.env.AWS_LAMBDA_FUNCTION_NAME
    ? undefined
    : console;
  const minimum = configuredPriority();
  let loggingContext: DurableLoggingContext | undefined;

  const writer = (level: RecordLevel) => {
    if (PRIORITY[level] < minimum) return (): void => {};
    const method = level === "DEBUG" || level === "INFO" ? "log" : "error";
    return (...args: unknown[]): void => {
      const data = loggingContext?.getDurableLogData() ?? EMPTY_LOG_DATA;
      out ??= new Console(process.stdout, process.stderr);
      out[method](renderLogRecord(level, data, args));
    };
  };

  const logger = {
    debug: writer("DEBUG"),
    info: writer("INFO"),
    warn: writer("WARN"),
    error: writer("ERROR"),
    log(level: string, ...args: unknown[]): void {
      const method = level === "DEBUG" || level === "WARN" || level === "ERROR" ? level : "INFO";
      logger[method.toLowerCase() as "debug" | "info" | "warn" | "error"](...args);
    },
    configureDurableLoggingContext(context: DurableLoggingContext): void {
      loggingContext = context;
    },
  };
  return logger;
}
