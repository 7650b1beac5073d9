import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { handler, ledger } from "./saga";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
beforeEach(() => ledger.splice(0));

test("every booking succeeds: nothing is compensated", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { tripId: "t1", city: "Lisbon" } });
  expect(result.getResult()).toEqual({
    status: "BOOKED",
    flight: "FL-t1",
    hotel: "HT-t1",
    car: "CR-t1",
  });
  expect(ledger).toEqual(["flight booked t1", "hotel booked t1", "car booked t1"]);
});

test("the car fails after its retry: hotel then flight are cancelled, once each", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { tripId: "t2", city: "Oslo", failCarIn: "Oslo" } });

  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toMatchObject({ status: "ROLLED_BACK" });
  // Bookings ran once although the car's retry delay re-invoked the function: replay.
  expect(ledger).toEqual([
    "flight booked t2",
    "hotel booked t2",
    "hotel cancelled HT-t2",
    "flight cancelled FL-t2",
  ]);
  expect(runner.getOperation("book-car").getStepDetails()?.attempt).toBe(2);
  expect(runner.getOperation("cancel-hotel").getStatus()).toBe("SUCCEEDED");
});
