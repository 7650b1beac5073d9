/** setupTestEnvironment / teardownTestEnvironment error cases (TESTING-API §1.2), and LOG_LEVEL handling. */
import { LocalDurableTestRunner } from "../../src/testing";
import { miniDurable } from "./mini-sdk";

const handler = miniDurable(async (_input, ctx) => ctx.step("s", () => "ok"));

describe("test environment lifecycle", () => {
  test("run() and teardown before any setup reject", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    await expect(runner.run()).rejects.toThrow("CheckpointWorkerManager has not been created");
    await expect(LocalDurableTestRunner.teardownTestEnvironment()).rejects.toThrow(
      "CheckpointWorkerManager has not been created",
    );
  });

  test("setup twice rejects; teardown twice is quiet; run after teardown rejects; setup again works", async () => {
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    await expect(LocalDurableTestRunner.setupTestEnvironment()).rejects.toThrow(
      "Worker thread is already running",
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    expect((await runner.run()).getResult()).toBe("ok");
    await LocalDurableTestRunner.teardownTestEnvironment();
    await expect(LocalDurableTestRunner.teardownTestEnvironment()).resolves.toBeUndefined();
    await expect(runner.run()).rejects.toThrow("Worker not initialized");
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false, checkpointDelay: 5 });
    // The delay is applied to each checkpoint call (observed on the timer it arms, not timed).
    const timers = jest.spyOn(globalThis, "setTimeout");
    try {
      expect((await runner.run()).getResult()).toBe("ok");
      expect(timers.mock.calls.filter(([, ms]) => ms === 5).length).toBeGreaterThanOrEqual(1);
    } finally {
      timers.mockRestore();
    }
    await LocalDurableTestRunner.teardownTestEnvironment();
  });

  test("real Date and timers are untouched by setup", async () => {
    const realSetTimeout = setTimeout;
    const realNow = Date.now;
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    expect(setTimeout).toBe(realSetTimeout);
    expect(Date.now).toBe(realNow);
    await LocalDurableTestRunner.teardownTestEnvironment();
  });

  test("a lower-case or unknown LOG_LEVEL does not break the import", () => {
    const saved = process.env.LOG_LEVEL;
    try {
      for (const level of ["debug", "Verbose"]) {
        process.env.LOG_LEVEL = level;
        jest.isolateModules(() => {
          expect(() => require("../../src/testing")).not.toThrow();
        });
      }
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });
});
