/** onOperationChange: called once per checkpoint response that changed an operation's status. */
import { withDurableExecution, type OperationChangeInfo } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
} from "../../src/types/wire";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";

/** Answers every checkpoint with the whole execution state, changed or not, as a service may. */
class WholeStateClient extends MemoryClient {
  override async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    const response = await super.checkpoint(params);
    const operations = structuredClone([...this.operations.values()]);
    return { ...response, NewExecutionState: { Operations: operations } };
  }
}

/** `name: status` of each operation of a map, sorted. */
const statuses = (map: OperationChangeInfo["operations"]) =>
  Object.values(map)
    .map((op) => `${op.name ?? op.type}: ${op.status}`)
    .sort();

it("reports the operations whose status changed with the whole state, and nothing for an answer that changed none", async () => {
  const client = new WholeStateClient();
  const calls: OperationChangeInfo[] = [];
  const handler = withDurableExecution(
    async (_e, ctx) => {
      await ctx.step("a", async () => 1);
      // The wait is due at once (the in-memory clock is in the past): while "b" runs, the SDK
      // polls, and the poll's answer changes nothing.
      await Promise.all([
        ctx.wait("w", { seconds: 1 }),
        ctx.step("b", async () => {
          await client.answered((request) => (request.Updates ?? []).length === 0);
          return 2;
        }),
      ]);
    },
    { plugins: [{ onOperationChange: async (info) => void calls.push(info) }] },
  );
  const envelope = client.envelope();
  const output = await handler(
    new DurableExecutionInvocationInputWithClient(envelope, client),
    lambdaContext(),
  );
  expect(output).toEqual({ Status: "PENDING" });
  expect(client.requests.map((r) => (r.Updates ?? []).map((u) => `${u.Name} ${u.Action}`))).toEqual(
    [["a START", "a SUCCEED"], ["w START", "b START"], [], ["b SUCCEED"]],
  );
  expect(calls.map((c) => c.executionArn)).toEqual(Array(3).fill(envelope.DurableExecutionArn));
  expect(calls.map((c) => statuses(c.updatedOperations))).toEqual([
    ["a: SUCCEEDED"],
    ["b: STARTED", "w: STARTED"],
    ["b: SUCCEEDED"],
  ]);
  expect(statuses(calls[2].operations)).toEqual([
    "EXECUTION: STARTED",
    "a: SUCCEEDED",
    "b: SUCCEEDED",
    "w: STARTED",
  ]);
});
