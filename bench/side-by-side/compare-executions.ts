import type { ExecutionRecord } from "./execution-driver";

/** How close two executions are, from strictest to "they differ". */
export type Likeness =
  /** Same outputs and the same checkpoint requests, each request's updates in any order. */
  | "identical"
  /** Same outputs and every operation got the same updates in the same order, but the
   * updates of different operations were grouped into requests differently. */
  | "same-per-operation"
  | "different";

/**
 * Canonical form of a value: sorted keys, no `undefined` members, JSON payloads parsed, and
 * stack traces dropped (they name each SDK's own files). `ClientToken` lives on the request,
 * not on updates, so it never takes part.
 */
function canon(value: any, key?: string): any {
  if ((key === "Payload" || key === "Result") && typeof value === "string") {
    try {
      return canon(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v) => canon(v));
  if (!value || typeof value !== "object") return value;
  const keys = Object.keys(value)
    .sort()
    .filter((k) => value[k] !== undefined && k !== "stack" && k !== "StackTrace");
  return Object.fromEntries(keys.map((k) => [k, canon(value[k], k)]));
}

function canonUpdate(update: any): string {
  const copy = { ...update };
  // The EXECUTION operation's id is assigned by the service, not by the SDK.
  if (copy.Type === "EXECUTION") delete copy.Id;
  return JSON.stringify(canon(copy));
}

/** Per operation id, its canonical updates in order. */
function perOperation(record: ExecutionRecord): string {
  const byId = new Map<string, string[]>();
  for (const update of record.requests.flat()) {
    const id = update.Type === "EXECUTION" ? "EXECUTION" : String(update.Id);
    byId.set(id, [...(byId.get(id) ?? []), canonUpdate(update)]);
  }
  return JSON.stringify([...byId.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Compares two executions of the same workflow. */
export function compareExecutions(a: ExecutionRecord, b: ExecutionRecord): Likeness {
  if (JSON.stringify(canon(a.outputs)) !== JSON.stringify(canon(b.outputs))) return "different";
  const requests = (r: ExecutionRecord) =>
    JSON.stringify(r.requests.filter((u) => u.length > 0).map((u) => u.map(canonUpdate).sort()));
  if (requests(a) === requests(b)) return "identical";
  return perOperation(a) === perOperation(b) ? "same-per-operation" : "different";
}

/** A short human-readable account of how two executions differ. */
export function describeDifference(
  labelA: string,
  a: ExecutionRecord,
  labelB: string,
  b: ExecutionRecord,
): string[] {
  const lines: string[] = [];
  const outA = JSON.stringify(canon(a.outputs));
  const outB = JSON.stringify(canon(b.outputs));
  if (outA !== outB) {
    lines.push(`  ${labelA} outputs: ${outA.slice(0, 700)}`);
    lines.push(`  ${labelB} outputs: ${outB.slice(0, 700)}`);
  }
  const flatA = a.requests.flat().map(canonUpdate);
  const flatB = b.requests.flat().map(canonUpdate);
  const inB = new Set(flatB);
  const inA = new Set(flatA);
  for (const u of flatA) if (!inB.has(u)) lines.push(`  only ${labelA}: ${u.slice(0, 400)}`);
  for (const u of flatB) if (!inA.has(u)) lines.push(`  only ${labelB}: ${u.slice(0, 400)}`);
  if (lines.length === 0) lines.push("  same updates, sent in a different order or grouping");
  return lines;
}
