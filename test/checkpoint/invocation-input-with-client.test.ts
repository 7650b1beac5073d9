/**
 * `DurableExecutionInvocationInputWithClient.isInstance` recognises the event of a local
 * runner even when the runner and the handler use two bundled copies of the SDK (each with its
 * own class), and nothing else.
 */
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { MemoryClient } from "../helpers/memory-client";

const TAG = "DurableExecutionInvocationInputWithClient";

/** The same class as another bundled copy of the SDK would define it. */
function classOfAnotherCopy(name = TAG, tag = TAG) {
  const cls = {
    [name]: class {
      constructor(public durableExecutionClient: unknown) {}
      get [Symbol.toStringTag]() {
        return tag;
      }
    },
  }[name];
  return cls;
}

test("an instance of this copy's class, with every envelope field carried over", () => {
  const client = new MemoryClient();
  const envelope = { ...client.envelope(), UpdatedOperationIds: ["a"] };
  const event = new DurableExecutionInvocationInputWithClient(envelope, client);
  expect(DurableExecutionInvocationInputWithClient.isInstance(event)).toBe(true);
  expect(Object.prototype.toString.call(event)).toBe(`[object ${TAG}]`);
  expect({ ...event }).toEqual({ ...envelope, durableExecutionClient: client });
  const without = new DurableExecutionInvocationInputWithClient(client.envelope(), client);
  expect(without.UpdatedOperationIds).toBeUndefined();
});

test("an instance of another copy's class of the same name", () => {
  const Other = classOfAnotherCopy();
  expect(DurableExecutionInvocationInputWithClient.isInstance(new Other({}))).toBe(true);
});

test.each<[string, unknown]>([
  ["a plain envelope", { DurableExecutionArn: "arn", CheckpointToken: "t" }],
  ["null", null],
  ["a string", TAG],
  ["a function", () => TAG],
  ["a class of another name with the tag", new (classOfAnotherCopy("Impostor"))({})],
  ["a class of the name with another tag", new (classOfAnotherCopy(TAG, "Other"))({})],
  [
    "an object without a prototype, with the tag and a client",
    Object.assign(Object.create(null), { [Symbol.toStringTag]: TAG, durableExecutionClient: {} }),
  ],
  [
    "an object with the tag and the name but no client",
    Object.assign(Object.create(classOfAnotherCopy().prototype), {}),
  ],
])("not %s", (_title, event) => {
  expect(DurableExecutionInvocationInputWithClient.isInstance(event)).toBe(false);
});
