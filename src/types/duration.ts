/**
 * A length of time given in whole units. At least one unit is required; missing
 * units count as zero, so `{ minutes: 1, seconds: 30 }` is 90 seconds.
 *
 * @example
 * ```ts
 * const twoDays: Duration = { days: 2 };
 * const ninetySeconds: Duration = { minutes: 1, seconds: 30 };
 * await context.wait("grace", ninetySeconds);
 * ```
 */
export type Duration =
  | { days: number; hours?: number; minutes?: number; seconds?: number }
  | { hours: number; minutes?: number; seconds?: number }
  | { minutes: number; seconds?: number }
  | { seconds: number };
