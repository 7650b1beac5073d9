// Fan-out with map: one child context per item, at most `maxConcurrency` running at once, and a
// completion policy that decides when the batch is done. Here a mailing goes to every
// recipient; the batch tolerates up to two failures before it gives up, and reports which
// items failed instead of throwing.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

/** A fake mail API: addresses on the bounce list fail. */
export const bounces = new Set(["bad@example.com"]);

export const handler = withDurableExecution(async (event: { recipients: string[] }, context) => {
  const batch = await context.map(
    "send-newsletter",
    event.recipients,
    async (itemContext, address) =>
      itemContext.step("send", async () => {
        if (bounces.has(address)) throw new Error(`mailbox ${address} does not exist`);
        return `sent to ${address}`;
      }),
    {
      maxConcurrency: 2,
      itemNamer: (address) => `mail-${address}`,
      completionConfig: { toleratedFailureCount: 2 },
    },
  );

  return {
    status: batch.status,
    reason: batch.completionReason,
    sent: batch.successCount,
    failed: batch.failed().map((item) => event.recipients[item.index]),
  };
});

/** A second policy: stop as soon as `needed` items succeeded (first answers win). */
export const firstQuotes = withDurableExecution(
  async (event: { suppliers: string[]; needed: number }, context) => {
    const batch = await context.map(
      "ask-suppliers",
      event.suppliers,
      async (itemContext, supplier) => itemContext.step("quote", async () => `${supplier}: 10`),
      { maxConcurrency: 1, completionConfig: { minSuccessful: event.needed } },
    );
    return {
      quotes: batch.getResults(),
      reason: batch.completionReason,
      started: batch.all.length,
    };
  },
);
