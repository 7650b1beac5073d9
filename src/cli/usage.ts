/** The `--help` texts of `run-durable` and its subcommands. */
import type { Command } from "./args";

const COMMON_HANDLER_OPTIONS = [
  "  --handler-export <name>   export to use (default: handler, else lambdaHandler)",
  "  --function <name=file[:export]>",
  "                            register an invoke target: context.invoke(name) runs the",
  "                            export of that file (repeatable). A handler made with",
  "                            withDurableExecution runs as a durable function, any other",
  "                            function as a plain Lambda handler",
  "  -v, --verbose             trace the SDK's decisions to stderr: invocations, replay or",
  "                            execution of each operation, checkpoints sent, suspensions",
  "                            (also DURABLE_VERBOSE_MODE=true); full stack traces on errors",
];

const RUN = [
  "Usage: run-durable [run] [options] <file>",
  "       run-durable serve [options] <file>...",
  "       run-durable timeline [options] <history.json>",
  "",
  "Run a durable function handler locally, for testing, on the embedded durable execution",
  "service, and print its result, operation tree and (optionally) its history.",
  "(`run` is the default command: `run-durable handler.mjs` is `run-durable run handler.mjs`.)",
  "",
  "Arguments:",
  "  file                      handler module (.js, .mjs, .cjs, .ts, .mts, .cts),",
  "                            resolved against the current directory",
  "",
  "Options:",
  "  --event <json>            input payload as JSON (default: {})",
  "  --event-file <path>       read the input payload (JSON) from a file",
  "  --no-skip-time            run waits, retry delays and timeouts in real time, printing",
  "                            a line as each operation starts and ends",
  "  --skip-time               skip them on the virtual clock (the default)",
  "  --answer-callbacks <json> complete every callback the execution creates with this",
  "                            JSON result (waitForCallback: after its submitter ran)",
  "  --show-history            also print the execution's history events",
  "  --timeline <file.html>    write the execution's timeline (self-contained HTML)",
  ...COMMON_HANDLER_OPTIONS,
  "  --serve [port]            after the run, keep the embedded service listening on",
  "                            HTTP (Lambda durable execution REST paths) until Ctrl-C;",
  "                            default port 9014, 0 picks a free port",
  "  -V, --version             print the version and exit",
  "  -h, --help                print this help and exit (also: run-durable serve --help)",
  "",
  "TypeScript handlers are loaded through tsx (npm install --save-dev tsx).",
  "",
  "Exit codes:",
  "  0  the execution SUCCEEDED (or --help / --version, or serve / timeline ended normally)",
  "  1  the execution FAILED, TIMED_OUT or STOPPED, or could not finish",
  "     (for example it waits for a callback nobody answers)",
  "  2  usage error: bad option or argument, bad event JSON, handler file or export",
  "     that cannot be loaded, unreadable history file",
  "",
  "Examples:",
  '  run-durable handler.mjs --event \'{"orderId":"42"}\'',
  "  run-durable run src/workflow.ts --handler-export workflow --show-history",
  "  run-durable order.mjs --answer-callbacks '\"approved\"' --no-skip-time",
  "  run-durable run checkout.mjs --function pricer=pricing.mjs --timeline checkout.html",
  "  run-durable serve checkout.mjs pricing.mjs --port 9014",
  "  run-durable timeline history.json -o history.html",
  "",
];

const SERVE = [
  "Usage: run-durable serve [options] <file>...",
  "",
  "Serve handler files on the embedded durable execution service over HTTP (the Lambda",
  "REST paths: Invoke, GetDurableExecution, GetDurableExecutionHistory, callbacks, ...)",
  "until Ctrl-C. Each file is registered under its file name (orders.mjs as `orders`);",
  "a line is printed as each operation starts and ends.",
  "",
  "Options:",
  "  -p, --port <port>         TCP port (default 9014; 0 picks a free port)",
  "  --skip-time               skip waits and retry delays on the virtual clock",
  "  --no-skip-time            run them in real time (the default for serve)",
  ...COMMON_HANDLER_OPTIONS.filter((l) => !l.includes("answer-callbacks")),
  "  -h, --help                print this help and exit",
  "",
  "Example:",
  "  run-durable serve checkout.mjs pricing.mjs",
  "  AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:9014 aws lambda invoke --function-name checkout out.json",
  "",
];

const TIMELINE = [
  "Usage: run-durable timeline [options] <history.json>",
  "",
  "Render the timeline of one execution (self-contained HTML) from its saved history:",
  "the output of `aws lambda get-durable-execution-history`, a GetDurableExecutionHistory",
  "answer, a list of such pages, or a plain list of events.",
  "",
  "Options:",
  "  -o, --output <file.html>  where to write (default: the history file's name with .html)",
  "  --title <text>            page title (default: the history file's name)",
  "  -h, --help                print this help and exit",
  "",
  "Example:",
  '  aws lambda get-durable-execution-history --durable-execution-arn "$ARN" > history.json',
  "  run-durable timeline history.json -o history.html",
  "",
];

const TEXTS: Record<Command, string[]> = { run: RUN, serve: SERVE, timeline: TIMELINE };

/** Builds the usage text of `command` (default: the main help). */
export function usageText(command: Command = "run"): string {
  return TEXTS[command].join("\n");
}
