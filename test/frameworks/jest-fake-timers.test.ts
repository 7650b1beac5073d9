/**
 * The runner under jest's fake timers (modern and legacy) installed by the test: the SDK and
 * the embedded service keep real timers of their own, so runs finish; a run stuck on a
 * faked timer does not wedge the shared service for the next test.
 */
import { LocalDurableTestRunner } from "../../src/testing";
import { abandonStuckRun, runWorkflow } from "./fake-timers-workflow";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
afterEach(() => jest.useRealTimers());

const expected = (name: string) => ({
  status: "SUCCEEDED",
  result: { greeting: `hello ${name}`, answer: "yes" },
});

test("jest.useFakeTimers() (modern)", async () => {
  jest.useFakeTimers();
  await expect(runWorkflow("modern")).resolves.toEqual(expected("modern"));
});

test("jest.useFakeTimers({ legacyFakeTimers: true })", async () => {
  jest.useFakeTimers({ legacyFakeTimers: true });
  await expect(runWorkflow("legacy")).resolves.toEqual(expected("legacy"));
});

test("a run stuck on a faked timer inside a step...", async () => {
  jest.useFakeTimers();
  await expect(abandonStuckRun()).resolves.toBe("still running");
});

test("...does not wedge the shared service for the next test", async () => {
  jest.useFakeTimers();
  await expect(runWorkflow("after-stuck")).resolves.toEqual(expected("after-stuck"));
});
