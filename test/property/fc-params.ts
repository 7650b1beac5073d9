import type { Parameters } from "fast-check";

/**
 * Shared fast-check settings: a fixed budget per property so CI stays bounded, and
 * reproducible failures. fast-check prints the seed and path of a failing run; set
 * `FC_SEED` (and optionally `FC_PATH`) to replay it, `FC_RUNS` to scale the number of runs.
 */
export function fcParams<T>(overrides: Parameters<T> = {}): Parameters<T> {
  const params: Parameters<T> = { ...overrides };
  const seed = process.env.FC_SEED;
  if (seed !== undefined && seed !== "") {
    params.seed = Number(seed);
    if (process.env.FC_PATH) params.path = process.env.FC_PATH;
    params.endOnFailure = true;
  }
  const scale = Number(process.env.FC_RUNS ?? "");
  if (Number.isFinite(scale) && scale > 0) params.numRuns = scale;
  return params;
}
