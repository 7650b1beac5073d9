// Webhook with heartbeats: createCallback returns a promise and a callback id at once, so the
// workflow can start a long external job (a video transcode, a partner's batch) and keep going
// until it needs the answer. The job proves it is alive with heartbeats: if none arrives within
// `heartbeatTimeout`, the callback fails early instead of waiting for the full `timeout`.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export interface TranscodeResult {
  url: string;
  seconds: number;
}

/** Stand-in for the external job queue; the job reports back to `callbackId`. */
export const jobs: { videoId: string; callbackId: string }[] = [];

export const handler = withDurableExecution(async (event: { videoId: string }, context) => {
  const [transcoded, callbackId] = await context.createCallback<TranscodeResult>("transcode", {
    timeout: { hours: 6 },
    heartbeatTimeout: { minutes: 10 },
    serdes: { deserialize: async (text) => (text ? JSON.parse(text) : undefined) },
  });

  await context.step("submit-job", async () => {
    jobs.push({ videoId: event.videoId, callbackId });
  });
  // Work that does not need the result can run before awaiting it.
  const thumbnail = await context.step("thumbnail", async () => `${event.videoId}.jpg`);

  const video = await transcoded;
  return { thumbnail, url: video.url, seconds: video.seconds };
});
