/**
 * Log levels understood by {@link DurableLogger.log}.
 *
 * @example
 * ```ts
 * context.logger.log?.(DurableLogLevel.WARN, "quota almost used", { used: 95 });
 * ```
 */
export enum DurableLogLevel {
  INFO = "INFO",
  WARN = "WARN",
  ERROR = "ERROR",
  DEBUG = "DEBUG",
}

/**
 * Metadata the SDK supplies to a logger at log time.
 *
 * @example
 * ```ts
 * configureDurableLoggingContext(context: DurableLoggingContext) {
 *   const data: DurableLogData = context.getDurableLogData();
 *   console.log(data.executionArn, data.operationName, data.attempt);
 * }
 * ```
 */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  [key: string]: unknown;
}

/**
 * Handed to a logger so it can read live durable metadata when it writes a record.
 *
 * @example
 * ```ts
 * class MyLogger implements DurableLogger {
 *   private ctx?: DurableLoggingContext;
 *   configureDurableLoggingContext(ctx: DurableLoggingContext) { this.ctx = ctx; }
 *   info(message: string) { console.log(JSON.stringify({ message, ...this.ctx?.getDurableLogData() })); }
 *   debug() {} warn() {} error() {}
 * }
 * ```
 */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/**
 * Shape of any logger the SDK can use (the default JSON logger, Powertools, a custom object).
 *
 * @example
 * ```ts
 * const logger: DurableLogger = {
 *   debug: (...args) => pino.debug(args),
 *   info: (...args) => pino.info(args),
 *   warn: (...args) => pino.warn(args),
 *   error: (...args) => pino.error(args),
 * };
 * context.configureLogger({ customLogger: logger });
 * ```
 */
export interface DurableLogger {
  log?(level: `${DurableLogLevel}`, ...params: any): void;
  error(...params: any): void;
  warn(...params: any): void;
  info(...params: any): void;
  debug(...params: any): void;
  configureDurableLoggingContext?(durableLoggingContext: DurableLoggingContext): void;
}

/**
 * The logger exposed on a context: the level methods of the underlying logger.
 *
 * @example
 * ```ts
 * const log: DurableContextLogger<DurableLogger> = context.logger;
 * log.info("hello");
 * ```
 */
export type DurableContextLogger<Logger extends DurableLogger> = Pick<
  Logger,
  "log" | "warn" | "info" | "error" | "debug"
>;

/**
 * Options of `DurableContext.configureLogger`.
 *
 * @example
 * ```ts
 * context.configureLogger({ customLogger: myLogger, modeAware: false }); // also log during replay
 * ```
 */
export interface LoggerConfig<Logger extends DurableLogger> {
  customLogger?: Logger;
  modeAware?: boolean;
}
