/** The Lambda context object handed to handlers run by the embedded service. */
import type { Context } from "aws-lambda";

function notImplemented(): never {
  throw new Error("Function not implemented.");
}

/** Builds a Lambda context with the runner's fixed defaults and the given request id. */
export function createLambdaContext(
  awsRequestId: string,
  functionName = "my-function-name",
): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "1",
    invokedFunctionArn: `arn:aws:lambda:us-east-2:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId,
    logGroupName: "MyLogGroupName",
    logStreamName: "MyLogStreamName",
    getRemainingTimeInMillis: () => 900_000,
    done: notImplemented,
    fail: notImplemented,
    succeed: notImplemented,
  };
}
