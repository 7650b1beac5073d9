/** The rows of the timeline: operations in tree order, children under their parent. */
import type { TimelineOperation } from "./model";

/** One row: an operation and how deep it is nested. */
export interface TimelineRow {
  op: TimelineOperation;
  depth: number;
}

/**
 * Orders `operations` depth-first, children (map items, parallel branches, the operations of
 * a child context) right after their parent, siblings in first-seen order. An operation whose
 * parent is not in the list is placed at the top level.
 */
export function orderRows(operations: readonly TimelineOperation[]): TimelineRow[] {
  const ids = new Set(operations.map((op) => op.id));
  const children = new Map<string | undefined, TimelineOperation[]>();
  for (const op of operations) {
    const parent = op.parentId !== undefined && ids.has(op.parentId) ? op.parentId : undefined;
    const list = children.get(parent) ?? [];
    list.push(op);
    children.set(parent, list);
  }
  const rows: TimelineRow[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const op of children.get(parent) ?? []) {
      rows.push({ op, depth });
      visit(op.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}
