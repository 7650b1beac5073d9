/** Captures what is written to process.stdout / process.stderr while a test runs. */
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
  return {
    stdout: () => out,
    stderr: () => err,
    restore: () => {
      spyOut.mockRestore();
      spyErr.mockRestore();
    },
  };
}
