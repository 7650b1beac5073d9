/**
 * Captures what the default logger writes while a test runs: through `console.log` /
 * `console.error` (outside Lambda) or straight to process.stdout / process.stderr (inside).
 */
export function captureOutput(): {
  stdout: () => string[];
  stderr: () => string[];
  restore: () => void;
} {
  const out: string[] = [];
  const err: string[] = [];
  const spyOut = jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    out.push(String(chunk));
    return true;
  });
  const spyErr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
    err.push(String(chunk));
    return true;
  });
  const spyLog = jest.spyOn(console, "log").mockImplementation((line: unknown) => {
    out.push(`${String(line)}\n`);
  });
  const spyError = jest.spyOn(console, "error").mockImplementation((line: unknown) => {
    err.push(`${String(line)}\n`);
  });
  return {
    stdout: () => out,
    stderr: () => err,
    restore: () => {
      spyOut.mockRestore();
      spyErr.mockRestore();
      spyLog.mockRestore();
      spyError.mockRestore();
    },
  };
}
