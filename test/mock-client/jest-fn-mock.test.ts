/**
 * The minimal shape a hand-written `jest.fn()` checkpoint client must have, as documented in
 * docs/testing.md ("Plain jest.fn() mocks").
 */
import type { Context } from "aws-lambda";
import { withDurableExecution, type DurableExecutionInvocationInput } from "../../src";

function envelope(input: unknown): DurableExecutionInvocationInput {
  return {
    DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:1/durable-execution/n/1",
    CheckpointToken: "token-0",
    InitialExecutionState: {
      Operations: [
        {
          Id: "execution",
          Type: "EXECUTION",
          Status: "STARTED",
          ExecutionDetails: { InputPayload: JSON.stringify(input) },
        },
      ],
    },
  };
}

const lambdaContext = {} as Context;

test("a checkpoint mock that resolves to { CheckpointToken } is enough for steps", async () => {
  const client = {
    getExecutionState: jest.fn(),
    checkpoint: jest.fn().mockResolvedValue({ CheckpointToken: "next-token" }),
  };
  const handler = withDurableExecution(
    async (event: { n: number }, ctx) => ctx.step("double", async () => event.n * 2),
    { durableExecutionClient: client },
  );

  const output = await handler(envelope({ n: 21 }), lambdaContext);

  expect(output).toEqual({ Status: "SUCCEEDED", Result: "42" });
  const updates = client.checkpoint.mock.calls.flatMap(([request]) => request.Updates);
  expect(updates).toEqual([
    expect.objectContaining({ Name: "double", Type: "STEP", Action: "START" }),
    expect.objectContaining({ Name: "double", Type: "STEP", Action: "SUCCEED", Payload: "42" }),
  ]);
  expect(client.checkpoint.mock.calls[0][0]).toMatchObject({ CheckpointToken: "token-0" });
  expect(client.getExecutionState).not.toHaveBeenCalled();
});

test("a wait suspends the invocation: the output is PENDING", async () => {
  const client = {
    getExecutionState: jest.fn(),
    checkpoint: jest.fn().mockResolvedValue({ CheckpointToken: "t" }),
  };
  const handler = withDurableExecution(
    async (_event, ctx) => {
      await ctx.wait("later", { minutes: 5 });
      return "done";
    },
    { durableExecutionClient: client },
  );
  expect(await handler(envelope({}), lambdaContext)).toEqual({ Status: "PENDING" });
  const [request] = client.checkpoint.mock.calls[0];
  expect(request.Updates[0]).toMatchObject({ Type: "WAIT", WaitOptions: { WaitSeconds: 300 } });
});

test("createCallback needs the callback id in the checkpoint response", async () => {
  const client = {
    getExecutionState: jest.fn(),
    checkpoint: jest.fn(async (request) => ({
      CheckpointToken: "t",
      NewExecutionState: {
        Operations: request.Updates.filter((u: { Type: string }) => u.Type === "CALLBACK").map(
          (u: { Id: string }) => ({
            Id: u.Id,
            Type: "CALLBACK",
            Status: "STARTED",
            CallbackDetails: { CallbackId: "cb-1" },
          }),
        ),
      },
    })),
  };
  const seen: string[] = [];
  const handler = withDurableExecution(
    async (_event, ctx) => {
      const [, callbackId] = await ctx.createCallback("approval");
      await ctx.step("send", async () => seen.push(callbackId));
    },
    { durableExecutionClient: client },
  );
  const output = await handler(envelope({}), lambdaContext);
  expect(seen).toEqual(["cb-1"]);
  expect(output.Status).toBe("SUCCEEDED");
});
