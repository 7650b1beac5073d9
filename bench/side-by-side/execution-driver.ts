import { MemoryClient } from "../../test/helpers/memory-client";
import type { Operation, OperationUpdate } from "../../src/types/wire";

/** An invocation that neither returned nor threw within this time counts as hung. */
const HANG_MS = 2_000;
/** Invocations after which an execution that still returns PENDING is given up. */
const MAX_INVOCATIONS = 60;

/** What one execution did: every invocation's output and every checkpoint request sent. */
export interface ExecutionRecord {
  outputs: unknown[];
  requests: OperationUpdate[][];
}

/**
 * Runs an execution to its end on a fresh in-memory service. Invocation `i` runs on
 * `sdks[i % sdks.length]`, so passing two SDKs hands the execution from one to the other at
 * every suspension. Between invocations the driver plays the service and the outside world:
 * waits elapse, retry timers fire, and callbacks are answered, failed (with error data) or
 * timed out according to the mode in their (or their waitForCallback's) name.
 */
export async function runExecution(
  sdks: readonly any[],
  makeHandler: (sdk: any) => (event: unknown, ctx: any) => Promise<unknown>,
): Promise<ExecutionRecord> {
  const client = new MemoryClient('{"in":1}');
  const handlers = sdks.map((sdk) => sdk.withDurableExecution(makeHandler(sdk)));
  const outputs: unknown[] = [];
  for (let i = 0; i < MAX_INVOCATIONS; i++) {
    const sdk = sdks[i % sdks.length];
    const input = new sdk.DurableExecutionInvocationInputWithClient(client.envelope(), client);
    const lambdaContext = { awsRequestId: `r${i}`, getRemainingTimeInMillis: () => 900_000 };
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ Status: "HUNG" }), HANG_MS);
    });
    const output: any = await Promise.race([
      handlers[i % sdks.length](input, lambdaContext).catch((e: Error) => ({
        Status: "THREW",
        error: [e?.name, e?.message],
      })),
      hung,
    ]);
    clearTimeout(timer);
    outputs.push(output);
    if (output.Status !== "PENDING") break;
    advance(client);
  }
  return { outputs, requests: client.requests.map((r) => structuredClone(r.Updates ?? [])) };
}

/** Moves the world on between two invocations. */
function advance(client: MemoryClient): void {
  for (const op of [...client.operations.values()]) {
    if (op.Type === "WAIT" && op.Status === "STARTED") client.completeWait(op.Id);
    if (op.Type === "STEP" && op.Status === "PENDING") client.readyRetry(op.Id);
    if (op.Type === "CALLBACK" && op.Status === "STARTED") answer(client, op);
  }
}

function answer(client: MemoryClient, op: Operation): void {
  const name = op.Name ?? (op.ParentId ? client.operations.get(op.ParentId)?.Name : undefined);
  const mode = /^cb-(ok|fail|timeout)-/.exec(name ?? "")?.[1] ?? "ok";
  if (mode === "ok") client.completeCallback(op.Id, JSON.stringify(`answer to ${name}`));
  else if (mode === "timeout") client.failCallback(op.Id, "TIMED_OUT");
  else {
    client.failCallback(op.Id, "FAILED", {
      ErrorType: "Rejected",
      ErrorMessage: `no to ${name}`,
      ErrorData: '{"code":7}',
    });
  }
}
