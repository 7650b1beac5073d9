/** The one-shot signal that ends an invocation early: the first request wins. */
import { TerminationSignal } from "../../src/context/termination";

it("keeps the first termination requested and ignores later ones", async () => {
  const signal = new TerminationSignal();
  expect(signal.reason).toBeUndefined();
  const failure = { kind: "FAILED" as const, error: { ErrorMessage: "first" } };
  signal.terminate(failure);
  signal.terminate({ kind: "PENDING" });
  signal.terminate({ kind: "THROW", error: new Error("later") });
  expect(signal.reason).toBe(failure);
  await expect(signal.promise).resolves.toBe(failure);
});

it("settles its promise only once a termination is requested", async () => {
  const signal = new TerminationSignal();
  const settled = jest.fn();
  void signal.promise.then(settled);
  await new Promise((resolve) => setImmediate(resolve));
  expect(settled).not.toHaveBeenCalled();
  signal.terminate({ kind: "PENDING" });
  await new Promise((resolve) => setImmediate(resolve));
  expect(settled).toHaveBeenCalledWith({ kind: "PENDING" });
});
