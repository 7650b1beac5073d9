/** Shared pieces of the replay verification tests: recording a run, counting side effects. */
import { withDurableExecution, type DurableContext } from "../../src";
import { LocalDurableTestRunner, toRecording, type RecordingFile } from "../../src/testing";

/** Counts every user body (step, map item step, condition check) that runs. */
export const sideEffects = { count: 0 };

/** A durable handler from a plain workflow function. */
export function durable(fn: (input: any, ctx: DurableContext) => Promise<unknown>) {
  return withDurableExecution(fn);
}

/** A step whose body counts as a side effect. */
export function work<T>(ctx: DurableContext, name: string, value: T): Promise<T> {
  return ctx.step(name, async () => {
    sideEffects.count++;
    return value;
  });
}

/** Runs `handler` on the embedded service and returns its recording as it would be read from a file. */
export async function record(
  handler: ReturnType<typeof durable>,
  payload: unknown = {},
): Promise<RecordingFile> {
  const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload });
  return JSON.parse(JSON.stringify(toRecording(result))) as RecordingFile;
}
