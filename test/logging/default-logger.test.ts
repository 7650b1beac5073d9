import { createDefaultLogger } from "../../src/logging";
import type { DurableLogData, DurableLogger } from "../../src/types/logger";
import { captureOutput } from "./helpers";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("createDefaultLogger", () => {
  let output: ReturnType<typeof captureOutput>;
  const savedLevel = process.env.AWS_LAMBDA_LOG_LEVEL;

  beforeEach(() => {
    delete process.env.AWS_LAMBDA_LOG_LEVEL;
    output = captureOutput();
  });
  afterEach(() => {
    output.restore();
    if (savedLevel === undefined) delete process.env.AWS_LAMBDA_LOG_LEVEL;
    else process.env.AWS_LAMBDA_LOG_LEVEL = savedLevel;
  });

  const withData = (data: DurableLogData): DurableLogger => {
    const logger = createDefaultLogger();
    logger.configureDurableLoggingContext?.({ getDurableLogData: () => data });
    return logger;
  };
  const baseData: DurableLogData = { requestId: "req-1", executionArn: "arn:exec" };
  const lines = (chunks: string[]): Record<string, unknown>[] =>
    chunks.map((chunk) => {
      expect(chunk.endsWith("\n")).toBe(true);
      expect(chunk.slice(0, -1)).not.toContain("\n");
      return JSON.parse(chunk);
    });
  const lastOut = (): Record<string, unknown> => lines(output.stdout()).at(-1)!;

  describe("record layout", () => {
    it("writes keys in the documented order with all metadata and plugin fields", () => {
      const logger = withData({
        requestId: "req-1",
        executionArn: "arn:exec",
        tenantId: "tenant-a",
        operationId: "0123456789abcdef",
        operationName: "charge",
        attempt: 2,
        traceId: "t-9",
        region: "eu",
      });
      logger.info("hi");
      const record = lastOut();
      expect(Object.keys(record)).toEqual([
        "requestId",
        "timestamp",
        "level",
        "executionArn",
        "tenantId",
        "operationId",
        "operationName",
        "attempt",
        "traceId",
        "region",
        "message",
      ]);
      expect(record).toMatchObject({
        requestId: "req-1",
        level: "INFO",
        executionArn: "arn:exec",
        tenantId: "tenant-a",
        operationId: "0123456789abcdef",
        operationName: "charge",
        attempt: 2,
        traceId: "t-9",
        region: "eu",
        message: "hi",
      });
      expect(record.timestamp).toMatch(ISO);
    });

    it("omits absent, undefined and null metadata", () => {
      withData({ ...baseData, tenantId: null as unknown as string, operationId: undefined }).info(
        "x",
      );
      expect(Object.keys(lastOut())).toEqual([
        "requestId",
        "timestamp",
        "level",
        "executionArn",
        "message",
      ]);
    });

    it("reads the log data afresh on every call", () => {
      let data: DurableLogData = { ...baseData };
      const logger = createDefaultLogger();
      logger.configureDurableLoggingContext?.({ getDurableLogData: () => data });
      logger.info("a");
      data = { ...baseData, operationId: "op", attempt: 3 };
      logger.info("b");
      const [first, second] = lines(output.stdout());
      expect(first).not.toHaveProperty("operationId");
      expect(second).toMatchObject({ operationId: "op", attempt: 3, message: "b" });
    });

    it("uses empty request id and ARN before a logging context is configured", () => {
      createDefaultLogger().info("early");
      expect(lastOut()).toMatchObject({ requestId: "", executionArn: "", message: "early" });
    });

    it("does not let extra log-data keys displace logger-owned keys", () => {
      withData({ ...baseData, message: "spoof", level: "X", custom: 1 }).warn("real");
      const [record] = lines(output.stderr());
      expect(record).toMatchObject({ level: "WARN", message: "real", custom: 1 });
      expect(Object.keys(record).at(-1)).toBe("message");
    });
  });

  describe("stream routing", () => {
    it("sends debug and info to stdout, warn and error to stderr", () => {
      const logger = withData(baseData);
      logger.debug("d");
      logger.info("i");
      logger.warn("w");
      logger.error("e");
      expect(lines(output.stdout()).map((r) => [r.level, r.message])).toEqual([
        ["DEBUG", "d"],
        ["INFO", "i"],
      ]);
      expect(lines(output.stderr()).map((r) => [r.level, r.message])).toEqual([
        ["WARN", "w"],
        ["ERROR", "e"],
      ]);
    });
  });

  describe("message rules", () => {
    it("keeps a single object argument as structured JSON", () => {
      withData(baseData).info({ a: 1, nested: { b: [1, "two"] } });
      expect(lastOut().message).toEqual({ a: 1, nested: { b: [1, "two"] } });
    });

    it("keeps single primitive arguments as JSON values", () => {
      const logger = withData(baseData);
      logger.info(42);
      logger.info(null);
      logger.info(true);
      expect(lines(output.stdout()).map((r) => r.message)).toEqual([42, null, true]);
    });

    it("serialises a single Error with type, message, stack lines and own properties", () => {
      class PaymentError extends Error {
        code = "E42";
      }
      const error = new PaymentError("declined");
      withData(baseData).error(error);
      const [record] = lines(output.stderr());
      expect(record.message).toEqual({
        errorType: "PaymentError",
        errorMessage: "declined",
        stackTrace: error.stack!.split("\n"),
        code: "E42",
      });
      expect(record).not.toHaveProperty("errorType");
    });

    it("serialises Errors nested inside a single object argument", () => {
      const cause = new TypeError("bad");
      withData(baseData).info({ step: "x", cause });
      expect(lastOut().message).toEqual({
        step: "x",
        cause: {
          errorType: "TypeError",
          errorMessage: "bad",
          stackTrace: cause.stack!.split("\n"),
        },
      });
    });

    it("falls back to util.format text when the value cannot be JSON encoded", () => {
      const circular: Record<string, unknown> = { name: "loop" };
      circular.self = circular;
      const logger = withData(baseData);
      logger.info(circular);
      logger.info(10n);
      const [first, second] = lines(output.stdout());
      expect(first.message).toBe("<ref *1> { name: 'loop', self: [Circular *1] }");
      expect(second.message).toBe("10n");
    });

    it("formats several arguments on one line", () => {
      const logger = withData(baseData);
      logger.info("hello", { a: 1 });
      logger.info("count %d of %s", 3, "five");
      const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, i]));
      logger.info("wide", wide);
      const [first, second, third] = lines(output.stdout());
      expect(first.message).toBe("hello { a: 1 }");
      expect(second.message).toBe("count 3 of five");
      expect(third.message).not.toContain("\n");
      expect(third.message).toContain("key29: 29");
    });

    it("uses an empty message when called without arguments", () => {
      withData(baseData).info();
      expect(lastOut().message).toBe("");
    });

    it("adds error details from the first Error of a multi-argument call", () => {
      const first = new RangeError("too big");
      const second = new Error("other");
      withData(baseData).error("failed:", first, second);
      const [record] = lines(output.stderr());
      expect(Object.keys(record).slice(-4)).toEqual([
        "message",
        "errorType",
        "errorMessage",
        "stackTrace",
      ]);
      expect(record.message).toMatch(/^failed: RangeError: too big/);
      expect(record).toMatchObject({
        errorType: "RangeError",
        errorMessage: "too big",
        stackTrace: first.stack!.split("\n"),
      });
    });

    it("drops an undefined first argument", () => {
      const logger = withData(baseData);
      logger.info(undefined, { a: 1 });
      logger.info(undefined, "x", 2);
      logger.info(undefined);
      expect(lines(output.stdout()).map((r) => r.message)).toEqual([{ a: 1 }, "x 2", ""]);
    });

    it("keeps undefined arguments that are not first", () => {
      withData(baseData).info("value", undefined);
      expect(lastOut().message).toBe("value undefined");
    });
  });

  describe("log(level, ...)", () => {
    it("dispatches to the method of the given level", () => {
      const logger = withData(baseData);
      logger.log!("DEBUG", "d");
      logger.log!("INFO", "i", 1);
      logger.log!("WARN", "w");
      logger.log!("ERROR", "e");
      expect(lines(output.stdout()).map((r) => [r.level, r.message])).toEqual([
        ["DEBUG", "d"],
        ["INFO", "i 1"],
      ]);
      expect(lines(output.stderr()).map((r) => [r.level, r.message])).toEqual([
        ["WARN", "w"],
        ["ERROR", "e"],
      ]);
    });

    it("uses info for an unknown level", () => {
      withData(baseData).log!("TRACE" as "INFO", "t");
      expect(lastOut()).toMatchObject({ level: "INFO", message: "t" });
    });
  });

  describe("level filtering", () => {
    const emitted = (): string[] =>
      [...lines(output.stdout()), ...lines(output.stderr())].map((r) => String(r.level));
    const logAll = (logger: DurableLogger): void => {
      logger.debug("d");
      logger.info("i");
      logger.warn("w");
      logger.error("e");
    };

    it.each([
      [undefined, ["DEBUG", "INFO", "WARN", "ERROR"]],
      ["DEBUG", ["DEBUG", "INFO", "WARN", "ERROR"]],
      ["INFO", ["INFO", "WARN", "ERROR"]],
      ["info", ["INFO", "WARN", "ERROR"]],
      ["Warn", ["WARN", "ERROR"]],
      ["ERROR", ["ERROR"]],
      ["TRACE", ["DEBUG", "INFO", "WARN", "ERROR"]],
      ["FATAL", ["DEBUG", "INFO", "WARN", "ERROR"]],
      ["nonsense", ["DEBUG", "INFO", "WARN", "ERROR"]],
      ["", ["DEBUG", "INFO", "WARN", "ERROR"]],
    ])("AWS_LAMBDA_LOG_LEVEL=%p emits %p", (level, expected) => {
      if (level !== undefined) process.env.AWS_LAMBDA_LOG_LEVEL = level;
      logAll(withData(baseData));
      expect(emitted().sort()).toEqual([...expected].sort());
    });

    it("filters calls made through log() as well", () => {
      process.env.AWS_LAMBDA_LOG_LEVEL = "WARN";
      const logger = withData(baseData);
      logger.log!("INFO", "hidden");
      logger.log!("ERROR", "shown");
      expect(emitted()).toEqual(["ERROR"]);
    });

    it("reads the level when the logger is created, not at call time", () => {
      process.env.AWS_LAMBDA_LOG_LEVEL = "ERROR";
      const logger = withData(baseData);
      process.env.AWS_LAMBDA_LOG_LEVEL = "DEBUG";
      logger.info("still filtered");
      expect(output.stdout()).toEqual([]);
      withData(baseData).info("new logger");
      expect(lastOut().message).toBe("new logger");
    });
  });
});
