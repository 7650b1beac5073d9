/**
 * The command line of `run-durable`, parsed with `node:util` `parseArgs`. The first word may
 * name a subcommand (`run`, `serve`, `timeline`, `replay`); without one the command is `run`, as in
 * earlier versions (`run-durable <file> [--serve [port]]`).
 */
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "./cli-error";
import { parseFunctionSpec, type FunctionSpec } from "./function-spec";

/** The subcommands. Add a name here and a handler in run-cli.ts to add one. */
export const COMMANDS = ["run", "serve", "timeline", "replay"] as const;
/** A subcommand. */
export type Command = (typeof COMMANDS)[number];

/** What the command line asked for. */
export interface CliOptions {
  command: Command;
  /** Handler file of `run` and `replay` (as typed; resolved against the current directory later). */
  file?: string;
  /** Handler files of `serve`, or the history file of `timeline`. */
  files: string[];
  /** Raw JSON text of `--event`. */
  event?: string;
  /** Path given to `--event-file`. */
  eventFile?: string;
  /** Time skipping on the virtual clock (run: default true; serve: default false). */
  skipTime: boolean;
  /** Export to run; undefined means "handler, else lambdaHandler". */
  handlerExport?: string;
  showHistory: boolean;
  /** Run each invocation in a worker thread (a crash ends that invocation only). */
  isolate: boolean;
  verbose: boolean;
  /** Raw JSON text every callback is answered with. */
  answerCallbacks?: string;
  /** Port to serve on (0 = any free port); undefined when not serving. */
  serve?: number;
  /** Invoke targets from `--function NAME=FILE[:EXPORT]`. */
  functions: FunctionSpec[];
  /** `--timeline FILE.html` of `run`, or `--output` of `timeline`. */
  timeline?: string;
  /** Page title of the timeline. */
  title?: string;
  /** `run --record FILE`: save the run as a recording. */
  record?: string;
  /** `replay --history FILE|DIR`: recordings to replay. */
  history?: string;
  /** `replay --execution-arn ARN`: fetch one execution live. */
  executionArn?: string;
  /** `replay --function-name F`: fetch the function's last executions live. */
  functionName?: string;
  /** `replay --last N` (with --function-name; default 10). */
  last?: number;
  help: boolean;
  version: boolean;
}

/** Default port of `serve` and `--serve` when none is given. */
export const DEFAULT_SERVE_PORT = 9014;

type Options = NonNullable<ParseArgsConfig["options"]>;

const GLOBAL: Options = {
  verbose: { type: "boolean", short: "v" },
  version: { type: "boolean", short: "V" },
  help: { type: "boolean", short: "h" },
};

const HANDLER: Options = {
  "skip-time": { type: "boolean" },
  "no-skip-time": { type: "boolean" },
  "handler-export": { type: "string" },
  isolate: { type: "boolean" },
  function: { type: "string", multiple: true },
};

/** Options each subcommand accepts. */
const OPTIONS: Record<Command, Options> = {
  run: {
    ...GLOBAL,
    ...HANDLER,
    event: { type: "string" },
    "event-file": { type: "string" },
    "show-history": { type: "boolean" },
    "answer-callbacks": { type: "string" },
    timeline: { type: "string" },
    serve: { type: "string" },
    record: { type: "string" },
  },
  serve: { ...GLOBAL, ...HANDLER, port: { type: "string", short: "p" } },
  timeline: { ...GLOBAL, output: { type: "string", short: "o" }, title: { type: "string" } },
  replay: {
    ...GLOBAL,
    "handler-export": { type: "string" },
    history: { type: "string" },
    "execution-arn": { type: "string" },
    "function-name": { type: "string" },
    last: { type: "string" },
  },
};

/** How an option's value is shown in messages. */
const VALUE_NAMES: Record<string, string> = {
  event: "<json>",
  "event-file": "<path>",
  "handler-export": "<name>",
  "answer-callbacks": "<json>",
  function: "<name=file[:export]>",
  timeline: "<file.html>",
  serve: "[port]",
  port: "<port>",
  output: "<file.html>",
  title: "<text>",
  record: "<file.json>",
  history: "<file|dir>",
  "execution-arn": "<arn>",
  "function-name": "<name>",
  last: "<n>",
};

/** Parses `argv` (without `node` and the script). Throws a `CliError` on a bad command line. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const named = (COMMANDS as readonly string[]).includes(argv[0] ?? "");
  const command: Command = named ? (argv[0] as Command) : "run";
  const args = normalize(named ? argv.slice(1) : argv, OPTIONS[command]);
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({
      args,
      options: OPTIONS[command],
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw translate(error as Error & { code?: string });
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const options: CliOptions = {
    command,
    files: [...parsed.positionals],
    skipTime: lastSkipTime(parsed.tokens ?? [], command !== "serve"),
    showHistory: v["show-history"] === true,
    isolate: v.isolate === true,
    verbose: v.verbose === true,
    help: v.help === true,
    version: v.version === true,
    functions: ((v.function as string[] | undefined) ?? []).map(parseFunctionSpec),
  };
  setIf(options, "event", v.event);
  setIf(options, "eventFile", v["event-file"]);
  setIf(options, "handlerExport", v["handler-export"]);
  setIf(options, "answerCallbacks", v["answer-callbacks"]);
  setIf(options, "timeline", v.timeline ?? v.output);
  setIf(options, "title", v.title);
  setIf(options, "record", v.record);
  setIf(options, "history", v.history);
  setIf(options, "executionArn", v["execution-arn"]);
  setIf(options, "functionName", v["function-name"]);
  if (options.help || options.version) return options;
  if (command === "replay") replaySource(options, v.last);

  if (typeof v.serve === "string") options.serve = port(v.serve, "--serve [port]");
  if (command === "serve") {
    options.serve = typeof v.port === "string" ? port(v.port, "--port <port>") : DEFAULT_SERVE_PORT;
  }
  checkPositionals(options);
  if (options.event !== undefined && options.eventFile !== undefined) {
    throw usageError("options '--event' and '--event-file' cannot be used together");
  }
  return options;
}

function checkPositionals(options: CliOptions): void {
  const { command, files } = options;
  const what = command === "timeline" ? "history" : "file";
  if (files.length === 0) throw usageError(`missing required argument '${what}'`);
  if (command !== "serve" && files.length > 1) {
    const expected = command === "timeline" ? "one history file" : "one handler file";
    throw usageError(
      `too many arguments: expected ${expected}, got ${files.map((p) => `'${p}'`).join(" ")}`,
    );
  }
  if (command === "run" || command === "replay") options.file = files[0];
}

/** `replay` takes exactly one of --history, --execution-arn, --function-name [--last N]. */
function replaySource(options: CliOptions, last: unknown): void {
  const given = [options.history, options.executionArn, options.functionName].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw usageError(
      "replay needs exactly one of '--history <file|dir>', '--execution-arn <arn>', '--function-name <name>'",
    );
  }
  if (typeof last !== "string") return;
  if (options.functionName === undefined) {
    throw usageError("option '--last <n>' goes with '--function-name <name>'");
  }
  if (!/^\d+$/.test(last) || Number(last) < 1 || Number(last) > 1000) {
    throw usageError(`option '--last <n>' expects a number from 1 to 1000, got '${last}'`);
  }
  options.last = Number(last);
}

/**
 * Rewrites the forms `parseArgs` does not read as this CLI always has: `--serve` with an
 * optional port (`--serve`, `--serve 8080`), and values that start with a dash but are not
 * options (`--event -1`, `--event-file -`).
 */
function normalize(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (arg === "--serve" && "serve" in options) {
      const hasPort = next !== undefined && /^\d+$/.test(next);
      out.push(`--serve=${hasPort ? next : DEFAULT_SERVE_PORT}`);
      if (hasPort) i++;
      continue;
    }
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      options[name]?.type === "string" &&
      next !== undefined &&
      (next === "-" || /^-\d/.test(next))
    ) {
      out.push(`${arg}=${next}`);
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** `parseArgs` errors in the CLI's `error: ...` wording. */
function translate(error: Error & { code?: string }): Error {
  const quoted = /'(-[^' ]*)/.exec(error.message)?.[1] ?? "?";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return usageError(`unknown option '${quoted}'`);
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const long = quoted.replace(/^-+/, "");
    const label = `--${long}${VALUE_NAMES[long] ? ` ${VALUE_NAMES[long]}` : ""}`;
    if (/does not take an argument/.test(error.message)) {
      return usageError(`option '${label}' does not take a value`);
    }
    return usageError(`option '${label}' argument missing`);
  }
  return usageError(error.message);
}

/** The last of `--skip-time` / `--no-skip-time` wins; `fallback` when neither is given. */
function lastSkipTime(tokens: ReadonlyArray<{ kind: string; name?: string }>, fallback: boolean) {
  let skip = fallback;
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    if (t.name === "skip-time") skip = true;
    if (t.name === "no-skip-time") skip = false;
  }
  return skip;
}

function port(value: string, label: string): number {
  if (!(/^\d+$/.test(value) && Number(value) <= 65535)) {
    throw usageError(`option '${label}' expects a port number (0-65535), got '${value}'`);
  }
  return Number(value);
}

function setIf<K extends keyof CliOptions>(options: CliOptions, key: K, value: unknown): void {
  if (typeof value === "string") options[key] = value as CliOptions[K];
}
