/** What a verify-only replay found for one recorded execution. */
import type { ErrorObject } from "../../types/wire";
import type { ReplayOperation } from "./operation-path";

/**
 * How a replay ended:
 * - `verified`: every recorded operation was matched and, for a finished execution, the
 *   handler reached the same outcome and result;
 * - `still-running`: the recorded execution had not finished; every recorded operation the new
 *   code reached matched, and the new code would go on with new work (see `newWork`);
 * - `diverged`: the new code does something else than the recording (see `divergence`).
 *
 * @example
 * ```ts
 * const verdict: ReplayVerdict = report.verdict; // "verified" | "still-running" | "diverged"
 * ```
 */
export type ReplayVerdict = "verified" | "still-running" | "diverged";

/**
 * Kinds of divergence:
 * - `mismatch`: at a recorded position the new code called another operation (other type,
 *   name or subtype): an operation was reordered, renamed, retyped, inserted or removed before it;
 * - `inserted`: the new code would start work the finished recording never did;
 * - `removed`: a recorded operation the new code never reached;
 * - `outcome`: the handler ended with another status, result or error;
 * - `error`: the replay itself failed (the handler threw, or did not settle in time).
 *
 * @example
 * ```ts
 * if (report.divergence?.kind === "removed") console.log("removed:", report.divergence.path);
 * ```
 */
export type DivergenceKind = "mismatch" | "inserted" | "removed" | "outcome" | "error";

/**
 * The first divergence of a replay.
 *
 * @example
 * ```ts
 * const d: ReplayDivergence = report.divergence!;
 * console.log(`${d.kind} at ${d.path}: ${d.message}`);
 * ```
 */
export interface ReplayDivergence {
  kind: DivergenceKind;
  /** Place of the operation: the chain of enclosing contexts, names and positions. */
  path: string;
  /** One readable paragraph: what was recorded and what the new code did. */
  message: string;
  /** The recorded operation at that place, if any. */
  recorded?: ReplayOperation;
  /** What the new code called there, if anything. */
  actual?: ReplayOperation;
}

/**
 * The first new work the new code would start (a still-running execution moving on).
 *
 * @example
 * ```ts
 * if (report.newWork) console.log(`would start new work at ${report.newWork.path}`);
 * ```
 */
export interface ReplayNewWork {
  path: string;
  operation: ReplayOperation;
  /**
   * `start`: the operation would be started (checkpointed); `run`: its user code (step body,
   * condition check, submitter) would run; `record`: an outcome would be checkpointed for it.
   */
  action: "start" | "run" | "record";
}

/**
 * The report of one verify-only replay.
 *
 * @example
 * ```ts
 * const report: ReplayReport = await verifyReplay(handler, recording);
 * if (!report.ok) console.error(formatReplayReport(report));
 * ```
 */
export interface ReplayReport {
  /** Where the recording came from. */
  source: string;
  durableExecutionArn?: string;
  verdict: ReplayVerdict;
  /** `true` unless the verdict is `diverged`. */
  ok: boolean;
  /** Status of the recorded execution (`RUNNING`, `SUCCEEDED`, ...). */
  recordedStatus: string;
  /** Recorded operations (the EXECUTION operation not counted). */
  recordedOperations: number;
  /** Recorded operations the new code called again, at the same place and with the same kind. */
  matchedOperations: number;
  /**
   * How the replay of the handler ended: `SUCCEEDED`, `FAILED`, `PENDING` (it suspended),
   * `STOPPED` (the verifier stopped it at the first divergence) or `ERROR` (it threw, or did
   * not settle in time).
   */
  outcome: { status: string; result?: string; error?: ErrorObject };
  divergence?: ReplayDivergence;
  newWork?: ReplayNewWork;
}
