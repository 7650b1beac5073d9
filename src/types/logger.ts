/** Log levels understood by {@link DurableLogger.log}. */
export enum DurableLogLevel {
  INFO = "INFO",
  WARN = "WARN",
  ERROR = "ERROR",
  DEBUG = "DEBUG",
}

/** Metadata the SDK supplies to a logger at log time. */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  [key: string]: unknown;
}

/** Handed to a logger so it can read live durable metadata when it writes a record. */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/** Shape of any logger the SDK can use (the default JSON logger, Powertools, a custom object). */
export interface DurableLogger {
  log?(level: `${DurableLogLevel}`, ...params: any): void;
  error(...params: any): void;
  warn(...params: any): void;
  info(...params: any): void;
  debug(...params: any): void;
  configureDurableLoggingContext?(durableLoggingContext: DurableLoggingContext): void;
}

/** The logger exposed on a context: the level methods of the underlying logger. */
export type DurableContextLogger<Logger extends DurableLogger> = Pick<
  Logger,
  "log" | "warn" | "info" | "error" | "debug"
>;

/** Options of `DurableContext.configureLogger`. */
export interface LoggerConfig<Logger extends DurableLogger> {
  customLogger?: Logger;
  modeAware?: boolean;
}
