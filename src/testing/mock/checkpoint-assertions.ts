/**
 * Assertions over what a {@link MockDurableExecutionClient} recorded. They are plain
 * functions that throw `AssertionError` (from `node:assert`) with a message saying what was
 * expected and what was checkpointed, so they read the same in jest, vitest and node:test.
 */
import { AssertionError } from "node:assert";
import { isDeepStrictEqual, inspect } from "node:util";
import type { ErrorObject } from "../../types/wire";
import type { MockDurableExecutionClient } from "./mock-durable-execution-client";
import type { RecordedUpdate } from "./recorded-update";

/**
 * A step that finished, as seen in the checkpoints.
 *
 * @example
 * ```ts
 * const steps: CheckpointedStep[] = checkpointedSteps(client);
 * expect(steps.map((s) => s.name)).toEqual(["load", "charge"]);
 * ```
 */
export interface CheckpointedStep {
  /** The step's name (`undefined` for an unnamed step). */
  name: string | undefined;
  /** The step's operation id. */
  id: string;
  /** `SUCCEEDED` or `FAILED`. */
  status: "SUCCEEDED" | "FAILED";
  /** The checkpointed result parsed as JSON (the raw payload when it is not JSON). */
  result: unknown;
  /** The checkpointed error record of a failed step. */
  error: ErrorObject | undefined;
  /** Index of the invocation that checkpointed it. */
  invocation: number;
}

/**
 * One expected step: its name, and optionally its result, error or status.
 *
 * @example
 * ```ts
 * const expected: ExpectedStep[] = [
 *   { name: "load", result: { id: 7 } },
 *   { name: "notify", error: /mail server down/ },
 * ];
 * expectStepsCheckpointed(client, expected);
 * ```
 */
export interface ExpectedStep {
  name: string;
  /** Compared with deep strict equality to the parsed result. */
  result?: unknown;
  /** The step failed with this message (a string must be contained, a RegExp must match). */
  error?: string | RegExp;
  status?: "SUCCEEDED" | "FAILED";
}

/**
 * Which invocations an assertion looks at: all of them (default), or one by index.
 *
 * @example
 * ```ts
 * expectStepsCheckpointed(client, ["send-receipt"], { invocation: "last" });
 * ```
 */
export interface InvocationFilter {
  /** Only updates of this invocation; `"last"` for the latest one. */
  invocation?: number | "last";
}

/**
 * One expected update; every field given must match.
 *
 * @example
 * ```ts
 * expectUpdatesInOrder(client, [{ name: "nap", type: "WAIT", action: "START" }]);
 * ```
 */
export interface ExpectedUpdate {
  name?: string;
  type?: RecordedUpdate["type"];
  subType?: string;
  action?: RecordedUpdate["action"];
  /** Compared with deep strict equality to the parsed payload. */
  result?: unknown;
}

function select(client: MockDurableExecutionClient, filter: InvocationFilter): RecordedUpdate[] {
  const all = client.updates;
  if (filter.invocation === undefined) return all;
  const wanted = filter.invocation === "last" ? client.invocationCount - 1 : filter.invocation;
  return all.filter((u) => u.invocation === wanted);
}

/**
 * Steps made with `context.step` that finished (a `SUCCEED` or `FAIL` update), in order. The
 * steps the SDK makes for itself (a `waitForCallback` submitter, `waitForCondition` checks)
 * are left out; {@link MockDurableExecutionClient.updates} has everything.
 *
 * @example
 * ```ts
 * const [load] = checkpointedSteps(client);
 * expect(load).toMatchObject({ name: "load", status: "SUCCEEDED", result: { id: 7 } });
 * ```
 */
export function checkpointedSteps(
  client: MockDurableExecutionClient,
  filter: InvocationFilter = {},
): CheckpointedStep[] {
  return select(client, filter)
    .filter((u) => u.type === "STEP" && (u.subType === undefined || u.subType === "Step"))
    .filter((u) => !u.parentId || client.getOperation(u.parentId)?.SubType !== "WaitForCallback")
    .filter((u) => u.action === "SUCCEED" || u.action === "FAIL")
    .map((u) => ({
      name: u.name,
      id: u.id,
      status: u.action === "SUCCEED" ? "SUCCEEDED" : "FAILED",
      result: u.result,
      error: u.error,
      invocation: u.invocation,
    }));
}

const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: 100 });

function fail(message: string, actual: unknown, expected: unknown, operator: string): never {
  throw new AssertionError({ message, actual, expected, operator });
}

function stepMismatch(step: CheckpointedStep, want: ExpectedStep): string | undefined {
  if (step.name !== want.name) return `expected step "${want.name}", got "${step.name}"`;
  const status = want.status ?? (want.error !== undefined ? "FAILED" : undefined);
  if (status && step.status !== status) return `expected ${status}, got ${step.status}`;
  if ("result" in want && !isDeepStrictEqual(step.result, want.result)) {
    return `expected result ${show(want.result)}, got ${show(step.result)}`;
  }
  if (want.error !== undefined) {
    const message = step.error?.ErrorMessage ?? "";
    const ok =
      typeof want.error === "string" ? message.includes(want.error) : want.error.test(message);
    if (!ok) return `expected error matching ${show(want.error)}, got ${show(message)}`;
  }
  return undefined;
}

/**
 * Asserts that exactly these steps finished, in this order, with these results or errors.
 * A string stands for `{ name }`. Steps of every invocation count unless `filter` says which.
 *
 * @throws AssertionError naming the first difference and listing what was checkpointed.
 * @example
 * ```ts
 * expectStepsCheckpointed(client, [
 *   { name: "load", result: { id: 7 } },
 *   "charge",
 *   { name: "notify", error: /mail server down/ },
 * ]);
 * ```
 */
export function expectStepsCheckpointed(
  client: MockDurableExecutionClient,
  expected: ReadonlyArray<string | ExpectedStep>,
  filter: InvocationFilter = {},
): void {
  const steps = checkpointedSteps(client, filter);
  const wanted = expected.map((e) => (typeof e === "string" ? { name: e } : e));
  const listing = steps.map((s) => `  ${s.status} ${s.name} -> ${show(s.error ?? s.result)}`);
  const summary = `checkpointed steps:\n${listing.join("\n") || "  (none)"}`;
  for (let i = 0; i < Math.max(steps.length, wanted.length); i++) {
    const step = steps[i];
    const want = wanted[i];
    if (!want)
      fail(`unexpected step #${i + 1} "${step!.name}"\n${summary}`, steps, wanted, "steps");
    if (!step)
      fail(
        `step #${i + 1} "${want.name}" was not checkpointed\n${summary}`,
        steps,
        wanted,
        "steps",
      );
    const mismatch = stepMismatch(step, want);
    if (mismatch) fail(`step #${i + 1}: ${mismatch}\n${summary}`, step, want, "steps");
  }
}

/**
 * Asserts that updates matching `expected` were sent in this order (other updates may come
 * between them). Each expected entry matches on the fields it gives.
 *
 * @throws AssertionError naming the first entry that found no match after the previous one.
 * @example
 * ```ts
 * expectUpdatesInOrder(client, [
 *   { name: "approval", type: "CONTEXT", subType: "WaitForCallback", action: "START" },
 *   { type: "CALLBACK", action: "START" },
 *   { name: "approval", type: "CONTEXT", action: "SUCCEED", result: "yes" },
 * ]);
 * ```
 */
export function expectUpdatesInOrder(
  client: MockDurableExecutionClient,
  expected: readonly ExpectedUpdate[],
  filter: InvocationFilter = {},
): void {
  const updates = select(client, filter);
  let from = 0;
  for (const [i, want] of expected.entries()) {
    const found = updates.findIndex((u, index) => index >= from && updateMatches(u, want));
    if (found < 0) {
      const listing = updates.map((u) => `  ${u.action} ${u.type} ${u.name ?? u.id}`).join("\n");
      fail(
        `expected update #${i + 1} ${show(want)} was not sent after the previous ones\nupdates sent:\n${listing || "  (none)"}`,
        updates.map((u) => ({ name: u.name, type: u.type, action: u.action })),
        expected,
        "updates",
      );
    }
    from = found + 1;
  }
}

function updateMatches(update: RecordedUpdate, want: ExpectedUpdate): boolean {
  return (
    (want.name === undefined || update.name === want.name) &&
    (want.type === undefined || update.type === want.type) &&
    (want.subType === undefined || update.subType === want.subType) &&
    (want.action === undefined || update.action === want.action) &&
    (!("result" in want) || isDeepStrictEqual(update.result, want.result))
  );
}

/**
 * Asserts that the named operation was replayed by the latest invocation: it had finished
 * before, and the latest invocation sent no update for it (its code did not run again).
 *
 * @throws AssertionError when the operation is unknown, was not finished, or sent updates.
 * @example
 * ```ts
 * await client.invoke(handler);          // runs "load", then suspends on a wait
 * client.advance();
 * await client.invoke(handler);          // replays "load"
 * expectReplayed(client, "load");
 * ```
 */
export function expectReplayed(client: MockDurableExecutionClient, nameOrId: string): void {
  const op = client.getOperation(nameOrId);
  if (!op) fail(`no operation "${nameOrId}" was recorded`, undefined, nameOrId, "replayed");
  const sent = client.updatesFor(op.Id).filter((u) => u.invocation === client.invocationCount - 1);
  if (sent.length > 0) {
    fail(
      `"${nameOrId}" was executed, not replayed, by the latest invocation: it sent ${sent.map((u) => u.action).join(", ")}`,
      sent.map((u) => u.action),
      [],
      "replayed",
    );
  }
  if (op.Status === "STARTED" || op.Status === "PENDING" || op.Status === "READY") {
    fail(`"${nameOrId}" has not finished (status ${op.Status})`, op.Status, "finished", "replayed");
  }
}

/**
 * Asserts that the latest invocation executed the named operation: it sent at least one
 * update for it (a START, SUCCEED, FAIL or RETRY).
 *
 * @throws AssertionError when the latest invocation sent nothing for it.
 * @example
 * ```ts
 * await client.invoke(handler);
 * expectExecuted(client, "charge");
 * ```
 */
export function expectExecuted(client: MockDurableExecutionClient, nameOrId: string): void {
  const latest = client.invocationCount - 1;
  const sent = client.updates
    .filter((u) => u.invocation === latest)
    .filter((u) => u.name === nameOrId || u.id === nameOrId);
  if (sent.length === 0) {
    const names = [
      ...new Set(client.updates.filter((u) => u.invocation === latest).map((u) => u.name ?? u.id)),
    ];
    fail(
      `"${nameOrId}" was not executed by the latest invocation (it sent updates for: ${names.join(", ") || "nothing"})`,
      names,
      nameOrId,
      "executed",
    );
  }
}
