// Polling with waitForCondition: check an external status, and if it is not final yet, sleep
// (durably, without running) and check again. createWaitStrategy supplies the backoff and the
// limit on the number of checks; the state returned by one check is the input of the next.
import { createWaitStrategy, withDurableExecution } from "@aws/durable-execution-sdk-js";

export interface ExportJob {
  jobId: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  checks: number;
}

/** A fake export service: the job is done on the fourth status request. */
export const exportService = {
  requests: 0,
  async status(_jobId: string): Promise<ExportJob["status"]> {
    this.requests++;
    return this.requests >= 4 ? "DONE" : this.requests >= 2 ? "RUNNING" : "QUEUED";
  },
};

export const handler = withDurableExecution(async (event: { jobId: string }, context) => {
  const job = await context.waitForCondition<ExportJob>(
    "wait-for-export",
    async (state) => ({
      ...state,
      status: await exportService.status(state.jobId),
      checks: state.checks + 1,
    }),
    {
      initialState: { jobId: event.jobId, status: "QUEUED", checks: 0 },
      waitStrategy: createWaitStrategy<ExportJob>({
        shouldContinuePolling: (state) => state.status === "QUEUED" || state.status === "RUNNING",
        initialDelay: { seconds: 30 },
        backoffRate: 2,
        maxDelay: { minutes: 5 },
        maxAttempts: 20,
      }),
    },
  );
  if (job.status === "FAILED") throw new Error(`export ${job.jobId} failed`);
  return context.step("download", async () => `https://exports.example.com/${job.jobId}.zip`);
});
