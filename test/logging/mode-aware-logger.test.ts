import { createContextLogger } from "../../src/logging";
import type { DurableLogger } from "../../src/types/logger";

const levelMocks = () => ({
  info: jest.fn((..._args: unknown[]) => "info-result"),
  warn: jest.fn((..._args: unknown[]) => "warn-result"),
  error: jest.fn((..._args: unknown[]) => "error-result"),
  debug: jest.fn((..._args: unknown[]) => "debug-result"),
});
const withLogMock = () => ({
  ...levelMocks(),
  log: jest.fn((..._args: unknown[]) => "log-result"),
});

describe("createContextLogger", () => {
  it("forwards arguments and return values when not suppressed", () => {
    const underlying = withLogMock();
    const logger = createContextLogger(
      () => underlying,
      () => false,
    );
    expect(logger.info("a", 1)).toBe("info-result");
    expect(logger.warn("b")).toBe("warn-result");
    expect(logger.error("c")).toBe("error-result");
    expect(logger.debug("d")).toBe("debug-result");
    expect(logger.log("INFO", "e")).toBe("log-result");
    expect(underlying.info).toHaveBeenCalledWith("a", 1);
    expect(underlying.warn).toHaveBeenCalledWith("b");
    expect(underlying.error).toHaveBeenCalledWith("c");
    expect(underlying.debug).toHaveBeenCalledWith("d");
    expect(underlying.log).toHaveBeenCalledWith("INFO", "e");
  });

  it("calls the underlying method with the logger as this", () => {
    class PrefixLogger {
      prefix = "p:";
      seen: string[] = [];
      info(msg: string): void {
        this.seen.push(this.prefix + msg);
      }
      warn(): void {}
      error(): void {}
      debug(): void {}
    }
    const underlying = new PrefixLogger();
    createContextLogger(
      () => underlying,
      () => false,
    ).info("x");
    expect(underlying.seen).toEqual(["p:x"]);
  });

  it("drops every call while suppression is on and resumes when it is off", () => {
    const underlying = withLogMock();
    let suppress = true;
    const logger = createContextLogger(
      () => underlying,
      () => suppress,
    );
    expect(logger.info("hidden")).toBeUndefined();
    logger.warn("hidden");
    logger.error("hidden");
    logger.debug("hidden");
    logger.log("INFO", "hidden");
    for (const fn of Object.values(underlying)) expect(fn).not.toHaveBeenCalled();
    suppress = false;
    logger.info("shown");
    expect(underlying.info).toHaveBeenCalledWith("shown");
  });

  it("exposes log only when the underlying logger has it at creation time", () => {
    expect(createContextLogger(levelMocks, () => false)).not.toHaveProperty("log");
    expect(typeof createContextLogger(withLogMock, () => false).log).toBe("function");
  });

  it("uses whichever logger is current at call time", () => {
    const first = withLogMock();
    const second = withLogMock();
    let current: DurableLogger = first;
    const logger = createContextLogger(
      () => current,
      () => false,
    );
    logger.info("one");
    current = second;
    logger.info("two");
    expect(first.info).toHaveBeenCalledTimes(1);
    expect(second.info).toHaveBeenCalledWith("two");
  });

  it("does not consult the logger when suppressed", () => {
    const getLogger = jest.fn(levelMocks);
    const logger = createContextLogger(getLogger, () => true);
    getLogger.mockClear();
    logger.info("x");
    expect(getLogger).not.toHaveBeenCalled();
  });
});
