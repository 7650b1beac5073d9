/**
 * The command line of `run-durable`, parsed by a small hand-written parser (no dependency):
 * long options with `--name value` or `--name=value`, the short flags `-v`, `-V`, `-h`,
 * `--` to end the options, and one positional argument, the handler file.
 */
import { usageError } from "./cli-error";

/** What the command line asked for. */
export interface CliOptions {
  /** Handler file as typed (resolved against the current directory later). */
  file?: string;
  /** Raw JSON text of `--event`. */
  event?: string;
  /** Path given to `--event-file`. */
  eventFile?: string;
  /** Time skipping on the virtual clock (default true; `--no-skip-time` turns it off). */
  skipTime: boolean;
  /** Export to run; undefined means "handler, else lambdaHandler". */
  handlerExport?: string;
  showHistory: boolean;
  verbose: boolean;
  /** Raw JSON text every callback is answered with. */
  answerCallbacks?: string;
  /** Run each invocation in a worker thread (crashes end that invocation only). */
  isolate: boolean;
  /** Port for `--serve` (0 = any free port); undefined when not serving. */
  serve?: number;
  help: boolean;
  version: boolean;
}

type Arity = "none" | "required" | "optional-port";

interface OptionSpec {
  long: string;
  short?: string;
  arity: Arity;
  /** Shown in messages, e.g. `<json>`. */
  valueName?: string;
  apply(options: CliOptions, value: string | undefined): void;
}

/** Default port of `--serve` when none is given. */
export const DEFAULT_SERVE_PORT = 9014;

/** Options the parser knows. */
const OPTION_SPECS: OptionSpec[] = [
  {
    long: "event",
    arity: "required",
    valueName: "<json>",
    apply: (o, v) => (o.event = v),
  },
  {
    long: "event-file",
    arity: "required",
    valueName: "<path>",
    apply: (o, v) => (o.eventFile = v),
  },
  { long: "skip-time", arity: "none", apply: (o) => (o.skipTime = true) },
  { long: "no-skip-time", arity: "none", apply: (o) => (o.skipTime = false) },
  {
    long: "handler-export",
    arity: "required",
    valueName: "<name>",
    apply: (o, v) => (o.handlerExport = v),
  },
  { long: "show-history", arity: "none", apply: (o) => (o.showHistory = true) },
  { long: "isolate", arity: "none", apply: (o) => (o.isolate = true) },
  {
    long: "answer-callbacks",
    arity: "required",
    valueName: "<json>",
    apply: (o, v) => (o.answerCallbacks = v),
  },
  { long: "verbose", short: "v", arity: "none", apply: (o) => (o.verbose = true) },
  { long: "version", short: "V", arity: "none", apply: (o) => (o.version = true) },
  { long: "help", short: "h", arity: "none", apply: (o) => (o.help = true) },
  {
    long: "serve",
    arity: "optional-port",
    valueName: "[port]",
    apply: (o, v) => (o.serve = v === undefined ? DEFAULT_SERVE_PORT : Number(v)),
  },
];

/** Parses `argv` (without `node` and the script). Throws a `CliError` on a bad command line. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const table = OPTION_SPECS;
  const options: CliOptions = {
    skipTime: true,
    showHistory: false,
    isolate: false,
    verbose: false,
    help: false,
    version: false,
  };
  const positionals: string[] = [];
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq === -1 ? arg : arg.slice(0, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = table.find((s) => `--${s.long}` === name);
    } else {
      name = arg;
      spec = table.find((s) => s.short !== undefined && `-${s.short}` === arg);
    }
    if (!spec) throw usageError(`unknown option '${name}'`);
    const label = `--${spec.long}${spec.valueName ? ` ${spec.valueName}` : ""}`;

    switch (spec.arity) {
      case "none":
        if (inline !== undefined) throw usageError(`option '${label}' does not take a value`);
        spec.apply(options, undefined);
        break;
      case "required": {
        let value = inline;
        if (value === undefined) {
          const next = argv[i + 1];
          // A following option is not taken as the value; "-" alone and negative numbers are.
          if (next === undefined || (next.startsWith("-") && next !== "-" && !/^-\d/.test(next))) {
            throw usageError(`option '${label}' argument missing`);
          }
          value = next;
          i++;
        }
        spec.apply(options, value);
        break;
      }
      case "optional-port": {
        let value = inline;
        if (value === undefined && argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1])) {
          value = argv[++i];
        }
        if (value !== undefined && !(/^\d+$/.test(value) && Number(value) <= 65535)) {
          throw usageError(`option '${label}' expects a port number (0-65535), got '${value}'`);
        }
        spec.apply(options, value);
        break;
      }
    }
  }

  if (options.help || options.version) return options;
  if (positionals.length === 0) throw usageError("missing required argument 'file'");
  if (positionals.length > 1) {
    throw usageError(
      `too many arguments: expected one handler file, got ${positionals.map((p) => `'${p}'`).join(" ")}`,
    );
  }
  if (options.event !== undefined && options.eventFile !== undefined) {
    throw usageError("options '--event' and '--event-file' cannot be used together");
  }
  options.file = positionals[0];
  return options;
}
