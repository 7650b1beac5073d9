/** Errors the CLI reports on standard error, each with the exit code it ends the process with. */

/** Exit codes of `run-durable` (documented in docs/cli.md and in `--help`). */
export const ExitCode = {
  /** The execution SUCCEEDED (or `--help` / `--version` was printed). */
  OK: 0,
  /** The execution ended FAILED, TIMED_OUT or STOPPED, or could not finish (`run()` rejected). */
  EXECUTION_FAILED: 1,
  /** Bad command line, unreadable event, or a handler file/export that cannot be loaded. */
  USAGE: 2,
} as const;

/** An error the CLI prints as `Error: <message>` (or the message as given) and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.USAGE,
    /** Print the message verbatim instead of prefixing it with `Error: `. */
    readonly verbatim = false,
    /** The underlying error's stack, printed with `--verbose`. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A command-line error (unknown option, missing argument) in the lower-case `error:` style. */
export function usageError(message: string): CliError {
  return new CliError(`error: ${message}\n(run with --help for usage)`, ExitCode.USAGE, true);
}
