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

describe("ExecutionState lookups", () => {
  const step = (i: number): WireOperation => ({
    Id: `op-${i}`,
    Type: "STEP",
    Status: "SUCCEEDED",
  });
  const execution: WireOperation = { Id: "exec", Type: "EXECUTION", Status: "STARTED" };
  const steps = Array.from({ length: 1000 }, (_, i) => step(i + 1));

  /** The envelope `[execution, ...steps]`, counting how many of its entries are read. */
  function countedEnvelope(): { envelope: WireOperation[]; reads: () => number } {
    let reads = 0;
    const envelope = new Proxy([execution, ...steps], {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { envelope, reads: () => reads };
  }

  it("finds the operations of an in-order replay in at most three envelope reads each, without indexing", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    expect(state.get("exec")).toBe(execution);
    expect(state.get("exec")).toBe(execution);
    for (let i = 1; i <= 20; i++) {
      expect(state.has(`op-${i}`)).toBe(true);
      expect(state.get(`op-${i}`)).toBe(steps[i - 1]);
      if (i > 1) expect(state.get(`op-${i - 1}`)).toBe(steps[i - 2]);
    }
    // 62 lookups: the next operation is found at once, a re-read one entry or two back.
    expect(reads()).toBeLessThanOrEqual(3 * 62);
  });

  it("keeps following the envelope past one entry nobody asks for, and after re-reads of the last two", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    // Every third operation is never looked up (say, the inside of a replayed child).
    for (let i = 1; i <= 60; i++) {
      if (i % 3 === 0) continue;
      expect(state.get(`op-${i}`)).toBe(envelope[i]);
      expect(state.get(`op-${i}`)).toBe(envelope[i]);
      if (i > 1) expect(state.get(`op-${i - 1}`)).toBe(envelope[i - 1]);
    }
    expect(reads()).toBeLessThan(1000);
  });

  it("scans past the operations of a child that replayed from its record, without indexing", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    for (let i = 1; i <= 900; i += 30) expect(state.get(`op-${i}`)).toBe(envelope[i]);
    expect(reads()).toBeLessThan(1001);
  });

  it("after a lookup through the index, scans on from the operation found", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    expect(state.get("op-500")).toBe(envelope[500]);
    const indexed = reads();
    expect(indexed).toBeGreaterThanOrEqual(1001);
    for (let i = 501; i <= 600; i++) expect(state.get(`op-${i}`)).toBe(envelope[i]);
    expect(reads() - indexed).toBeLessThan(1000);
  });

  it("indexes the envelope once, however many lookups miss", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    expect(state.has("absent")).toBe(false);
    const indexed = reads();
    expect(indexed).toBeGreaterThanOrEqual(1001);
    expect(state.has("also absent")).toBe(false);
    expect(state.get("op-700")?.Id).toBe("op-700");
    expect(state.size).toBe(1001);
    expect(reads() - indexed).toBeLessThan(100);
    expect(state.all()).toHaveLength(1001);
  });

  it("indexes the whole envelope on the first lookup it cannot answer near the cursor", () => {
    const { envelope, reads } = countedEnvelope();
    const state = new ExecutionState(envelope);
    expect(state.get("op-1")).toBe(envelope[1]);
    const before = reads();
    expect(state.get("op-999")).toBe(envelope[999]);
    expect(reads() - before).toBeGreaterThanOrEqual(1001);
    expect(state.get("op-3")).toBe(envelope[3]);
    expect(state.has("op-1001")).toBe(false);
  });

  it("answers ids out of order, and ids that are not there", () => {
    const state = new ExecutionState([execution, ...steps]);
    expect(state.get("op-500")?.Id).toBe("op-500");
    expect(state.get("op-2")?.Id).toBe("op-2");
    expect(state.get("exec")).toBe(execution);
    expect(state.get("nope")).toBeUndefined();
    expect(state.has("nope")).toBe(false);
  });

  it("answers the ids just past the end of the envelope as absent", () => {
    const state = new ExecutionState([execution, step(1)]);
    expect(state.get("op-1")?.Id).toBe("op-1");
    expect(state.has("op-2")).toBe(false);
    expect(state.size).toBe(2);
  });

  it.each([
    ["before the envelope is indexed", false],
    ["after the envelope is indexed", true],
  ])("prefers a merged record to the envelope's %s", (_title, indexFirst) => {
    const state = new ExecutionState([execution, ...steps.slice(0, 3)]);
    if (indexFirst) expect(state.size).toBe(4);
    state.merge({ Id: "op-2", Type: "STEP", Status: "FAILED", StartTimestamp: EPOCH_MS });
    state.merge({ Id: "op-9", Type: "STEP", Status: "STARTED" });
    expect(state.get("op-1")?.Status).toBe("SUCCEEDED");
    expect(state.get("op-2")).toMatchObject({
      Status: "FAILED",
      StartTimestamp: new Date(EPOCH_MS),
    });
    expect(state.get("op-9")?.Status).toBe("STARTED");
    expect(state.get("op-3")?.Status).toBe("SUCCEEDED");
  });

  it("lists the envelope in order, merged records in place of theirs and new ones after", () => {
    const state = new ExecutionState([execution, ...steps.slice(0, 3)]);
    expect(state.get("op-1")?.Id).toBe("op-1");
    state.merge({ Id: "new-a", Type: "WAIT", Status: "STARTED" });
    state.merge({ Id: "op-2", Type: "STEP", Status: "FAILED" });
    state.merge({ Id: "new-b", Type: "STEP", Status: "STARTED" });
    expect(state.all().map((op) => `${op.Id}:${op.Status}`)).toEqual([
      "exec:STARTED",
      "op-1:SUCCEEDED",
      "op-2:FAILED",
      "op-3:SUCCEEDED",
      "new-a:STARTED",
      "new-b:STARTED",
    ]);
    expect(state.size).toBe(6);
    state.merge({ Id: "new-c", Type: "STEP", Status: "STARTED" });
    expect(state.size).toBe(7);
    expect(state.get("new-c")?.Status).toBe("STARTED");
  });
});
