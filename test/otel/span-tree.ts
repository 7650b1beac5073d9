/** Helpers that read exported spans back as a tree. */
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** The parent span id of an exported span (SDK 2.x keeps it on `parentSpanContext`). */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/**
 * Renders spans as an indented tree of names, siblings sorted by name; spans whose parent was
 * not exported are listed under `(missing parent <id>)`.
 */
export function renderTree(spans: readonly ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parent = parentIdOf(span);
    const key = parent && byId.has(parent) ? parent : parent ? `missing:${parent}` : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (key: string | undefined, depth: number) => {
    const list = [...(children.get(key) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const span of list) {
      lines.push(`${"  ".repeat(depth)}${span.name}`);
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  for (const key of children.keys()) {
    if (key?.startsWith("missing:")) {
      lines.push(`(missing parent ${key.slice(8)})`);
      walk(key, 1);
    }
  }
  return lines;
}
