// Custom serdes: how step results are written to checkpoints and read back on replay.
//
// - JSON turns class instances into plain objects and Dates into strings. A replayed step would
//   hand back `{ ... }` with string dates, not the `Invoice` the first run saw.
//   createClassSerdesWithDates rebuilds the class and the listed Date fields.
// - Checkpoints have a size limit. createFileSystemSerdes writes each value to a file under a
//   directory every invocation can reach (an EFS mount in Lambda) and checkpoints only a small
//   pointer, with an optional preview for people reading the history.
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FileSystemSerdesMode,
  createClassSerdesWithDates,
  createFileSystemSerdes,
  type DurableContext,
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

export class Invoice {
  id = "";
  total = 0;
  issuedAt = new Date(0);
  dueAt = new Date(0);

  isOverdue(now: Date): boolean {
    return now.getTime() > this.dueAt.getTime();
  }
}

const invoiceSerdes = createClassSerdesWithDates(Invoice, ["issuedAt", "dueAt"]);

/** Builds the handler; `storageDir` is where large payloads go (an EFS mount in Lambda). */
export function createHandler(storageDir: string) {
  const largePayloads = createFileSystemSerdes(storageDir, {
    storageMode: FileSystemSerdesMode.OVERFLOW, // only values too large for a checkpoint
    generatePreview: (value) => ({ rows: (value as unknown[]).length }),
  });

  return withDurableExecution(
    async (event: { invoiceId: string; rows: number }, context: DurableContext) => {
      const invoice = await context.step(
        "load-invoice",
        async () =>
          Object.assign(new Invoice(), {
            id: event.invoiceId,
            total: 250,
            issuedAt: new Date("2025-03-01T00:00:00Z"),
            dueAt: new Date("2025-03-31T00:00:00Z"),
          }),
        { serdes: invoiceSerdes },
      );

      const lines = await context.step(
        "load-line-items",
        async () =>
          Array.from({ length: event.rows }, (_, i) => ({ line: i + 1, text: "x".repeat(100) })),
        { serdes: largePayloads },
      );

      // A wait makes the next invocation replay both steps through their serdes.
      await context.wait("settle", { seconds: 10 });

      return {
        isInvoice: invoice instanceof Invoice,
        overdue: invoice.isOverdue(new Date("2025-04-02T00:00:00Z")),
        dueAt: invoice.dueAt.toISOString(),
        lineCount: lines.length,
      };
    },
  );
}

/** For `run-durable`: large payloads go to a temporary directory. */
export const handler = createHandler(join(tmpdir(), "durable-serdes-example"));
