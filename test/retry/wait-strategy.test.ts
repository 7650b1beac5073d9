import { createWaitStrategy, JitterStrategy } from "../../src/retry";
import type { WaitStrategyConfig } from "../../src/types/retry";

interface Job {
  status: string;
}
const running: Job = { status: "RUNNING" };
const done: Job = { status: "DONE" };
const shouldContinuePolling = (job: Job) => job.status !== "DONE";

afterEach(() => jest.restoreAllMocks());

describe("createWaitStrategy", () => {
  it("stops as soon as the condition is met", () => {
    const strategy = createWaitStrategy({ shouldContinuePolling });
    expect(strategy(done, 1)).toEqual({ shouldContinue: false });
    expect(strategy(done, 1000)).toEqual({ shouldContinue: false });
  });

  it("uses 5 s growing by 1.5 up to 300 s with FULL jitter by default", () => {
    const random = jest.spyOn(Math, "random").mockReturnValue(0.999999);
    const strategy = createWaitStrategy({ shouldContinuePolling });
    const seconds = [1, 2, 3, 4, 12, 20].map((n) => {
      const decision = strategy(running, n);
      return decision.shouldContinue ? decision.delay : undefined;
    });
    // 5, 7.5, 11.25, 16.875, 5*1.5^11 = 432.5 -> 300, capped
    expect(seconds).toEqual([
      { seconds: 5 },
      { seconds: 7 },
      { seconds: 11 },
      { seconds: 17 },
      { seconds: 300 },
      { seconds: 300 },
    ]);
    random.mockReturnValue(0.5);
    expect(strategy(running, 1)).toEqual({ shouldContinue: true, delay: { seconds: 3 } });
  });

  it("throws once the attempt limit is reached", () => {
    const strategy = createWaitStrategy({ shouldContinuePolling });
    expect(strategy(running, 59).shouldContinue).toBe(true);
    expect(() => strategy(running, 60)).toThrow(
      new Error("waitForCondition exceeded maximum attempts (60)"),
    );
    const short = createWaitStrategy({ shouldContinuePolling, maxAttempts: 3 });
    expect(() => short(running, 3)).toThrow("waitForCondition exceeded maximum attempts (3)");
    expect(short(done, 3)).toEqual({ shouldContinue: false });
  });

  it("honours custom delays, rate and jitter", () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const strategy = createWaitStrategy({
      shouldContinuePolling,
      initialDelay: { seconds: 10 },
      maxDelay: { minutes: 1 },
      backoffRate: 2,
      jitter: JitterStrategy.HALF,
    });
    expect(strategy(running, 1)).toEqual({ shouldContinue: true, delay: { seconds: 5 } });
    expect(strategy(running, 4)).toEqual({ shouldContinue: true, delay: { seconds: 30 } });
  });

  it("accepts the seed option names and ignores timeoutSeconds", () => {
    const strategy = createWaitStrategy({
      shouldContinuePolling,
      initialDelay: { seconds: 2 },
      exponentialDelayFactor: 3,
      jitterStrategy: JitterStrategy.NONE,
      timeoutSeconds: 1,
    });
    expect(strategy(running, 3)).toEqual({ shouldContinue: true, delay: { seconds: 18 } });
  });

  it("treats options given as undefined like missing ones", () => {
    const strategy = createWaitStrategy({
      shouldContinuePolling,
      maxAttempts: undefined,
      initialDelay: undefined,
      backoffRate: undefined,
      jitter: JitterStrategy.NONE,
    });
    expect(strategy(running, 2)).toEqual({ shouldContinue: true, delay: { seconds: 8 } });
  });

  it("requires shouldContinuePolling", () => {
    const message = "createWaitStrategy: shouldContinuePolling must be a function";
    expect(() => createWaitStrategy({} as WaitStrategyConfig<Job>)).toThrow(new TypeError(message));
    expect(() => createWaitStrategy(undefined as unknown as WaitStrategyConfig<Job>)).toThrow(
      new TypeError(message),
    );
  });

  it.each([
    [{ maxAttempts: -1 }, "createWaitStrategy: maxAttempts must be a finite number >= 0 (got -1)"],
    [{ backoffRate: 0 }, "createWaitStrategy: backoffRate must be a finite number > 0 (got 0)"],
    [
      { initialDelay: { seconds: -1 } },
      "createWaitStrategy: initialDelay must be a finite length, given in days, hours, minutes and seconds (got { seconds: -1 })",
    ],
  ])("rejects %p", (config, message) => {
    expect(() => createWaitStrategy({ shouldContinuePolling, ...config })).toThrow(
      new TypeError(message),
    );
  });
});
