import {
  MockDurableExecutionClient,
  expectReplayed,
  expectStepsCheckpointed,
} from "@aws/durable-execution-sdk-js/testing";
import { handler, usage } from "./agent-loop";

beforeEach(() => (usage.modelCalls = 0));

test("each model and tool call is a step; replays never call the model again", async () => {
  const client = new MockDurableExecutionClient({ payload: { question: "Weekend plans?" } });
  const run = await client.invokeUntilDone(handler);

  expect(run.status).toBe("SUCCEEDED");
  expect(run.result).toEqual({ answer: "Plan: sunny in Porto; saturday is free", turns: 3 });
  expectStepsCheckpointed(client, [
    { name: "model-turn-1", result: { type: "tool", tool: "weather", input: "Porto" } },
    { name: "tool-weather-1", result: "sunny in Porto" },
    { name: "model-turn-2", result: { type: "tool", tool: "calendar", input: "saturday" } },
    { name: "tool-calendar-2", result: "saturday is free" },
    "model-turn-3",
  ]);
  // Three invocations (two cool-down waits) but exactly three model calls.
  expect(client.invocationCount).toBe(3);
  expect(usage.modelCalls).toBe(3);
  expectReplayed(client, "model-turn-1");
});

test("the turn limit fails the execution with a clear error", async () => {
  const client = new MockDurableExecutionClient({ payload: { question: "?", maxTurns: 1 } });
  const run = await client.invokeUntilDone(handler);
  expect(run.status).toBe("FAILED");
  expect(run.error?.ErrorMessage).toBe("no answer after 1 turns");
});
