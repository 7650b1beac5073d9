import { createRetryStrategy, JitterStrategy } from "../../src/retry";

const error = new Error("boom");
const delays = (strategy: ReturnType<typeof createRetryStrategy>, attempts: number) =>
  Array.from({ length: attempts }, (_, i) => strategy(error, i + 1).delay?.seconds);

describe("createRetryStrategy", () => {
  afterEach(() => jest.restoreAllMocks());

  it("uses 3 attempts, 5 s doubling and FULL jitter by default", () => {
    const random = jest.spyOn(Math, "random").mockReturnValue(0.5);
    const strategy = createRetryStrategy();
    expect(strategy(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 3 } });
    expect(strategy(error, 2)).toEqual({ shouldRetry: true, delay: { seconds: 5 } });
    expect(strategy(error, 3)).toEqual({ shouldRetry: false });
    expect(random).toHaveBeenCalledTimes(2);
  });

  it("grows exponentially and caps before jitter", () => {
    const strategy = createRetryStrategy({
      maxAttempts: 10,
      initialDelay: { seconds: 2 },
      maxDelay: { seconds: 30 },
      backoffRate: 3,
      jitter: JitterStrategy.NONE,
    });
    expect(delays(strategy, 5)).toEqual([2, 6, 18, 30, 30]);
  });

  it("caps at five minutes by default", () => {
    const strategy = createRetryStrategy({ maxAttempts: 20, jitter: JitterStrategy.NONE });
    expect(delays(strategy, 8)).toEqual([5, 10, 20, 40, 80, 160, 300, 300]);
  });

  it("rounds and keeps at least one second", () => {
    const strategy = createRetryStrategy({
      initialDelay: { seconds: 0 },
      backoffRate: 1.5,
      jitter: JitterStrategy.NONE,
    });
    expect(strategy(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
    const fractional = createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 3 },
      backoffRate: 1.5,
      jitter: JitterStrategy.NONE,
    });
    expect(delays(fractional, 3)).toEqual([3, 5, 7]);
  });

  it("applies HALF jitter to the capped delay", () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const strategy = createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 100 },
      maxDelay: { seconds: 60 },
      jitter: JitterStrategy.HALF,
    });
    expect(strategy(error, 1).delay).toEqual({ seconds: 30 });
  });

  it("accepts the seed option names, the current names winning", () => {
    const seed = createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 1 },
      exponentialDelayFactor: 4,
      jitterStrategy: JitterStrategy.NONE,
    });
    expect(delays(seed, 3)).toEqual([1, 4, 16]);
    jest.spyOn(Math, "random").mockReturnValue(0);
    const both = createRetryStrategy({
      maxAttempts: 5,
      initialDelay: { seconds: 10 },
      backoffRate: 2,
      exponentialDelayFactor: 4,
      jitter: JitterStrategy.HALF,
      jitterStrategy: JitterStrategy.NONE,
    });
    expect(delays(both, 2)).toEqual([5, 10]);
  });

  it("treats options given as undefined like missing ones", () => {
    const strategy = createRetryStrategy({
      maxAttempts: undefined,
      initialDelay: undefined,
      maxDelay: undefined,
      backoffRate: undefined,
      jitter: JitterStrategy.NONE,
    });
    expect(delays(strategy, 3)).toEqual([5, 10, undefined]);
  });

  it("treats unknown jitter values as NONE", () => {
    const strategy = createRetryStrategy({ jitter: "SOMETIMES" as JitterStrategy });
    expect(strategy(error, 1).delay).toEqual({ seconds: 5 });
  });

  describe("retryable errors", () => {
    class ThrottleError extends Error {}
    class FatalError extends Error {
      constructor(readonly code: number) {
        super(`fatal ${code}`);
      }
    }

    it("retries only matching messages when patterns are given", () => {
      const strategy = createRetryStrategy({ retryableErrors: ["timeout", /^rate limit \d+$/] });
      expect(strategy(new Error("socket timeout!"), 1).shouldRetry).toBe(true);
      expect(strategy(new Error("rate limit 42"), 1).shouldRetry).toBe(true);
      expect(strategy(new Error("bad input"), 1)).toEqual({ shouldRetry: false });
    });

    it("matches global regular expressions consistently", () => {
      const strategy = createRetryStrategy({ retryableErrors: [/retry/g] });
      expect(strategy(new Error("please retry"), 1).shouldRetry).toBe(true);
      expect(strategy(new Error("please retry"), 1).shouldRetry).toBe(true);
    });

    it("retries only listed error classes when types are given", () => {
      const strategy = createRetryStrategy({ retryableErrorTypes: [ThrottleError, FatalError] });
      expect(strategy(new ThrottleError("x"), 1).shouldRetry).toBe(true);
      expect(strategy(new FatalError(1), 1).shouldRetry).toBe(true);
      expect(strategy(new Error("x"), 1).shouldRetry).toBe(false);
    });

    it("combines patterns and classes with OR", () => {
      const strategy = createRetryStrategy({
        retryableErrors: ["transient"],
        retryableErrorTypes: [ThrottleError],
      });
      expect(strategy(new Error("transient glitch"), 1).shouldRetry).toBe(true);
      expect(strategy(new ThrottleError("other"), 1).shouldRetry).toBe(true);
      expect(strategy(new TypeError("other"), 1).shouldRetry).toBe(false);
    });

    it("retries nothing when a filter is given but empty", () => {
      expect(createRetryStrategy({ retryableErrors: [] })(error, 1).shouldRetry).toBe(false);
      expect(createRetryStrategy({ retryableErrorTypes: [] })(error, 1).shouldRetry).toBe(false);
    });

    it("still stops at maxAttempts for retryable errors", () => {
      const strategy = createRetryStrategy({ maxAttempts: 2, retryableErrors: ["boom"] });
      expect(strategy(error, 1).shouldRetry).toBe(true);
      expect(strategy(error, 2).shouldRetry).toBe(false);
    });
  });

  describe("invalid configuration", () => {
    it.each([
      [
        { maxAttempts: -1 },
        "createRetryStrategy: maxAttempts must be a finite number >= 0 (got -1)",
      ],
      [
        { maxAttempts: Number.NaN },
        "createRetryStrategy: maxAttempts must be a finite number >= 0 (got NaN)",
      ],
      [
        { maxAttempts: Number.POSITIVE_INFINITY },
        "createRetryStrategy: maxAttempts must be a finite number >= 0 (got Infinity)",
      ],
      [{ backoffRate: 0 }, "createRetryStrategy: backoffRate must be a finite number > 0 (got 0)"],
      [
        { backoffRate: -2 },
        "createRetryStrategy: backoffRate must be a finite number > 0 (got -2)",
      ],
      [
        { exponentialDelayFactor: Number.NaN },
        "createRetryStrategy: exponentialDelayFactor must be a finite number > 0 (got NaN)",
      ],
      [
        { initialDelay: { seconds: -5 } },
        "createRetryStrategy: initialDelay must be a finite length, given in days, hours, minutes and seconds (got { seconds: -5 })",
      ],
      [
        { maxDelay: { minutes: Number.POSITIVE_INFINITY } },
        "createRetryStrategy: maxDelay must be a finite length, given in days, hours, minutes and seconds (got { minutes: Infinity })",
      ],
    ])("rejects %p", (config, message) => {
      expect(() => createRetryStrategy(config)).toThrow(new TypeError(message));
      expect(() => createRetryStrategy(config)).toThrow(TypeError);
    });

    it("accepts maxAttempts 0 as never retrying", () => {
      expect(createRetryStrategy({ maxAttempts: 0 })(error, 1)).toEqual({ shouldRetry: false });
    });
  });
});
