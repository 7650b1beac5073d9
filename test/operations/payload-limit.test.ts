/** The 1 MiB payload limit of one operation, checked before anything is sent. */
import { MAX_OPERATION_PAYLOAD_BYTES, payloadTooLarge } from "../../src/operations/payload-limit";
import type { OperationUpdate } from "../../src/types/wire";

const update = (payload: string, fields: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: "abc",
  Type: "STEP",
  SubType: "Step",
  Action: "SUCCEED",
  Payload: payload,
  ...fields,
});

describe("payloadTooLarge", () => {
  it("accepts payloads up to exactly the limit in UTF-8 bytes", () => {
    expect(payloadTooLarge(update("x".repeat(500_000)))).toBeUndefined();
    expect(payloadTooLarge(update("x".repeat(MAX_OPERATION_PAYLOAD_BYTES)))).toBeUndefined();
  });

  it("refuses one byte more, naming the operation, the size and what to do", () => {
    const error = payloadTooLarge(
      update("x".repeat(MAX_OPERATION_PAYLOAD_BYTES + 1), { Name: "big" }),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error?.message).toBe(
      `step "big": its result is 1048577 bytes, over the 1048576-byte limit for one operation. ` +
        "Return a smaller value, store large data elsewhere and return a reference (e.g. createFileSystemSerdes), " +
        "or give a child context a summaryGenerator.",
    );
  });

  it("counts UTF-8 bytes, not characters", () => {
    const error = payloadTooLarge(update("é".repeat(600_000)));
    expect(error?.message).toMatch(/^step \(abc\): its result is 1200000 bytes/);
  });

  it("leaves the execution's own result to the service", () => {
    const result = "x".repeat(MAX_OPERATION_PAYLOAD_BYTES + 1);
    expect(
      payloadTooLarge(update(result, { Type: "EXECUTION", SubType: undefined })),
    ).toBeUndefined();
  });
});
