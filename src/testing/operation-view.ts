/**
 * The runner's index of one execution's operations and events, in first-seen order. During
 * a run it holds the service's own records (read-only, so updates cost O(1)); `snapshot()`
 * deep-copies it for an immutable `TestResult`.
 */
import type { Operation } from "../types/wire";
import { copyOperation } from "./service/state/execution-record";
import { copyEvent, type Event } from "./service/state/history-event";

/** How a handle finds its operation. */
export type OperationLocator =
  | { readonly kind: "id"; readonly id: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "name"; readonly name: string; readonly index: number };

/** Operations and events of one execution. */
export class OperationView {
  /** Operations in first-seen order, without the EXECUTION operation. */
  readonly order: Operation[] = [];
  readonly byId = new Map<string, Operation>();
  readonly byName = new Map<string, Operation[]>();
  readonly children = new Map<string, Operation[]>();
  readonly eventsById = new Map<string, Event[]>();
  readonly events: Event[] = [];
  executionOperation: Operation | undefined;

  /** Records an operation the first time it is seen (later changes are visible through the shared record). */
  upsert(op: Operation): void {
    if (op.Type === "EXECUTION") {
      this.executionOperation = op;
      return;
    }
    const known = this.byId.get(op.Id);
    if (known === op) return;
    if (known) {
      // a different record for a known id (snapshots never do this; be safe)
      Object.assign(known, op);
      return;
    }
    this.order.push(op);
    this.byId.set(op.Id, op);
    if (op.Name !== undefined) push(this.byName, op.Name, op);
    if (op.ParentId !== undefined) push(this.children, op.ParentId, op);
  }

  /** Records a history event. */
  addEvent(event: Event): void {
    this.events.push(event);
    if (event.Id !== undefined && event.EventType !== "InvocationCompleted")
      push(this.eventsById, event.Id, event);
  }

  /** The operation a locator designates right now. */
  resolve(locator: OperationLocator): Operation | undefined {
    switch (locator.kind) {
      case "id":
        return (
          this.byId.get(locator.id) ??
          (this.executionOperation?.Id === locator.id ? this.executionOperation : undefined)
        );
      case "index":
        return this.order.at(locator.index);
      default:
        return this.byName.get(locator.name)?.at(locator.index);
    }
  }

  /** A deep, independent copy. */
  snapshot(): OperationView {
    const copy = new OperationView();
    if (this.executionOperation) copy.executionOperation = copyOperation(this.executionOperation);
    for (const op of this.order) copy.upsert(copyOperation(op));
    for (const event of this.events) copy.addEvent(copyEvent(event));
    return copy;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
