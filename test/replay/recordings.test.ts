import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  formatReplayReport,
  formatReplayReports,
  LocalDurableTestRunner,
  readRecording,
  ReplayDivergenceError,
  saveRecording,
  verifyRecordings,
  verifyReplay,
} from "../../src/testing";
import { bodies, orderV1, orderV2 } from "./fixtures/order-handlers";

const FIXTURES = join(__dirname, "fixtures");
const read = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
beforeEach(() => (bodies.count = 0));

describe("recordings in the real service's formats", () => {
  test("a GetDurableExecutionHistory answer (AWS CLI output) verifies against its code", async () => {
    const recording = readRecording(read("shipped-order.history.json"), "shipped-order");
    expect(recording.status).toBe("SUCCEEDED");
    expect(recording.result).toBe('{"orderId":"1001","label":"LBL-1001"}');
    expect(recording.operations.map((op) => `${op.Type}:${op.Name}:${op.Status}`)).toEqual([
      "EXECUTION:order-1001:SUCCEEDED",
      "STEP:validate:SUCCEEDED",
      "WAIT:cool-off:SUCCEEDED",
      "CONTEXT:ship:SUCCEEDED",
      "STEP:label:SUCCEEDED",
    ]);
    const report = await verifyReplay(orderV1, recording);
    expect(report).toMatchObject({ verdict: "verified", matchedOperations: 4 });
    expect(formatReplayReport(report)).toBe(
      "✓ shipped-order (SUCCEEDED, 4 operations): verified (4 operations matched, outcome SUCCEEDED)",
    );
    expect(bodies.count).toBe(0);
  });

  test("the same history shows a rename inside the finished child context", async () => {
    const report = await verifyReplay(orderV2, read("shipped-order.history.json"), {
      source: "shipped-order.history.json",
    });
    expect(formatReplayReport(report)).toBe(
      [
        '✗ shipped-order.history.json (SUCCEEDED, 4 operations): diverged — mismatch at RunInChildContext "ship" (3) > Step "label" (3-1)',
        '  At RunInChildContext "ship" (3) > Step "label" (3-1) the recording has STEP "label" (subtype Step), but the new code calls STEP "print-label" (subtype Step) (the name differs). The operation was renamed, or another one was put in its place.',
      ].join("\n"),
    );
    expect(bodies.count).toBe(0);
  });

  test("a GetDurableExecutionState answer of a waiting execution", async () => {
    const report = await verifyReplay(orderV1, read("waiting-order.state.json"), {
      source: "waiting-order",
    });
    expect(report).toMatchObject({
      verdict: "still-running",
      recordedStatus: "RUNNING",
      outcome: { status: "PENDING" },
    });
    expect(formatReplayReport(report)).toBe(
      "✓ waiting-order (RUNNING, 2 operations): still running (2 of 2 recorded operations matched)",
    );
  });
});

describe("verifyRecordings", () => {
  test("passes a folder whose recordings all replay, and returns the reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recordings-"));
    const result = await new LocalDurableTestRunner({ handlerFunction: orderV1 }).run({
      payload: { orderId: "7", items: 3 },
    });
    saveRecording(result, join(dir, "nested", "order-7.json"));
    const reports = await verifyRecordings(orderV1, dir);
    expect(reports.map((r) => [r.source, r.verdict])).toEqual([
      [join(dir, "nested", "order-7.json"), "verified"],
    ]);
  });

  test("throws a readable error naming each diverging recording", async () => {
    const error = await verifyRecordings(orderV2, FIXTURES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayDivergenceError);
    const message = (error as Error).message;
    expect(message.split("\n")[0]).toBe("1 of 2 recordings diverge from the new code:");
    expect(message).toContain("shipped-order.history.json (SUCCEEDED, 4 operations): diverged");
    expect(message).toContain('Step "label" (3-1)');
    expect(message).not.toContain("waiting-order");
    const summary = formatReplayReports((error as ReplayDivergenceError).reports);
    expect(summary.split("\n").at(-1)).toBe(
      "2 recordings: 0 verified, 1 still running, 1 diverged",
    );
  });

  test("an empty folder is an error, not a pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recordings-"));
    await expect(verifyRecordings(orderV1, dir)).rejects.toThrow("no recordings (*.json) found");
  });
});
