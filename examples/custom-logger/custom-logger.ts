// Logging with a custom logger. `context.logger` is replay-aware: lines logged by code that is
// being replayed are dropped (set `modeAware: false` to keep them), so a log reads as if the
// workflow ran once. configureLogger swaps the default JSON logger for any object with
// debug/info/warn/error (pino, winston, Powertools...); if it has
// configureDurableLoggingContext, the SDK hands it a way to read the execution ARN, request id,
// and the current operation's id, name and attempt at each call.
import {
  type DurableLogger,
  type DurableLoggingContext,
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

/** A logger that keeps structured records in memory (a real one would ship them somewhere). */
export class MemoryLogger implements DurableLogger {
  readonly records: { level: string; message: string; operation?: string; attempt?: number }[] = [];
  private context?: DurableLoggingContext;

  configureDurableLoggingContext(context: DurableLoggingContext): void {
    this.context = context;
  }
  debug(message: string): void {
    this.write("debug", message);
  }
  info(message: string): void {
    this.write("info", message);
  }
  warn(message: string): void {
    this.write("warn", message);
  }
  error(message: string): void {
    this.write("error", message);
  }

  private write(level: string, message: string): void {
    const data = this.context?.getDurableLogData();
    this.records.push({ level, message, operation: data?.operationName, attempt: data?.attempt });
  }
}

export function createHandler(logger: MemoryLogger) {
  return withDurableExecution(async (event: { user: string }, context) => {
    context.configureLogger({ customLogger: logger });
    context.logger.info(`signup started for ${event.user}`);

    await context.step("create-account", async (step) => {
      step.logger.info("creating account");
    });
    await context.wait("welcome-delay", { hours: 1 });

    context.logger.info("sending welcome mail");
    return "done";
  });
}

/** For `run-durable` (the records stay in memory). */
export const handler = createHandler(new MemoryLogger());
