/** The checks of map/parallel options, each refused with a message naming the option. */
import { batchConfigError } from "../../src/operations/concurrency/batch-arguments";

describe("batchConfigError", () => {
  it.each<[unknown, string]>([
    [{ summaryGenerator: 5 }, "batch: summaryGenerator must be a function (got 5)"],
    [{ serdes: {} }, "batch: serdes must have a serialize function"],
    [{ serdes: { serialize: 1 } }, "batch: serdes must have a serialize function"],
    [
      { itemSerdes: { deserialize: async () => 1 } },
      "batch: itemSerdes must have a serialize function",
    ],
    [{ completionConfig: null }, "batch: completionConfig must be an object (got null)"],
    [{ completionConfig: 5 }, "batch: completionConfig must be an object (got 5)"],
    [
      { completionConfig: { shouldComplete: 5 } },
      "batch: completionConfig.shouldComplete must be a function (got 5)",
    ],
    [
      { completionConfig: { shouldComplete: () => true, toleratedFailurePercentage: 5 } },
      "batch: completionConfig.shouldComplete cannot be combined with minSuccessful, toleratedFailureCount or toleratedFailurePercentage; use one or the other",
    ],
    [
      { completionConfig: { toleratedFailurePercentage: "5" } },
      'batch: completionConfig.toleratedFailurePercentage must be a number from 0 to 100 (got "5")',
    ],
    [
      { completionConfig: { toleratedFailurePercentage: -1 } },
      "batch: completionConfig.toleratedFailurePercentage must be a number from 0 to 100 (got -1)",
    ],
    [
      { completionConfig: { toleratedFailurePercentage: 101 } },
      "batch: completionConfig.toleratedFailurePercentage must be a number from 0 to 100 (got 101)",
    ],
    [
      { completionConfig: { minSuccessful: -1 } },
      "batch: completionConfig.minSuccessful must be a whole number of at least 0 (got -1)",
    ],
  ])("refuses %j", (config, message) => {
    expect(batchConfigError(config as never)?.message).toBe(message);
  });

  it.each<[unknown]>([
    [{}],
    [{ completionConfig: { toleratedFailurePercentage: 0 } }],
    [{ completionConfig: { toleratedFailurePercentage: 100 } }],
    [{ completionConfig: { minSuccessful: 0, toleratedFailureCount: 0 } }],
    [{ maxConcurrency: null, serdes: { serialize: async () => "x" } }],
  ])("accepts %j", (config) => {
    expect(batchConfigError(config as never)).toBeUndefined();
  });

  it("names the batch it checks", () => {
    expect(batchConfigError({ maxConcurrency: 0 }, 'map "m"')?.message).toBe(
      'map "m": maxConcurrency must be a positive whole number, or undefined for no limit (got 0)',
    );
  });
});
