/** The non-determinism error names the field that differs, what was recorded and what was called. */
import { replayMismatch } from "../../src/operations/replay-mismatch";
import type { WireOperation } from "../../src/types/wire";

const recorded: WireOperation = {
  Id: "abc",
  Type: "STEP",
  SubType: "Step",
  Name: "s",
  Status: "SUCCEEDED",
};
const message = (field: string, expected: string, got: string) =>
  `[Unrecoverable Execution] Non-deterministic execution detected: Operation ${field} mismatch at operation abc: expected "${expected}", got "${got}". Operations must be called in the same order on every replay.`;

it.each<[string, { type: string; name?: string; subType?: string }, string]>([
  ["type", { type: "WAIT", name: "s", subType: "Wait" }, message("type", "STEP", "WAIT")],
  ["name", { type: "STEP", name: "t", subType: "Step" }, message("name", "s", "t")],
  [
    "subtype",
    { type: "STEP", name: "s", subType: "WaitForCondition" },
    message("subtype", "Step", "WaitForCondition"),
  ],
])("a different %s", (_field, call, expected) => {
  expect(replayMismatch(recorded, call as never)?.message).toBe(expected);
});

it("a matching call, a missing name and a null name alike", () => {
  expect(
    replayMismatch(recorded, { type: "STEP", name: "s", subType: "Step" } as never),
  ).toBeUndefined();
  expect(
    replayMismatch({ ...recorded, Name: null as never }, {
      type: "STEP",
      subType: "Step",
    } as never),
  ).toBeUndefined();
});
