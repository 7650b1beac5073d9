/** The `--help` text of `run-durable`. */

/** Builds the usage text; the `--serve` line only appears when the HTTP face is built in. */
export function usageText(withServe: boolean): string {
  const serve = withServe
    ? [
        "  --serve [port]            after the run, keep the embedded service listening on",
        "                            HTTP (Lambda durable execution REST paths) until Ctrl-C;",
        "                            default port 9014, 0 picks a free port",
      ]
    : [];
  return [
    "Usage: run-durable [options] <file>",
    "",
    "Run a durable function handler locally, for testing, on the embedded durable execution",
    "service, and print its result, operation tree and (optionally) its history.",
    "",
    "Arguments:",
    "  file                      handler module (.js, .mjs, .cjs, .ts, .mts, .cts),",
    "                            resolved against the current directory",
    "",
    "Options:",
    "  --event <json>            input payload as JSON (default: {})",
    "  --event-file <path>       read the input payload (JSON) from a file",
    "  --no-skip-time            run waits, retry delays and timeouts in real time",
    "  --skip-time               skip them on the virtual clock (the default)",
    "  --handler-export <name>   export to run (default: handler, else lambdaHandler)",
    "  --answer-callbacks <json> complete every callback the execution creates with this",
    "                            JSON result (waitForCallback: after its submitter ran)",
    "  --show-history            also print the execution's history events",
    "  -v, --verbose             SDK verbose trace (DURABLE_VERBOSE_MODE=true); full",
    "                            stack traces on errors",
    ...serve,
    "  -V, --version             print the version and exit",
    "  -h, --help                print this help and exit",
    "",
    "TypeScript handlers are loaded through tsx (npm install --save-dev tsx).",
    "",
    "Exit codes:",
    "  0  the execution SUCCEEDED (or --help / --version)",
    "  1  the execution FAILED, TIMED_OUT or STOPPED, or could not finish",
    "     (for example it waits for a callback nobody answers)",
    "  2  usage error: bad option or argument, bad event JSON, handler file or export",
    "     that cannot be loaded",
    "",
    "Examples:",
    '  run-durable handler.mjs --event \'{"orderId":"42"}\'',
    "  run-durable src/workflow.ts --handler-export workflow --show-history",
    "  run-durable order.mjs --answer-callbacks '\"approved\"' --no-skip-time",
    "",
  ].join("\n");
}
