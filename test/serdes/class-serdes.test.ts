import { createClassSerdes, createClassSerdesWithDates } from "../../src/serdes";

const context = { entityId: "1", durableExecutionArn: "arn" };

class Order {
  id = "";
  total = 0;
  metadata: { createdAt?: unknown; note?: string } = {};
  label(): string {
    return `${this.id}:${this.total}`;
  }
}

describe("createClassSerdes", () => {
  it("serializes as JSON and restores the top-level prototype", async () => {
    const serdes = createClassSerdes(Order);
    const order = Object.assign(new Order(), { id: "o1", total: 5, metadata: { note: "n" } });
    const data = await serdes.serialize(order, context);
    expect(data).toBe('{"id":"o1","total":5,"metadata":{"note":"n"}}');
    const restored = await serdes.deserialize(data, context);
    expect(restored).toBeInstanceOf(Order);
    expect(restored?.label()).toBe("o1:5");
    expect(Object.getPrototypeOf(restored?.metadata)).toBe(Object.prototype);
  });

  it("runs the constructor and keeps undefined as undefined", async () => {
    const constructed = jest.fn();
    class Tracked {
      constructor() {
        constructed();
      }
    }
    const serdes = createClassSerdes(Tracked);
    expect(await serdes.serialize(undefined, context)).toBeUndefined();
    expect(await serdes.deserialize(undefined, context)).toBeUndefined();
    expect(constructed).not.toHaveBeenCalled();
    await serdes.deserialize("{}", context);
    expect(constructed).toHaveBeenCalledTimes(1);
  });
});

describe("createClassSerdesWithDates", () => {
  it("turns listed paths back into dates", async () => {
    const serdes = createClassSerdesWithDates(Order, ["metadata.createdAt"]);
    const order = Object.assign(new Order(), {
      id: "o1",
      metadata: { createdAt: new Date("2024-05-06T07:08:09.000Z") },
    });
    const restored = await serdes.deserialize(await serdes.serialize(order, context), context);
    expect(restored).toBeInstanceOf(Order);
    expect(restored?.metadata.createdAt).toBeInstanceOf(Date);
    expect((restored?.metadata.createdAt as Date).toISOString()).toBe("2024-05-06T07:08:09.000Z");
  });

  it("ignores missing paths, non-object segments and falsy values", async () => {
    const serdes = createClassSerdesWithDates(Order, [
      "metadata.createdAt",
      "missing.deep.path",
      "id.sub",
      "total",
    ]);
    const restored = await serdes.deserialize(
      '{"id":"o1","total":0,"metadata":{"note":"n"}}',
      context,
    );
    expect(restored?.total).toBe(0);
    expect(restored?.id).toBe("o1");
    expect(restored?.metadata).toEqual({ note: "n" });
  });
});
