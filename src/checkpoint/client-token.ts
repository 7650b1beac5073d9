/**
 * A fresh idempotency token for one checkpoint request, shaped as a random (version 4) UUID.
 *
 * The service uses `ClientToken` only to recognise a request it has already applied (the SDK
 * resends the same token when a response was lost); it is scoped to one execution and kept for
 * 15 minutes, so it needs uniqueness, not secrecy. `Math.random` (seeded from the operating
 * system per process) gives 122 random bits without loading `node:crypto`, which alone costs
 * about 2.5 ms of a cold start.
 *
 * @example
 * newClientToken(); // e.g. "3b241101-e2bb-4255-8caf-4136c566a962"
 */
export function newClientToken(): string {
  // `x`: any hex digit; `y`: the variant digit, 8 to b.
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(
    /[xy]/g,
    (c) => HEX[c === "x" ? Math.floor(Math.random() * 16) : 8 + Math.floor(Math.random() * 4)],
  );
}

const HEX = "0123456789abcdef";
