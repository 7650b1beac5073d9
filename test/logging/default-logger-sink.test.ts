/**
 * Where the default logger's lines go: through the global console outside Lambda (so test
 * frameworks capture them and `jest --silent` hides them), straight to the process streams
 * inside Lambda (where the runtime would otherwise rewrite them). The text is the same.
 */
import { createDefaultLogger } from "../../src/logging/default-logger";

const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
afterEach(() => {
  if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
  jest.restoreAllMocks();
});

function spies() {
  const log = jest.spyOn(console, "log").mockImplementation(() => {});
  const error = jest.spyOn(console, "error").mockImplementation(() => {});
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  return { log, error, stdout, stderr };
}

test("outside Lambda: one console.log / console.error call per record, nothing raw", () => {
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  const s = spies();
  const logger = createDefaultLogger();
  logger.info("hello");
  logger.error("bad");

  expect(s.log).toHaveBeenCalledTimes(1);
  expect(JSON.parse(s.log.mock.calls[0][0])).toMatchObject({ level: "INFO", message: "hello" });
  expect(JSON.parse(s.error.mock.calls[0][0])).toMatchObject({ level: "ERROR", message: "bad" });
  expect(s.stdout).not.toHaveBeenCalled();
  expect(s.stderr).not.toHaveBeenCalled();
});

test("inside Lambda: the same JSON line goes straight to the streams, not through console", () => {
  process.env.AWS_LAMBDA_FUNCTION_NAME = "my-function";
  const s = spies();
  const logger = createDefaultLogger();
  logger.info("hello");
  logger.warn("careful");

  expect(s.log).not.toHaveBeenCalled();
  expect(s.error).not.toHaveBeenCalled();
  const line = String(s.stdout.mock.calls[0][0]);
  expect(line.endsWith("\n")).toBe(true);
  expect(JSON.parse(line)).toMatchObject({ level: "INFO", message: "hello" });
  expect(JSON.parse(String(s.stderr.mock.calls[0][0]))).toMatchObject({ level: "WARN" });
});
