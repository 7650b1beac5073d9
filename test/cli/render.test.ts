/** The operation tree and history table of run-durable. */
import { renderHistory, summarize } from "../../src/cli/history-table";
import { renderOperationTree } from "../../src/cli/operation-tree";
import { formatDuration, renderTable } from "../../src/cli/text-table";
import type { Event } from "../../src/testing/service/state/history-event";
import type { Operation } from "../../src/types/wire";

const t0 = Date.UTC(2025, 0, 1);
const at = (ms: number) => new Date(t0 + ms);

test("children are indented under their parents, in first-seen order", () => {
  const ops: Operation[] = [
    {
      Id: "a",
      Type: "STEP",
      SubType: "Step",
      Name: "first",
      Status: "SUCCEEDED",
      StartTimestamp: at(0),
      EndTimestamp: at(5),
      StepDetails: { Attempt: 1 },
    },
    {
      Id: "p",
      Type: "CONTEXT",
      SubType: "Parallel",
      Name: "fan-out",
      Status: "SUCCEEDED",
      StartTimestamp: at(5),
      EndTimestamp: at(2500),
    },
    {
      Id: "b0",
      ParentId: "p",
      Type: "CONTEXT",
      SubType: "ParallelBranch",
      Name: "parallel-branch-0",
      Status: "SUCCEEDED",
      StartTimestamp: at(6),
      EndTimestamp: at(7),
    },
    {
      Id: "b1",
      ParentId: "p",
      Type: "CONTEXT",
      SubType: "ParallelBranch",
      Name: "parallel-branch-1",
      Status: "SUCCEEDED",
      StartTimestamp: at(6),
      EndTimestamp: at(2500),
    },
    {
      Id: "s0",
      ParentId: "b0",
      Type: "STEP",
      SubType: "Step",
      Name: "work",
      Status: "SUCCEEDED",
      StartTimestamp: at(6),
      EndTimestamp: at(7),
      StepDetails: { Attempt: 2 },
    },
    {
      Id: "w1",
      ParentId: "b1",
      Type: "WAIT",
      SubType: "Wait",
      Status: "STARTED",
      StartTimestamp: at(6),
    },
    {
      Id: "c",
      Type: "CALLBACK",
      SubType: "Callback",
      Name: "token",
      Status: "TIMED_OUT",
      StartTimestamp: at(0),
      EndTimestamp: at(3_600_000),
    },
  ];
  expect(renderOperationTree(ops)).toEqual([
    "TYPE                         NAME               STATUS     ATTEMPTS  DURATION",
    "STEP                         first              SUCCEEDED  1         5ms",
    "CONTEXT (Parallel)           fan-out            SUCCEEDED  -         2.5s",
    "├─ CONTEXT (ParallelBranch)  parallel-branch-0  SUCCEEDED  -         1ms",
    "│  └─ STEP                   work               SUCCEEDED  2         1ms",
    "└─ CONTEXT (ParallelBranch)  parallel-branch-1  SUCCEEDED  -         2.5s",
    "   └─ WAIT                   -                  STARTED    -         -",
    "CALLBACK                     token              TIMED_OUT  -         1h 0m",
  ]);
});

test("an empty execution says so", () => {
  expect(renderOperationTree([])).toEqual(["No operations found."]);
});

test("history rows: EventId, virtual time since start, type, subtype, name, id, details", () => {
  const events: Event[] = [
    {
      EventId: 1,
      EventType: "ExecutionStarted",
      Id: "exec",
      EventTimestamp: at(0),
      ExecutionStartedDetails: { Input: { Payload: '{"a":1}' }, ExecutionTimeout: undefined },
    },
    {
      EventId: 2,
      EventType: "StepFailed",
      SubType: "Step",
      Name: "s",
      Id: "c4ca4238a0b92382",
      EventTimestamp: at(10),
      StepFailedDetails: {
        Error: { Payload: { ErrorType: "Error", ErrorMessage: "nope" } },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
      },
    },
    {
      EventId: 3,
      EventType: "WaitStarted",
      SubType: "Wait",
      Id: "w",
      EventTimestamp: at(90_000),
      WaitStartedDetails: { Duration: 60, ScheduledEndTimestamp: at(150_000) },
    },
  ];
  const lines = renderHistory(events);
  expect(lines[0].split(/\s{2,}/)).toEqual([
    "#",
    "TIME",
    "EVENT",
    "SUBTYPE",
    "NAME",
    "ID",
    "DETAILS",
  ]);
  expect(lines[1].split(/\s{2,}/)).toEqual([
    "1",
    "+0ms",
    "ExecutionStarted",
    "-",
    "-",
    "exec",
    'input={"a":1}',
  ]);
  expect(lines[2].split(/\s{2,}/)).toEqual([
    "2",
    "+10ms",
    "StepFailed",
    "Step",
    "s",
    "c4ca4238a0b92382",
    "error=Error: nope attempt=1 retryIn=2s",
  ]);
  expect(lines[3]).toContain(`duration=1m 0s until=${at(150_000).toISOString()}`);
  expect(renderHistory([])).toEqual(["No history events."]);
});

test("long payloads are cut", () => {
  const big = JSON.stringify({ text: "x".repeat(200) });
  const summary = summarize({
    EventType: "StepSucceeded",
    StepSucceededDetails: { Result: { Payload: big }, RetryDetails: undefined },
  });
  expect(summary.length).toBeLessThan(80);
  expect(summary.endsWith("…")).toBe(true);
});

test("durations and tables", () => {
  expect([0, 999, 1000, 1500, 61_000, 3_600_000, 90_000_000].map(formatDuration)).toEqual([
    "0ms",
    "999ms",
    "1s",
    "1.5s",
    "1m 1s",
    "1h 0m",
    "1d 1h",
  ]);
  expect(
    renderTable(
      ["A", "LONGER"],
      [
        ["xyz", "1"],
        ["", ""],
      ],
    ),
  ).toEqual(["A    LONGER", "xyz  1", ""]);
});
