// Saga: book a trip as a sequence of steps, each with a compensating step that undoes it. The
// bookings run in a child context; if one fails, the compensations of everything booked so far
// run in reverse order, each as its own checkpointed step (so an interrupted rollback resumes
// where it stopped instead of cancelling twice), and the saga reports what happened.
import {
  ChildContextError,
  type DurableContext,
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

export interface Trip {
  tripId: string;
  /** The fake car-rental API refuses these cities. */
  failCarIn?: string;
  city: string;
}

/** What the fake booking APIs were asked to do, in order. */
export const ledger: string[] = [];

type Compensation = { name: string; undo: () => Promise<void> };

async function bookTrip(context: DurableContext, trip: Trip, compensations: Compensation[]) {
  const flight = await context.step("book-flight", async () => {
    ledger.push(`flight booked ${trip.tripId}`);
    return `FL-${trip.tripId}`;
  });
  compensations.push({
    name: "cancel-flight",
    undo: async () => void ledger.push(`flight cancelled ${flight}`),
  });

  const hotel = await context.step("book-hotel", async () => {
    ledger.push(`hotel booked ${trip.tripId}`);
    return `HT-${trip.tripId}`;
  });
  compensations.push({
    name: "cancel-hotel",
    undo: async () => void ledger.push(`hotel cancelled ${hotel}`),
  });

  const car = await context.step(
    "book-car",
    async () => {
      if (trip.failCarIn === trip.city) throw new Error(`no cars available in ${trip.city}`);
      ledger.push(`car booked ${trip.tripId}`);
      return `CR-${trip.tripId}`;
    },
    { retryStrategy: (_error, attempt) => ({ shouldRetry: attempt < 2, delay: { seconds: 30 } }) },
  );
  return { flight, hotel, car };
}

export const handler = withDurableExecution(async (trip: Trip, context) => {
  // Rebuilt on every invocation: replayed steps push their compensation again.
  const compensations: Compensation[] = [];
  try {
    const booking = await context.runInChildContext("bookings", (child) =>
      bookTrip(child, trip, compensations),
    );
    return { status: "BOOKED", ...booking };
  } catch (error) {
    if (!(error instanceof ChildContextError)) throw error;
    for (const compensation of [...compensations].reverse()) {
      await context.step(compensation.name, compensation.undo);
    }
    return { status: "ROLLED_BACK", reason: error.message };
  }
});
