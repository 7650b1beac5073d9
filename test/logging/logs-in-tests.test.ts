/**
 * The promises of docs/logs-in-tests.md: under the test runner, SDK log lines go through
 * `console` (so `jest --silent` and console spies work), replayed lines are dropped, and
 * AWS_LAMBDA_LOG_LEVEL set before a run filters them.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";

const handler = withDurableExecution(async (event: { user: string }, context) => {
  context.logger.info(`signup started for ${event.user}`);
  await context.step("create-account", async () => "ok");
  await context.wait("welcome-delay", { hours: 1 });
  context.logger.info("sending welcome mail");
  context.logger.error("mail server slow");
  return "done";
});

const savedLevel = process.env.AWS_LAMBDA_LOG_LEVEL;
beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
afterEach(() => {
  if (savedLevel === undefined) delete process.env.AWS_LAMBDA_LOG_LEVEL;
  else process.env.AWS_LAMBDA_LOG_LEVEL = savedLevel;
  jest.restoreAllMocks();
});

function captureConsole() {
  const out: Record<string, unknown>[] = [];
  const err: Record<string, unknown>[] = [];
  jest.spyOn(console, "log").mockImplementation((line: string) => void out.push(JSON.parse(line)));
  jest
    .spyOn(console, "error")
    .mockImplementation((line: string) => void err.push(JSON.parse(line)));
  const stdout = jest.spyOn(process.stdout, "write");
  return { out, err, stdout };
}

test("lines go through console, once per execution although the wait re-invoked the handler", async () => {
  delete process.env.AWS_LAMBDA_LOG_LEVEL;
  const captured = captureConsole();
  const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({
    payload: { user: "kim" },
  });

  expect(result.getInvocations()).toHaveLength(2);
  expect(captured.out.map((l) => l.message)).toEqual([
    "signup started for kim",
    "sending welcome mail",
  ]);
  expect(captured.err).toEqual([
    expect.objectContaining({ level: "ERROR", message: "mail server slow" }),
  ]);
  expect(captured.stdout).not.toHaveBeenCalled();
});

test("AWS_LAMBDA_LOG_LEVEL set before the run filters lower levels", async () => {
  process.env.AWS_LAMBDA_LOG_LEVEL = "ERROR";
  const captured = captureConsole();
  await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: { user: "al" } });
  expect(captured.out).toEqual([]);
  expect(captured.err.map((l) => l.message)).toEqual(["mail server slow"]);
});
