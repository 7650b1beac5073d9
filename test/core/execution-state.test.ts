/** The invocation's operation records: wire timestamps normalised, and per-id subscriptions. */
import { ExecutionState } from "../../src/context/execution-state";
import { normalizeOperation, toDate } from "../../src/context/timestamps";
import type { WireOperation } from "../../src/types/wire";

const ISO = "2026-01-02T03:04:05.000Z";
const EPOCH_MS = Date.parse(ISO);

describe("toDate", () => {
  it.each<[string, Parameters<typeof toDate>[0]]>([
    ["an ISO string", ISO],
    ["epoch milliseconds", EPOCH_MS],
    ["a Date", new Date(EPOCH_MS)],
  ])("reads %s", (_title, value) => {
    expect(toDate(value)?.toISOString()).toBe(ISO);
  });

  it("copies a Date instead of sharing it", () => {
    const original = new Date(EPOCH_MS);
    const copy = toDate(original);
    expect(copy).not.toBe(original);
    expect(copy?.getTime()).toBe(EPOCH_MS);
  });

  it.each<[string, Parameters<typeof toDate>[0]]>([
    ["undefined", undefined],
    ["null", null],
    ["an unparseable string", "not a date"],
  ])("gives undefined for %s", (_title, value) => {
    expect(toDate(value)).toBeUndefined();
  });
});

describe("normalizeOperation", () => {
  it("turns every timestamp into a Date and keeps the other fields", () => {
    const wire: WireOperation = {
      Id: "a",
      Type: "STEP",
      Status: "PENDING",
      StartTimestamp: EPOCH_MS,
      EndTimestamp: ISO,
      StepDetails: { Attempt: 2, NextAttemptTimestamp: ISO },
    };
    const op = normalizeOperation(wire);
    expect(op).toEqual({
      Id: "a",
      Type: "STEP",
      Status: "PENDING",
      StartTimestamp: new Date(EPOCH_MS),
      EndTimestamp: new Date(EPOCH_MS),
      StepDetails: { Attempt: 2, NextAttemptTimestamp: new Date(EPOCH_MS) },
      WaitDetails: undefined,
    });
    expect(wire.StartTimestamp).toBe(EPOCH_MS);
  });

  it("converts a wait's scheduled end", () => {
    const op = normalizeOperation({
      Id: "w",
      Type: "WAIT",
      Status: "STARTED",
      WaitDetails: { ScheduledEndTimestamp: ISO },
    });
    expect(op.WaitDetails).toEqual({ ScheduledEndTimestamp: new Date(EPOCH_MS) });
    expect(op.StepDetails).toBeUndefined();
  });
});

describe("ExecutionState subscriptions", () => {
  const started: WireOperation = { Id: "s", Type: "STEP", Status: "STARTED" };
  const succeeded: WireOperation = { Id: "s", Type: "STEP", Status: "SUCCEEDED" };

  it("wakes every subscriber of the merged id, and only those", () => {
    const state = new ExecutionState([started]);
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    state.subscribe("s", (op) => first.push(op.Status));
    state.subscribe("s", (op) => second.push(op.Status));
    state.subscribe("t", (op) => other.push(op.Status));
    state.merge(succeeded);
    expect([first, second, other]).toEqual([["SUCCEEDED"], ["SUCCEEDED"], []]);
  });

  it("stops waking a listener once it unsubscribes, and keeps the others", () => {
    const state = new ExecutionState([]);
    const kept: string[] = [];
    const dropped: string[] = [];
    state.subscribe("s", (op) => kept.push(op.Status));
    const unsubscribe = state.subscribe("s", (op) => dropped.push(op.Status));
    state.merge(started);
    unsubscribe();
    state.merge(succeeded);
    expect(kept).toEqual(["STARTED", "SUCCEEDED"]);
    expect(dropped).toEqual(["STARTED"]);
  });

  it("a listener subscribing again after the last one left is woken", () => {
    const state = new ExecutionState([]);
    state.subscribe("s", () => undefined)();
    const seen: string[] = [];
    state.subscribe("s", (op) => seen.push(op.Status));
    state.merge(succeeded);
    expect(seen).toEqual(["SUCCEEDED"]);
  });
});
