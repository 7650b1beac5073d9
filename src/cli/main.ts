/** Entry point of the `run-durable` binary (built to dist-cjs/cli.js, started by bin/run-durable). */
import { runCli } from "./run-cli";

runCli(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    process.stderr.write(
      `run-durable: internal error: ${String((error as Error)?.stack ?? error)}\n`,
    );
    exitAfterFlush(1);
  },
);

/**
 * Exits once stdout and stderr are flushed. Exiting explicitly keeps a handler's leftover
 * timers or sockets from holding the process open after the run is reported.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
