/**
 * Checkpoint idempotency: responses remembered per execution by
 * `ClientToken` for 15 virtual minutes, replayed as deep copies.
 */
import type { CheckpointDurableExecutionResponse, Operation } from "../../../types/wire";
import { copyOperation, type ExecutionRecord } from "../state/execution-record";
import { invalidParameter } from "./service-errors";

const CLIENT_TOKEN_TTL_MS = 15 * 60 * 1000;
const CLIENT_TOKEN_PATTERN = /^[\x21-\x7E]{1,64}$/;

/** Validates `token` and returns a copy of the response remembered for it, if still fresh. */
export function rememberedResponse(
  exec: Pick<ExecutionRecord, "clientTokens">,
  token: unknown,
  now: number,
): CheckpointDurableExecutionResponse | undefined {
  if (typeof token !== "string" || !CLIENT_TOKEN_PATTERN.test(token)) {
    throw invalidParameter(
      "Invalid value for ClientToken: must be 1-64 printable ASCII characters.",
    );
  }
  const remembered = exec.clientTokens.get(token);
  if (remembered && now - remembered.at <= CLIENT_TOKEN_TTL_MS) {
    return copyResponse(remembered.response);
  }
  return undefined;
}

/**
 * Remembers a copy of `response` under `token`, first forgetting expired tokens. Tokens are
 * remembered in time order (the map keeps insertion order), so the sweep stops at the first
 * token still fresh: each token is swept once, whatever the number of checkpoints.
 */
export function rememberResponse(
  exec: Pick<ExecutionRecord, "clientTokens">,
  token: string,
  now: number,
  response: CheckpointDurableExecutionResponse,
): void {
  const cutoff = now - CLIENT_TOKEN_TTL_MS;
  for (const [k, v] of exec.clientTokens) {
    if (v.at >= cutoff) break;
    exec.clientTokens.delete(k);
  }
  exec.clientTokens.delete(token); // re-inserted last, keeping the map in time order
  exec.clientTokens.set(token, { at: now, response: copyResponse(response) });
}

function copyResponse(
  response: CheckpointDurableExecutionResponse,
): CheckpointDurableExecutionResponse {
  return {
    CheckpointToken: response.CheckpointToken,
    NewExecutionState: {
      Operations: (response.NewExecutionState?.Operations ?? []).map((op) =>
        copyOperation(op as Operation),
      ),
    },
  };
}
