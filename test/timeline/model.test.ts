/** The timeline's model, time axis and page, from a real run's history. */
import { readHistoryEvents, renderTimelineHtml, type TestResult } from "../../src/testing";
import { formatOffset, formatSpan } from "../../src/testing/timeline/format-time";
import { buildTimelineModel, type TimelineModel } from "../../src/testing/timeline/model";
import { orderRows } from "../../src/testing/timeline/rows";
import { buildTimeScale } from "../../src/testing/timeline/time-scale";
import { runTour } from "./tour-workflow";

const HOUR = 3_600_000;
let result: TestResult;
let model: TimelineModel;

beforeAll(async () => {
  result = await runTour();
  model = buildTimelineModel(result.getHistoryEvents());
}, 30_000);

const op = (name: string) => {
  const found = model.operations.find((o) => o.name === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
};

test("the tour succeeds", () => {
  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toEqual({
    review: ['"approved"', "reminded"],
    priced: { total: 60 },
  });
  expect(model.status).toBe("SUCCEEDED");
});

test("a retried step has one segment per attempt and per retry delay", () => {
  const fetch = op("fetch");
  expect(fetch.segments.map((s) => `${s.kind}:${s.attempt}:${s.outcome}`)).toEqual([
    "attempt:1:failed",
    "retry-delay:1:succeeded",
    "attempt:2:failed",
    "retry-delay:2:succeeded",
    "attempt:3:succeeded",
  ]);
  expect(fetch.segments[0].error).toBe("Error: upstream busy (attempt 1)");
  expect(fetch.segments[1].end - fetch.segments[1].start).toBeGreaterThanOrEqual(30_000);
  expect(fetch.outcome).toBe("succeeded");
  expect(fetch.result).toBe('{"items":[1,2,3]}');
});

test("waits and callback waiting are spans on the service's clock", () => {
  const wait = op("cool-down").segments;
  expect(wait).toHaveLength(1);
  expect(wait[0].kind).toBe("wait");
  expect(wait[0].end - wait[0].start).toBeGreaterThanOrEqual(24 * HOUR);
  const callback = model.operations.find(
    (o) => o.type === "Callback" && o.parentId === op("approval").id,
  );
  expect(callback?.segments[0].kind).toBe("callback");
  // Answered once the one-hour reminder had passed.
  expect(callback!.segments[0].end - callback!.segments[0].start).toBeGreaterThanOrEqual(HOUR);
  expect(op("price").segments[0].kind).toBe("invoke");
  expect(op("price").facts).toContain("function: pricer");
});

test("rows nest map items and parallel branches under their parent", () => {
  const rows = orderRows(model.operations).map(
    (r) => `${"  ".repeat(r.depth)}${r.op.name ?? r.op.type}`,
  );
  expect(rows.slice(rows.indexOf("review"), rows.indexOf("review") + 6)).toEqual([
    "review",
    "  approval-branch",
    "    approval",
    "      Callback",
    "      Step",
    "  reminder-branch",
  ]);
  expect(rows.slice(rows.indexOf("charge"), rows.indexOf("charge") + 3)).toEqual([
    "charge",
    "  map-item-0",
    "    charge-1",
  ]);
});

test("invocations say why the service invoked the handler again", () => {
  const reasons = model.invocations.map((i) => i.reason);
  expect(reasons[0]).toBe("start of the execution");
  expect(reasons[1]).toBe('re-invoked: retry of step "fetch"');
  expect(reasons[2]).toBe('re-invoked: retry of step "fetch"');
  expect(reasons[3]).toBe('re-invoked: wait "cool-down" ended');
  expect(reasons).toContain('re-invoked: wait "remind-later" ended');
  expect(reasons.at(-1)).toBe('re-invoked: invoke "price" succeeded');
  for (const inv of model.invocations) expect(inv.end).toBeGreaterThanOrEqual(inv.start);
});

test("idle stretches are compressed to labelled breaks; handler time stays linear", () => {
  const scale = buildTimeScale({
    start: 0,
    end: 24 * HOUR + 200,
    points: [100, 24 * HOUR + 100],
    busy: [
      [0, 100],
      [24 * HOUR + 100, 24 * HOUR + 200],
    ],
    width: 1000,
  });
  expect(scale.sections.map((s) => s.compressed)).toEqual([false, true, false]);
  const [first, gap, last] = scale.sections;
  expect(gap.x1 - gap.x0).toBeLessThan(150);
  // The two 100 ms invocations share the rest equally.
  expect(first.x1 - first.x0).toBeCloseTo(last.x1 - last.x0, 5);
  expect(last.x1).toBeCloseTo(1000, 5);
  expect(scale.x(50)).toBeCloseTo((first.x1 - first.x0) / 2, 5);
});

test("durations and offsets read well", () => {
  expect(formatSpan(28)).toBe("28 ms");
  expect(formatSpan(1500)).toBe("1.5 s");
  expect(formatSpan(24 * HOUR)).toBe("1 d");
  expect(formatSpan(2 * HOUR + 5 * 60_000)).toBe("2 h 5 m");
  expect(formatSpan(3 * 24 * HOUR + HOUR)).toBe("3 d 1 h");
  expect(formatSpan(24 * HOUR - 10)).toBe("1 d");
  expect(formatSpan(HOUR - 400)).toBe("1 h");
  expect(formatSpan(59_999)).toBe("60 s");
  expect(formatOffset(31)).toBe("+31 ms");
  expect(formatOffset(2 * HOUR + 30_011)).toBe("+2:00:30.011");
  expect(formatOffset(24 * HOUR + 1)).toBe("+1d 00:00:00.001");
});

test("the page is self-contained and escapes what the history says", () => {
  const events = readHistoryEvents({
    Events: [
      {
        EventId: 1,
        EventType: "ExecutionStarted",
        EventTimestamp: "2026-01-01T00:00:00Z",
        Id: "x",
        Name: "exec",
      },
      {
        EventId: 2,
        EventType: "StepStarted",
        EventTimestamp: "2026-01-01T00:00:01Z",
        Id: "s1",
        Name: '<img src=x onerror="alert(1)">',
      },
      {
        EventId: 3,
        EventType: "StepFailed",
        EventTimestamp: "2026-01-01T00:00:02Z",
        Id: "s1",
        Name: '<img src=x onerror="alert(1)">',
        StepFailedDetails: { Error: { Payload: { ErrorType: "E", ErrorMessage: "</script><b>" } } },
      },
    ],
  });
  const html = renderTimelineHtml(events, { title: "a & b" });
  expect(html).not.toContain("<img");
  expect(html).not.toContain("</script><b>");
  expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  expect(html).toContain("<title>a &amp; b · timeline</title>");
  expect(html).not.toMatch(/\ssrc=["']|<link|@import|url\((?!#)/);
  // The step never ended and the execution has no end event: drawn as not finished.
  expect(html).toContain('class="status RUNNING"');
  expect(html).toMatch(/class="seg attempt o-failed"/);
});

test("readHistoryEvents rejects what is not a history", () => {
  expect(() => readHistoryEvents({ events: [] })).toThrow(/not an execution history/);
  expect(readHistoryEvents([{ EventId: 1, EventTimestamp: 1767225600 }])[0].EventTimestamp).toEqual(
    new Date("2026-01-01T00:00:00Z"),
  );
});
