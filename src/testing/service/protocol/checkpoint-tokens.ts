/**
 * The checkpoint token rules, shared by the embedded service and the protocol-strict
 * in-memory client of the SDK's unit tests: a token belongs to one execution and one
 * invocation, checkpoints must present the latest one, state reads any one issued so far.
 */
import { decodeCheckpointToken } from "./identifiers";
import { invalidToken } from "./service-errors";

/** What the token rules read of an invocation. */
export interface TokenInvocation {
  readonly number: number;
  readonly active: boolean;
  readonly tokenSequence: number;
}

/** What the token rules read of an execution. */
export interface TokenExecution<I extends TokenInvocation = TokenInvocation> {
  readonly id: string;
  readonly terminal: boolean;
  readonly current: I | undefined;
}

/**
 * Checks a checkpoint token against the execution's running invocation and returns that
 * invocation. `exact` demands the latest token (checkpoints); otherwise any token issued so
 * far is accepted (state reads). Throws `InvalidParameterValueException` otherwise.
 */
export function checkToken<I extends TokenInvocation>(
  exec: TokenExecution<I>,
  token: unknown,
  exact: boolean,
): I {
  if (typeof token !== "string" || token.length === 0)
    throw invalidToken("a checkpoint token is required.");
  const data = decodeCheckpointToken(token);
  if (!data) throw invalidToken("the token is malformed.");
  if (data.executionId !== exec.id) throw invalidToken("the token belongs to another execution.");
  if (exec.terminal) throw invalidToken("the execution has already ended.");
  const inv = exec.current;
  if (!inv || data.invocation !== inv.number)
    throw invalidToken("the token was issued to an earlier invocation.");
  if (!inv.active) throw invalidToken("the invocation the token was issued to has ended.");
  if (exact ? data.sequence !== inv.tokenSequence : data.sequence > inv.tokenSequence) {
    throw invalidToken(
      data.sequence < inv.tokenSequence
        ? "the token has already been used."
        : "the token was never issued.",
    );
  }
  return inv;
}
