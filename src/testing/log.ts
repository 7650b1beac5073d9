/**
 * Internal logger of the testing tools. The level comes from `LOG_LEVEL` (any casing;
 * `DEBUG`, `INFO`, `WARN`, `ERROR`, `NONE`); unknown values fall back to `ERROR` instead of
 * throwing at import time.
 */
const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, NONE: 100 } as const;
type Level = keyof typeof LEVELS;

function currentLevel(): number {
  const raw = (typeof process !== "undefined" ? process.env.LOG_LEVEL : undefined)
    ?.trim()
    .toUpperCase();
  return raw && raw in LEVELS ? LEVELS[raw as Level] : LEVELS.ERROR;
}

function emit(level: Level, message: string, data?: unknown): void {
  if (LEVELS[level] < currentLevel()) return;
  const line = `[durable-testing] ${level} ${message}`;
  if (data === undefined) console.error(line);
  else console.error(line, data);
}

/** Logger used by the embedded service and the runner. */
export const testingLog = {
  debug: (message: string, data?: unknown) => emit("DEBUG", message, data),
  info: (message: string, data?: unknown) => emit("INFO", message, data),
  warn: (message: string, data?: unknown) => emit("WARN", message, data),
  error: (message: string, data?: unknown) => emit("ERROR", message, data),
  /** True when debug output is enabled (lets callers skip building expensive messages). */
  get debugEnabled(): boolean {
    return currentLevel() <= LEVELS.DEBUG;
  },
};
