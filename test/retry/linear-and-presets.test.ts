import { createLinearRetryStrategy, JitterStrategy, retryPresets } from "../../src/retry";

const error = new Error("boom");
type Strategy = (error: Error, attemptsMade: number) => { delay?: { seconds?: number } };
const delays = (strategy: Strategy, attempts: number) =>
  Array.from({ length: attempts }, (_, i) => strategy(error, i + 1).delay?.seconds);

afterEach(() => jest.restoreAllMocks());

describe("createLinearRetryStrategy", () => {
  it("uses 6 attempts, 1 s + 1 s steps and FULL jitter by default", () => {
    jest.spyOn(Math, "random").mockReturnValue(0.999);
    const strategy = createLinearRetryStrategy();
    expect(delays(strategy, 6)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(strategy(error, 6)).toEqual({ shouldRetry: false });
  });

  it("grows linearly up to the cap", () => {
    const strategy = createLinearRetryStrategy({
      maxAttempts: 10,
      initialDelay: { seconds: 10 },
      increment: { seconds: 15 },
      maxDelay: { seconds: 50 },
      jitter: JitterStrategy.NONE,
    });
    expect(delays(strategy, 5)).toEqual([10, 25, 40, 50, 50]);
  });

  it("accepts jitterStrategy as an older name of jitter", () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const seed = createLinearRetryStrategy({
      initialDelay: { seconds: 10 },
      jitterStrategy: JitterStrategy.NONE,
    });
    expect(seed(error, 1).delay).toEqual({ seconds: 10 });
    const both = createLinearRetryStrategy({
      initialDelay: { seconds: 10 },
      jitter: JitterStrategy.HALF,
      jitterStrategy: JitterStrategy.NONE,
    });
    expect(both(error, 1).delay).toEqual({ seconds: 5 });
  });

  it("filters errors like the exponential strategy", () => {
    const strategy = createLinearRetryStrategy({ retryableErrors: ["again"] });
    expect(strategy(new Error("try again"), 1).shouldRetry).toBe(true);
    expect(strategy(new Error("nope"), 1).shouldRetry).toBe(false);
  });

  it.each([
    [
      { maxAttempts: -3 },
      "createLinearRetryStrategy: maxAttempts must be a finite number >= 0 (got -3)",
    ],
    [
      { increment: { seconds: Number.NaN } },
      "createLinearRetryStrategy: increment must be a finite length, given in days, hours, minutes and seconds (got { seconds: NaN })",
    ],
  ])("rejects %p", (config, message) => {
    expect(() => createLinearRetryStrategy(config)).toThrow(new TypeError(message));
  });
});

describe("retryPresets", () => {
  it("default: 5, 10, 20, 40, 60 s before jitter over 6 attempts", () => {
    const random = jest.spyOn(Math, "random").mockReturnValue(0.999999);
    expect(delays(retryPresets.default, 6)).toEqual([5, 10, 20, 40, 60, undefined]);
    random.mockReturnValue(0.5);
    expect(delays(retryPresets.default, 5)).toEqual([3, 5, 10, 20, 30]);
    random.mockReturnValue(0);
    expect(delays(retryPresets.default, 5)).toEqual([1, 1, 1, 1, 1]);
  });

  it("default retries every kind of error", () => {
    expect(retryPresets.default(new TypeError("x"), 1).shouldRetry).toBe(true);
  });

  it("linear: 1, 2, 3, 4, 5 s without jitter", () => {
    const random = jest.spyOn(Math, "random");
    expect(delays(retryPresets.linear, 6)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(random).not.toHaveBeenCalled();
  });

  it("noRetry never retries", () => {
    expect(retryPresets.noRetry(error, 1)).toEqual({ shouldRetry: false });
  });
});
