/** The in-memory client enforces the checkpoint protocol with the embedded service's rules. */
import { MemoryClient } from "./memory-client";
import { h } from "./ids";
import type { OperationUpdate } from "../../src/types/wire";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id";
const start: OperationUpdate = { Id: h("1"), Type: "STEP", SubType: "Step", Action: "START" };
const succeed: OperationUpdate = { ...start, Action: "SUCCEED", Payload: "1" };

async function send(
  client: MemoryClient,
  token: string,
  updates: OperationUpdate[],
  clientToken?: string,
) {
  return client.checkpoint({
    DurableExecutionArn: ARN,
    CheckpointToken: token,
    Updates: updates,
    ...(clientToken ? { ClientToken: clientToken } : {}),
  });
}

describe("MemoryClient protocol rules", () => {
  test("accepts a START then SUCCEED chained through the returned tokens", async () => {
    const client = new MemoryClient();
    const { CheckpointToken } = client.envelope();
    const r1 = await send(client, CheckpointToken, [start]);
    const r2 = await send(client, r1.CheckpointToken!, [succeed]);
    expect(r2.NewExecutionState?.Operations?.[0]).toMatchObject({ Status: "SUCCEEDED" });
    expect(client.rejected).toEqual([]);
  });

  test("rejects a used, unknown, malformed or earlier-invocation token without applying anything", async () => {
    const client = new MemoryClient();
    const first = client.envelope().CheckpointToken;
    await send(client, first, [start]);
    await expect(send(client, first, [succeed])).rejects.toThrow(
      "Invalid Checkpoint Token: the token has already been used.",
    );
    await expect(send(client, "token-1", [succeed])).rejects.toThrow(
      "Invalid Checkpoint Token: the token is malformed.",
    );
    await expect(send(client, "", [succeed])).rejects.toThrow("a checkpoint token is required");
    const latest = client.issuedTokens.at(-1)!;
    client.envelope();
    await expect(send(client, latest, [succeed])).rejects.toThrow(
      "the token was issued to an earlier invocation.",
    );
    expect(client.operations.get(h("1"))?.Status).toBe("STARTED");
    expect(client.rejected).toHaveLength(4);
    expect(client.rejected.map((r) => (r.error as { name: string }).name)).toEqual(
      Array(4).fill("InvalidParameterValueException"),
    );
  });

  test("rejects closing a closed step, START of a started step and unknown parents (the service's validation)", async () => {
    // As on the service, a STEP may be closed straight from no record (at-least-once steps
    // send START and SUCCEED together, and a SUCCEED alone is accepted too).
    const client = new MemoryClient();
    const token = client.envelope().CheckpointToken;
    const r1 = await send(client, token, [start]);
    await expect(send(client, r1.CheckpointToken!, [start])).rejects.toThrow(
      "Invalid current STEP state to start.",
    );
    const r2 = await send(client, r1.CheckpointToken!, [succeed]);
    await expect(send(client, r2.CheckpointToken!, [succeed])).rejects.toThrow(
      "Invalid current STEP state to close.",
    );
    await expect(
      send(client, r2.CheckpointToken!, [{ ...start, Id: h("2"), ParentId: h("3") }]),
    ).rejects.toThrow("Invalid parent operation id.");
    await expect(
      send(client, r2.CheckpointToken!, [
        { Id: h("2"), Type: "WAIT", SubType: "Wait", Action: "SUCCEED" },
      ]),
    ).rejects.toThrow("Invalid action for the given operation type.");
    expect(client.operations.has(h("2"))).toBe(false);
  });

  test("a retried ClientToken gets the remembered response and is not applied twice", async () => {
    const client = new MemoryClient();
    const token = client.envelope().CheckpointToken;
    const first = await send(client, token, [start], "retry-1");
    // The same request again (a lost response): same answer, even though its token is now stale.
    const again = await send(client, token, [start], "retry-1");
    expect(again.CheckpointToken).toBe(first.CheckpointToken);
    expect(again.NewExecutionState?.Operations?.map((o) => [o.Id, o.Status])).toEqual([
      [h("1"), "STARTED"],
    ]);
    expect(client.issuedTokens).toHaveLength(2);
  });

  test("state reads accept any token of the current invocation, and no other", async () => {
    const client = new MemoryClient();
    const token = client.envelope().CheckpointToken;
    await send(client, token, [start]);
    await expect(
      client.getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: token, Marker: "0" }),
    ).resolves.toEqual({ Operations: [], NextMarker: undefined });
    client.envelope();
    await expect(
      client.getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: token, Marker: "0" }),
    ).rejects.toThrow("earlier invocation");
  });
});
