// Plugins (experimental): an instrumentation plugin sees every invocation and operation, and
// can wrap them (for tracing, metrics, or adding fields to log lines). This one measures how
// each step attempt ended and which invocations ran, the way a metrics plugin would.
import {
  type AttemptEndInfo,
  type DurableInstrumentationPlugin,
  type InvocationEndInfo,
  type OperationEndInfo,
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

export interface Metrics {
  invocations: { first: boolean; status: string }[];
  attempts: { name?: string; attempt: number; outcome: string }[];
  finished: { name?: string; replayed: boolean }[];
}

export class MetricsPlugin implements DurableInstrumentationPlugin {
  readonly metrics: Metrics = { invocations: [], attempts: [], finished: [] };

  async onInvocationEnd(info: InvocationEndInfo): Promise<void> {
    this.metrics.invocations.push({ first: info.isFirstInvocation, status: info.status });
  }

  async onOperationAttemptEnd(info: AttemptEndInfo): Promise<void> {
    this.metrics.attempts.push({ name: info.name, attempt: info.attempt, outcome: info.outcome });
  }

  async onOperationEnd(info: OperationEndInfo): Promise<void> {
    this.metrics.finished.push({ name: info.name, replayed: info.isReplay });
  }

  /** Fields added to every line the default logger writes. */
  enrichLogContext(): Record<string, string> {
    return { service: "checkout" };
  }
}

export function createHandler(plugin: MetricsPlugin) {
  let failures = 1;
  return withDurableExecution(
    async (_event: unknown, context) => {
      await context.step("reserve", async () => "ok");
      await context.step(
        "pay",
        async () => {
          if (failures-- > 0) throw new Error("card declined, try again");
          return "paid";
        },
        { retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 1 } }) },
      );
      return "done";
    },
    { plugins: [plugin] },
  );
}

/** For `run-durable`. */
export const handler = createHandler(new MetricsPlugin());
