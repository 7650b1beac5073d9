import {
  LocalDurableTestRunner,
  WaitingOperationStatus,
} from "@aws/durable-execution-sdk-js/testing";
import { handler, jobs } from "./webhook";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("the job sends heartbeats, then its result through the webhook's callback id", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const transcode = runner.getOperation("transcode");
  const submitJob = runner.getOperation("submit-job");

  const pending = runner.run({ payload: { videoId: "v-1" } });
  await submitJob.waitForData(WaitingOperationStatus.COMPLETED);
  expect(jobs[0]).toEqual({
    videoId: "v-1",
    callbackId: transcode.getCallbackDetails()?.callbackId,
  });

  await transcode.sendCallbackHeartbeat();
  await transcode.sendCallbackHeartbeat();
  await transcode.sendCallbackSuccess(JSON.stringify({ url: "s3://videos/v-1.mp4", seconds: 93 }));

  const result = await pending;
  expect(result.getResult()).toEqual({
    thumbnail: "v-1.jpg",
    url: "s3://videos/v-1.mp4",
    seconds: 93,
  });
  expect(transcode.getStatus()).toBe("SUCCEEDED");
});

test("the job reports a failure: awaiting the callback throws", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const transcode = runner.getOperation("transcode");
  const pending = runner.run({ payload: { videoId: "v-2" } });
  await transcode.waitForData(WaitingOperationStatus.STARTED);
  await transcode.sendCallbackFailure({
    ErrorType: "CodecError",
    ErrorMessage: "unsupported codec",
  });

  const result = await pending;
  expect(result.getStatus()).toBe("FAILED");
  expect(result.getError().errorMessage).toBe("unsupported codec");
});
