/**
 * `--answer-callbacks`: completes every callback an execution creates with one JSON result,
 * using only the public handle API of `LocalDurableTestRunner`. It walks the operations in
 * first-seen order (`getOperationByIndex(i).waitForData()`), so it sees each operation as
 * soon as the service stores it, and stops when the run ends (the runner then rejects the
 * pending `waitForData`).
 */
import { WaitingOperationStatus } from "../testing/enums";
import type { DurableOperation } from "../testing/types";

/** The part of the runner the answerer needs. */
export interface OperationSource {
  getOperationByIndex(index: number): DurableOperation;
}

/** Starts answering; call before awaiting `run()`. Returns the number answered so far. */
export function answerCallbacks(
  runner: OperationSource,
  result: string,
  report: (line: string) => void,
): { answered: () => number } {
  let answered = 0;
  const waitForCallbackIds = new Set<string>();

  const send = async (handle: DurableOperation, label: string) => {
    try {
      await handle.sendCallbackSuccess(result);
      answered++;
      report(`answered callback ${label} with ${result}`);
    } catch (error) {
      report(`could not answer callback ${label}: ${(error as Error).message}`);
    }
  };

  const answerWaitForCallback = async (handle: DurableOperation) => {
    // Let the submitter hand the callback id out first, as a real caller would.
    try {
      await handle.waitForData(WaitingOperationStatus.SUBMITTED);
    } catch {
      return; // the run ended first
    }
    const callback = handle.getChildOperations()?.find((c) => c.isCallback());
    if (callback?.getStatus() !== "STARTED") return;
    await send(handle, describe(handle));
  };

  void (async () => {
    for (let i = 0; ; i++) {
      const handle = runner.getOperationByIndex(i);
      try {
        await handle.waitForData();
      } catch {
        return; // the run ended: no operation at this index
      }
      if (handle.isWaitForCallback()) {
        const id = handle.getId();
        if (id !== undefined) waitForCallbackIds.add(id);
        void answerWaitForCallback(handle);
      } else if (handle.isCallback()) {
        const parent = handle.getParentId();
        if (parent !== undefined && waitForCallbackIds.has(parent)) continue;
        if (handle.getStatus() === "STARTED") void send(handle, describe(handle));
      }
    }
  })();

  return { answered: () => answered };
}

function describe(handle: DurableOperation): string {
  const name = handle.getName();
  return name !== undefined ? `"${name}"` : `#${handle.getId() ?? "?"}`;
}
