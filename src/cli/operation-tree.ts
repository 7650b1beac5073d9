/**
 * The operation tree the CLI prints: every operation of the execution, children indented
 * under their parent context, with type, name, status, attempts (steps) and duration.
 */
import { formatDuration, renderTable } from "./text-table";

/**
 * What the tree reads of an operation: both the SDK's `Operation` and the testing API's
 * (`@aws-sdk/client-lambda`) `Operation` fit.
 */
export interface TreeOperation {
  Id?: string | undefined;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type?: string | undefined;
  SubType?: string | undefined;
  Status?: string | undefined;
  StartTimestamp?: Date | undefined;
  EndTimestamp?: Date | undefined;
  StepDetails?: { Attempt?: number | undefined } | undefined;
}

/** The sub-type each type has when nothing more specific is going on; others are shown. */
const PLAIN_SUBTYPE: Record<string, string> = {
  STEP: "Step",
  WAIT: "Wait",
  CALLBACK: "Callback",
  CHAINED_INVOKE: "ChainedInvoke",
  CONTEXT: "RunInChildContext",
};

/** Column headers of the tree. */
export const TREE_HEADERS = ["TYPE", "NAME", "STATUS", "ATTEMPTS", "DURATION"] as const;

/**
 * Renders `operations` (in first-seen order, EXECUTION excluded) as a tree. An operation
 * whose parent is not in the list is shown at the top level.
 */
export function renderOperationTree(operations: readonly TreeOperation[]): string[] {
  if (operations.length === 0) return ["No operations found."];
  const ids = new Set(operations.map((op) => op.Id));
  const children = new Map<string | undefined, TreeOperation[]>();
  for (const op of operations) {
    const parent = op.ParentId !== undefined && ids.has(op.ParentId) ? op.ParentId : undefined;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(op);
  }
  const rows: string[][] = [];
  const visit = (parent: string | undefined, prefix: string, depth: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((op, i) => {
      const last = i === list.length - 1;
      const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
      rows.push([
        prefix + branch + typeLabel(op),
        op.Name ?? "-",
        op.Status ?? "-",
        attempts(op),
        duration(op),
      ]);
      if (op.Id !== undefined)
        visit(op.Id, depth === 0 ? "" : prefix + (last ? "   " : "│  "), depth + 1);
    });
  };
  visit(undefined, "", 0);
  return renderTable(TREE_HEADERS, rows);
}

function typeLabel(op: TreeOperation): string {
  const type = op.Type ?? "-";
  const sub = op.SubType;
  return sub && sub !== PLAIN_SUBTYPE[type] ? `${type} (${sub})` : type;
}

function attempts(op: TreeOperation): string {
  if (op.Type !== "STEP") return "-";
  const n = op.StepDetails?.Attempt;
  return n === undefined ? "-" : String(n);
}

function duration(op: TreeOperation): string {
  const start = op.StartTimestamp;
  const end = op.EndTimestamp;
  if (!start || !end) return "-";
  return formatDuration(end.getTime() - start.getTime());
}
