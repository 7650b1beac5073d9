import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { createHandler } from "./custom-serdes";

let storageDir: string;
beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
beforeEach(() => (storageDir = mkdtempSync(join(tmpdir(), "serdes-example-"))));
afterEach(() => rmSync(storageDir, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

test("after replay the invoice is an Invoice again, with real Dates", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: createHandler(storageDir) });
  const result = await runner.run({ payload: { invoiceId: "inv-1", rows: 3 } });

  expect(result.getResult()).toEqual({
    isInvoice: true,
    overdue: true,
    dueAt: "2025-03-31T00:00:00.000Z",
    lineCount: 3,
  });
  // Small values stay inline in OVERFLOW mode: no file was written.
  expect(filesUnder(storageDir)).toEqual([]);
});

test("a payload too large for a checkpoint goes to a file; the checkpoint keeps a pointer", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: createHandler(storageDir) });
  const result = await runner.run({ payload: { invoiceId: "inv-2", rows: 5000 } });

  expect(result.getResult()).toMatchObject({ lineCount: 5000 });
  expect(filesUnder(storageDir)).toHaveLength(1);
  const stored = runner.getOperation("load-line-items").getOperationData()?.StepDetails?.Result;
  expect(stored!.length).toBeLessThan(1000);
  expect(JSON.parse(stored!)).toMatchObject({ preview: { rows: 5000 } });
});
