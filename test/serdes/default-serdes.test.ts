import { defaultSerdes } from "../../src/serdes";
import { passThroughSerdes } from "../../src/serdes/passthrough-serdes";

const context = { entityId: "1", durableExecutionArn: "arn" };

describe("defaultSerdes", () => {
  it("keeps undefined as no payload", async () => {
    expect(await defaultSerdes.serialize(undefined, context)).toBeUndefined();
    expect(await defaultSerdes.deserialize(undefined, context)).toBeUndefined();
  });

  it("round-trips JSON values", async () => {
    const value = { a: 1, b: ["x", null], c: { d: true } };
    const data = await defaultSerdes.serialize(value, context);
    expect(data).toBe('{"a":1,"b":["x",null],"c":{"d":true}}');
    expect(await defaultSerdes.deserialize(data, context)).toEqual(value);
    expect(await defaultSerdes.serialize(null, context)).toBe("null");
    expect(await defaultSerdes.serialize("s", context)).toBe('"s"');
  });

  it("follows JSON rules for non-JSON values", async () => {
    const date = new Date("2024-01-02T03:04:05.000Z");
    const data = await defaultSerdes.serialize(
      { date, map: new Map([[1, 2]]), nan: NaN, fn: () => 1, u: undefined },
      context,
    );
    expect(await defaultSerdes.deserialize(data, context)).toEqual({
      date: "2024-01-02T03:04:05.000Z",
      map: {},
      nan: null,
    });
  });

  it("rejects BigInt and circular values", async () => {
    await expect(defaultSerdes.serialize(BigInt(1), context)).rejects.toThrow(TypeError);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(defaultSerdes.serialize(circular, context)).rejects.toThrow(TypeError);
  });
});

describe("passThroughSerdes", () => {
  it("returns stored payloads unchanged", async () => {
    expect(await passThroughSerdes.deserialize('{"a":1}', context)).toBe('{"a":1}');
    expect(await passThroughSerdes.deserialize("not json", context)).toBe("not json");
    expect(await passThroughSerdes.deserialize(undefined, context)).toBeUndefined();
  });

  it("returns strings unchanged when serializing", async () => {
    expect(await passThroughSerdes.serialize("raw", context)).toBe("raw");
    expect(await passThroughSerdes.serialize(undefined, context)).toBeUndefined();
  });
});
