/**
 * Compares what the handler did in a verify-only replay (the trace of the verifying client)
 * with the recording, and finds the first divergence or the first new work.
 */
import { isDeepStrictEqual } from "node:util";
import type { ReachedOperation } from "../../checkpoint/durable-execution-client";
import { isFinishedStatus } from "../../context/finished-status";
import { readRecordedBatch } from "../../operations/concurrency/batch-serdes";
import type { Operation, OperationUpdate } from "../../types/wire";
import { describeOperation, OperationPaths, type ReplayOperation } from "./operation-path";
import type { ExecutionRecording } from "./recording";
import type { ReplayDivergence, ReplayNewWork, ReplayReport } from "./replay-report";
import type { TraceEntry } from "./verifying-client";

/** How the replayed invocation ended (see `ReplayReport.outcome`). */
export interface ReplayOutcome {
  status: string;
  result?: string;
  error?: { ErrorType?: string; ErrorMessage?: string };
}

const FINISHED_WITH_OUTCOME = new Set(["SUCCEEDED", "FAILED"]);

/** Follows a replay entry by entry; `divergence` is set as soon as the first one shows. */
export class ReplayAnalysis {
  readonly recorded = new Map<string, Operation>();
  readonly paths: OperationPaths;
  readonly matched = new Set<string>();
  /** Contexts whose body ran in the replay (some operation inside was called). */
  readonly entered = new Set<string>();
  divergence: ReplayDivergence | undefined;
  firstNewWork: ReplayNewWork | undefined;

  constructor(readonly recording: ExecutionRecording) {
    for (const op of recording.operations)
      if (op.Type !== "EXECUTION") this.recorded.set(op.Id, op);
    this.paths = new OperationPaths(recording.operations);
  }

  /** Takes the next thing the handler did (ignored after the first divergence). */
  feed(entry: TraceEntry): void {
    if (this.divergence) return;
    if (entry.kind === "reached") this.reached(entry.op);
    else if (entry.kind === "wouldRun") this.newWork(fromReached(entry.op), "run");
    else this.update(entry.update);
  }

  /** The report, once the handler has ended (or the replay was stopped). */
  finish(outcome: ReplayOutcome): ReplayReport {
    this.afterHandler(outcome);
    return this.report(outcome);
  }

  get finished(): boolean {
    return FINISHED_WITH_OUTCOME.has(this.recording.status);
  }

  reached(op: ReachedOperation): void {
    const actual = fromReached(op);
    if (op.parentId !== undefined) this.entered.add(op.parentId);
    const recorded = this.recorded.get(op.id);
    if (!recorded) {
      this.paths.noteReached(actual);
      const parent = op.parentId === undefined ? undefined : this.recorded.get(op.parentId);
      if (parent?.Status !== "SUCCEEDED") this.newWork(actual, "start");
      else if (!abandonedItem(actual, parent)) this.#insertedInFinished(actual, parent);
      return;
    }
    const field = mismatchOf(recorded, actual);
    if (field === undefined) {
      this.paths.noteReached(actual);
      this.matched.add(op.id);
      return;
    }
    const before = this.paths.get(op.id);
    if (before) before.position = actual.position;
    const path = this.paths.path(op.id);
    const recordedOp = this.paths.get(op.id)!;
    this.divergence = {
      kind: "mismatch",
      path,
      recorded: { ...recordedOp },
      actual,
      message:
        `At ${path} the recording has ${describeOperation(recordedOp)}, ` +
        `but the new code calls ${describeOperation(actual)} (the ${field} differs). ` +
        this.#mismatchHint(recorded, actual),
    };
  }

  update(update: OperationUpdate): void {
    if (update.Type === "EXECUTION" || update.Id === undefined) return;
    const known = this.paths.get(update.Id);
    const op: ReplayOperation = known ?? {
      id: update.Id,
      type: update.Type ?? "UNKNOWN",
      ...(update.SubType ? { subType: update.SubType } : {}),
      ...(update.Name ? { name: update.Name } : {}),
      ...(update.ParentId ? { parentId: update.ParentId } : {}),
    };
    this.newWork(op, update.Action === "START" ? "start" : "record");
  }

  newWork(op: ReplayOperation, action: ReplayNewWork["action"]): void {
    if (this.firstNewWork || this.divergence) return;
    const path = this.paths.path(op.id);
    if (!this.finished) {
      this.firstNewWork = { path, operation: op, action };
      return;
    }
    const what =
      action === "run"
        ? "run the user code of"
        : action === "start"
          ? "start"
          : "record an outcome for";
    this.divergence = {
      kind: "inserted",
      path,
      actual: op,
      message:
        `The recorded execution ${this.recording.status.toLowerCase()} without it, ` +
        `but the new code would ${what} ${describeOperation(op)} at ${path}: an operation was inserted` +
        (op.subType === "MapIteration" || op.subType === "ParallelBranch"
          ? " (a map or parallel got more items or branches)."
          : "."),
    };
  }

  /** New code inside a context the recording had already finished: its recorded result is stale. */
  #insertedInFinished(op: ReplayOperation, parent: Operation): void {
    const path = this.paths.path(op.id);
    const item = op.subType === "MapIteration" || op.subType === "ParallelBranch";
    this.divergence = {
      kind: "inserted",
      path,
      actual: op,
      message:
        `The new code calls ${describeOperation(op)} at ${path}, inside ${this.paths.label(this.paths.get(parent.Id)!)} ` +
        `which the recording had already finished without it: ` +
        (item ? "a map or parallel got more items or branches." : "an operation was inserted."),
    };
  }

  afterHandler(outcome: ReplayOutcome): void {
    if (this.divergence) return;
    if (outcome.status === "ERROR") {
      this.divergence = {
        kind: "error",
        path: "(handler)",
        message: `The replay did not complete: ${outcome.error?.ErrorMessage ?? "unknown error"}`,
      };
      return;
    }
    if (outcome.error?.ErrorType === "NonDeterministicExecutionError") {
      this.divergence = {
        kind: "mismatch",
        path: "(handler)",
        message: outcome.error.ErrorMessage ?? "non-deterministic execution",
      };
      return;
    }
    this.divergence = this.#removed(outcome) ?? this.#outcomeDivergence(outcome);
  }

  report(outcome: ReplayOutcome): ReplayReport {
    const { recording } = this;
    const verdict = this.divergence ? "diverged" : this.finished ? "verified" : "still-running";
    const report: ReplayReport = {
      source: recording.source,
      verdict,
      ok: verdict !== "diverged",
      recordedStatus: recording.status,
      recordedOperations: this.recorded.size,
      matchedOperations: this.matched.size,
      outcome: { ...outcome },
    };
    if (recording.durableExecutionArn) report.durableExecutionArn = recording.durableExecutionArn;
    if (this.divergence) report.divergence = this.divergence;
    else if (this.firstNewWork) report.newWork = this.firstNewWork;
    return report;
  }

  /** The first recorded operation the new code never reached although its context ran. */
  #removed(outcome: ReplayOutcome): ReplayDivergence | undefined {
    for (const op of this.recorded.values()) {
      if (this.matched.has(op.Id) || !this.#contextRan(op.ParentId)) continue;
      const path = this.paths.path(op.Id);
      const recorded = { ...this.paths.get(op.Id)! };
      const item = op.SubType === "MapIteration" || op.SubType === "ParallelBranch";
      return {
        kind: "removed",
        path,
        recorded,
        message:
          `The recording has ${describeOperation(recorded)} at ${path}, but the new code never ` +
          `calls it (the handler ended ${outcome.status}): ` +
          (item ? "a map or parallel has fewer items or branches." : "an operation was removed."),
      };
    }
    return undefined;
  }

  /** Whether the body of context `id` ran in the replay (the root always does). */
  #contextRan(id: string | undefined): boolean {
    if (id === undefined) return true;
    if (!this.matched.has(id)) return false;
    if (this.entered.has(id)) return true;
    const context = this.recorded.get(id)!;
    // A verify-only replay rebuilds succeeded contexts; failed ones replay their error.
    if (context.Status === "SUCCEEDED") return true;
    if (isFinishedStatus(context.Status)) return false;
    // An unfinished context runs, unless a finished one around it is being rebuilt: work
    // left unfinished there (a batch item its completion policy abandoned) stays untouched.
    return !this.#insideFinished(context.ParentId);
  }

  #insideFinished(id: string | undefined): boolean {
    for (let at = id; at !== undefined; at = this.recorded.get(at)?.ParentId) {
      if (isFinishedStatus(this.recorded.get(at)?.Status)) return true;
    }
    return false;
  }

  #outcomeDivergence(outcome: ReplayOutcome): ReplayDivergence | undefined {
    const { recording } = this;
    if (!this.finished) return undefined;
    const base = { kind: "outcome" as const, path: "(execution)" };
    if (outcome.status !== recording.status) {
      const detail =
        outcome.status === "PENDING"
          ? "it does not finish (it would wait for something the recording never waited for)"
          : outcome.status === "FAILED"
            ? `it fails with ${errorText(outcome.error)}`
            : "it succeeds";
      return {
        ...base,
        message: `The recorded execution ${recording.status.toLowerCase()}, but with the new code ${detail}.`,
      };
    }
    if (recording.status === "SUCCEEDED" && recording.result !== undefined) {
      if (!sameJson(recording.result, outcome.result)) {
        return {
          ...base,
          message: `The handler returns ${outcome.result ?? "nothing"}; the recorded result is ${recording.result}.`,
        };
      }
    }
    if (recording.status === "FAILED" && recording.error) {
      const { ErrorType: type, ErrorMessage: message } = recording.error;
      if (type !== outcome.error?.ErrorType || message !== outcome.error?.ErrorMessage) {
        return {
          ...base,
          message: `The handler fails with ${errorText(outcome.error)}; the recording failed with ${errorText(recording.error)}.`,
        };
      }
    }
    return undefined;
  }

  /** Why the operation at this position may differ, when a recorded sibling suggests it. */
  #mismatchHint(recorded: Operation, actual: ReplayOperation): string {
    const siblings = [...this.recorded.values()].filter((op) => op.ParentId === recorded.ParentId);
    const later = siblings.find(
      (op) =>
        op.Id !== recorded.Id && op.Type === actual.type && (op.Name ?? undefined) === actual.name,
    );
    if (later) {
      return `The recording calls ${describeOperation(actual)} elsewhere (${this.paths.label(this.paths.get(later.Id)!)}): operations were reordered, or one was inserted or removed before this one.`;
    }
    if (recorded.Type !== actual.type && recorded.Name === actual.name)
      return "The operation was retyped, or another one was put in its place.";
    if (recorded.Type === actual.type && recorded.Name !== actual.name)
      return "The operation was renamed, or another one was put in its place.";
    return "An operation was inserted, removed or replaced here.";
  }
}

/**
 * An item of a finished batch that its completion policy never started: the rebuild calls it
 * (to keep positions) and leaves it alone. When every item ran (`ALL_COMPLETED`), an item past
 * the recorded ones is new; after an early completion the recording does not say how many
 * items there were, so such an item is not reported.
 */
function abandonedItem(op: ReplayOperation, batch: Operation): boolean {
  if (op.subType !== "MapIteration" && op.subType !== "ParallelBranch") return false;
  const recorded = readRecordedBatch(batch.ContextDetails?.Result);
  if (recorded === undefined) return false;
  const index = Number(op.position?.split("-").at(-1)) - 1;
  return recorded.completionReason !== "ALL_COMPLETED" || index < recorded.itemStatuses.length;
}

function fromReached(op: ReachedOperation): ReplayOperation {
  return {
    id: op.id,
    position: op.rawId,
    type: op.type,
    subType: op.subType,
    ...(op.name !== undefined ? { name: op.name } : {}),
    ...(op.parentId !== undefined ? { parentId: op.parentId } : {}),
  };
}

function mismatchOf(recorded: Operation, actual: ReplayOperation): string | undefined {
  if (recorded.Type !== actual.type) return "type";
  if ((recorded.Name ?? undefined) !== actual.name) return "name";
  if ((recorded.SubType ?? undefined) !== (actual.subType ?? undefined)) return "subtype";
  return undefined;
}

function sameJson(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}

function errorText(error: { ErrorType?: string; ErrorMessage?: string } | undefined): string {
  if (!error) return "an error";
  return `${error.ErrorType ?? "Error"}: "${error.ErrorMessage ?? ""}"`;
}
