import {
  DurableIdGenerator,
  durableSpanId,
  executionTraceId,
  invocationTraceId,
} from "../../src/otel";
import { withPendingIds } from "../../src/otel/id-generator";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:1/durable-execution/run/abc";

describe("derived ids", () => {
  test("are valid OpenTelemetry ids, stable for the same input and distinct across inputs", () => {
    expect(executionTraceId(ARN)).toMatch(/^[0-9a-f]{32}$/);
    expect(durableSpanId(ARN, "operation", "x")).toMatch(/^[0-9a-f]{16}$/);
    expect(executionTraceId(ARN)).toBe(executionTraceId(`${ARN}`));
    expect(executionTraceId(ARN)).not.toBe(executionTraceId(`${ARN}2`));
    expect(invocationTraceId(ARN, "r1")).not.toBe(invocationTraceId(ARN, "r2"));
    expect(durableSpanId(ARN, "operation", "a")).not.toBe(durableSpanId(ARN, "operation", "b"));
    // Key parts are separated, so ("ab","c") and ("a","bc") differ.
    expect(durableSpanId(ARN, "ab", "c")).not.toBe(durableSpanId(ARN, "a", "bc"));
  });
});

describe("DurableIdGenerator", () => {
  test("hands out the pending ids once, then falls back", () => {
    let n = 0;
    const fallback = {
      generateTraceId: () => `trace-${++n}`,
      generateSpanId: () => `span-${++n}`,
    };
    const generator = new DurableIdGenerator(fallback);
    const ids = withPendingIds({ traceId: "t".repeat(32), spanId: "s".repeat(16) }, () => [
      generator.generateSpanId(),
      generator.generateTraceId(),
      generator.generateSpanId(),
      generator.generateTraceId(),
    ]);
    expect(ids).toEqual(["s".repeat(16), "t".repeat(32), "span-1", "trace-2"]);
    expect(generator.generateSpanId()).toBe("span-3");
  });

  test("without a fallback, ids outside the plugin are random and valid", () => {
    const generator = new DurableIdGenerator();
    const a = generator.generateSpanId();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(generator.generateTraceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(generator.generateSpanId()).not.toBe(a);
  });
});
