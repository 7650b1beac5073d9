/**
 * The process-wide test environment: one embedded service shared by every runner, created
 * by `setupTestEnvironment` and closed (timers cleared) by `teardownTestEnvironment`.
 * Nothing global (timers, `Date`) is patched.
 */
import { DurableExecutionService } from "./service/durable-execution-service";
import type { LocalDurableTestRunnerSetupParameters } from "./types";

type State = "never" | "active" | "torn-down";

let state: State = "never";
let service: DurableExecutionService | undefined;
let skipTime = false;

/** Sets the environment up; rejects when it already is. */
export async function setupEnvironment(
  params: LocalDurableTestRunnerSetupParameters = {},
): Promise<void> {
  if (state === "active") {
    throw new Error(
      "Worker thread is already running: the test environment is already set up. " +
        "Call LocalDurableTestRunner.teardownTestEnvironment() before setting it up again.",
    );
  }
  skipTime = params.skipTime ?? false;
  service = new DurableExecutionService({
    skipTime,
    checkpointDelayMs: params.checkpointDelay ?? 0,
    callbackGraceMs: params.callbackTimeoutGrace,
  });
  state = "active";
}

/** Tears the environment down (a second call is a no-op); rejects when it was never set up. */
export async function teardownEnvironment(): Promise<void> {
  if (state === "never") throw notCreated();
  if (state === "torn-down") return;
  service?.close();
  service = undefined;
  state = "torn-down";
}

/** The current service, or the reference's errors when there is none. */
export function requireService(): DurableExecutionService {
  if (state === "never") throw notCreated();
  if (state === "torn-down" || !service) {
    throw new Error(
      "Worker not initialized: the test environment was torn down. Call LocalDurableTestRunner.setupTestEnvironment() again.",
    );
  }
  return service;
}

/** The `skipTime` setting of the last setup. */
export function isSkipTime(): boolean {
  return skipTime;
}

function notCreated(): Error {
  return new Error(
    "CheckpointWorkerManager has not been created: call LocalDurableTestRunner.setupTestEnvironment() first.",
  );
}
