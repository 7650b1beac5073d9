/** Loading the execution state at invocation start (envelope page + paging) and the user's input. */
import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import { loadAllOperations, parseInput } from "../../src/context/state-loader";
import type { DurableExecutionInvocationInput } from "../../src/types/invocation";
import type { WireOperation } from "../../src/types/wire";

const step = (id: string): WireOperation => ({ Id: id, Type: "STEP", Status: "SUCCEEDED" });

/** A client whose state pages are produced by `page(marker, call)`. */
function pagingClient(
  page: (marker: string, call: number) => { Operations?: unknown[]; NextMarker?: string },
) {
  let calls = 0;
  const client = {
    getExecutionState: async ({ Marker }: { Marker: string }) => page(Marker, ++calls),
    checkpoint: async () => {
      throw new Error("no checkpoints while loading");
    },
  } as unknown as DurableExecutionClient;
  return { client, calls: () => calls };
}

function envelope(state: unknown): DurableExecutionInvocationInput {
  return {
    DurableExecutionArn: "arn:x",
    CheckpointToken: "t",
    InitialExecutionState: state,
  } as DurableExecutionInvocationInput;
}

describe("loadAllOperations", () => {
  it("refuses an envelope whose state is null", async () => {
    const { client } = pagingClient(() => ({}));
    await expect(loadAllOperations(client, envelope(null))).rejects.toThrow(
      "The durable invocation event has no InitialExecutionState.Operations list; it did not come from the durable execution service.",
    );
  });

  it("appends the pages to the envelope's operations, in order", async () => {
    const { client, calls } = pagingClient((marker) =>
      marker === "p2" ? { Operations: [step("c")] } : { Operations: [step("b")], NextMarker: "p2" },
    );
    const operations = await loadAllOperations(
      client,
      envelope({ Operations: [step("a")], NextMarker: "p1" }),
    );
    expect(operations.map((op) => op.Id)).toEqual(["a", "b", "c"]);
    expect(calls()).toBe(2);
  });

  it("takes a page without an Operations list as empty", async () => {
    const { client } = pagingClient(() => ({}));
    const operations = await loadAllOperations(
      client,
      envelope({ Operations: [step("a")], NextMarker: "p1" }),
    );
    expect(operations.map((op) => op.Id)).toEqual(["a"]);
  });

  it("stops a service that pages forever after 10,000 pages", async () => {
    const { client, calls } = pagingClient((_marker, call) => ({
      Operations: [],
      NextMarker: `m${call}`,
    }));
    await expect(
      loadAllOperations(client, envelope({ Operations: [], NextMarker: "m0" })),
    ).rejects.toThrow('GetDurableExecutionState keeps paging (marker "m10000" after 10000 pages)');
    expect(calls()).toBe(10_000);
  });

  it.each<[string, unknown, string]>([
    ["an entry without an Id", { Type: "STEP" }, '(got {"Type":"STEP"})'],
    ["a number", 7, "(got 7)"],
    ["undefined", undefined, "(got undefined)"],
    ["a function with an Id", Object.assign(() => 0, { Id: "f" }), "(got undefined)"],
    ["a long entry", { Name: "x".repeat(200) }, `(got {"Name":"${"x".repeat(71)})`],
  ])("names the page and the position of %s", async (_title, entry, got) => {
    const { client } = pagingClient(() => ({ Operations: [step("b"), entry] }));
    await expect(
      loadAllOperations(client, envelope({ Operations: [step("a")], NextMarker: "p1" })),
    ).rejects.toThrow(
      `GetDurableExecutionState holds something that is not an operation at position 1 ${got}.`,
    );
  });
});

describe("parseInput", () => {
  const execution = (input?: string): WireOperation => ({
    Id: "e",
    Type: "EXECUTION",
    Status: "STARTED",
    ...(input === undefined ? {} : { ExecutionDetails: { InputPayload: input } }),
  });

  it("reads the EXECUTION operation's payload wherever it is in the list", () => {
    expect(parseInput([step("a"), execution('{"n":1}')])).toEqual({ n: 1 });
  });

  it("gives {} without a payload, without details or without operations", () => {
    expect(parseInput([execution()])).toEqual({});
    expect(
      parseInput([{ Id: "e", Type: "EXECUTION", Status: "STARTED", ExecutionDetails: {} }]),
    ).toEqual({});
    expect(parseInput([])).toEqual({});
  });
});
