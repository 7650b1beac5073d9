import { buildPreview, FieldMatchMode, PreviewMode } from "../../src/serdes";

const order = {
  id: "o-1",
  customer: { name: "Ana", email: "ana@example.com", address: { city: "Lyon" } },
  items: [
    { sku: "A", price: 3 },
    { sku: "B", price: 4 },
  ],
};

describe("buildPreview", () => {
  it("returns undefined for non-objects", () => {
    for (const value of [null, undefined, 3, "s", true]) {
      expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
    }
  });

  it("shows every primitive in INCLUDE_ALL mode, merging array elements", () => {
    expect(buildPreview(order, { mode: PreviewMode.INCLUDE_ALL })).toEqual({
      id: "o-1",
      customer: { name: "Ana", email: "ana@example.com", address: { city: "Lyon" } },
      items: { sku: "B", price: 4 },
    });
  });

  it("shows only included fields in EXCLUDE_ALL mode", () => {
    expect(
      buildPreview(order, {
        mode: PreviewMode.EXCLUDE_ALL,
        include: [{ name: "id" }, { name: "city" }],
      }),
    ).toEqual({ id: "o-1", customer: { address: { city: "Lyon" } } });
  });

  it("includes all descendants of a parent matched anywhere", () => {
    expect(
      buildPreview(order, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "address" }] }),
    ).toEqual({ customer: { address: { city: "Lyon" } } });
  });

  it("matches PATH selectors against the whole dot path only", () => {
    const value = { name: "top", customer: { name: "Ana" } };
    expect(
      buildPreview(value, {
        mode: PreviewMode.EXCLUDE_ALL,
        include: [{ name: "customer.name", match: FieldMatchMode.PATH }],
      }),
    ).toEqual({ customer: { name: "Ana" } });
    expect(
      buildPreview(value, {
        mode: PreviewMode.EXCLUDE_ALL,
        include: [{ name: "customer", match: FieldMatchMode.PATH }],
      }),
    ).toBeUndefined();
    expect(
      buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "name" }] }),
    ).toEqual(value);
  });

  it("hides excluded fields with everything below them, even when included", () => {
    expect(
      buildPreview(order, {
        mode: PreviewMode.INCLUDE_ALL,
        exclude: [{ name: "customer" }, { name: "items" }],
        include: [{ name: "city" }],
      }),
    ).toEqual({ id: "o-1" });
  });

  it("masks fields with the default or a custom mask string", () => {
    expect(
      buildPreview(order, {
        mode: PreviewMode.EXCLUDE_ALL,
        include: [{ name: "id" }],
        mask: [{ name: "email" }, { name: "address" }],
      }),
    ).toEqual({ id: "o-1", customer: { email: "***", address: "***" } });
    expect(
      buildPreview(
        { secret: "x" },
        {
          mode: PreviewMode.INCLUDE_ALL,
          mask: [{ name: "secret" }],
          maskString: "[hidden]",
        },
      ),
    ).toEqual({ secret: "[hidden]" });
  });

  it("prefers exclude over mask", () => {
    expect(
      buildPreview(
        { a: 1, secret: "x" },
        {
          mode: PreviewMode.INCLUDE_ALL,
          exclude: [{ name: "secret" }],
          mask: [{ name: "secret" }],
        },
      ),
    ).toEqual({ a: 1 });
  });

  it("skips unsafe and dotted keys and values without a JSON form", () => {
    const value = JSON.parse('{"__proto__":{"x":1},"ok":1}') as Record<string, unknown>;
    Object.assign(value, {
      constructor: { y: 2 },
      prototype: 3,
      "a.b": 4,
      fn: () => 1,
      u: undefined,
      big: BigInt(5),
    });
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL })).toEqual({ ok: 1 });
  });

  it("returns undefined when nothing is visible", () => {
    expect(buildPreview({ a: 1 }, { mode: PreviewMode.EXCLUDE_ALL })).toBeUndefined();
    expect(buildPreview({}, { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
  });

  it("does not follow cycles", () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL })).toEqual({ a: 1 });
  });

  it("stops adding entries once the size budget would be exceeded", () => {
    // Each entry `"kN":N,` costs 7 bytes; the estimate starts at 2.
    const value = { k1: 1, k2: 2, k3: 3, k4: 4 };
    const config = { mode: PreviewMode.INCLUDE_ALL };
    expect(buildPreview(value, { ...config, maxPreviewBytes: 16 })).toEqual({ k1: 1, k2: 2 });
    expect(buildPreview(value, { ...config, maxPreviewBytes: 23 })).toEqual({
      k1: 1,
      k2: 2,
      k3: 3,
    });
    expect(buildPreview(value, { ...config, maxPreviewBytes: 8 })).toBeUndefined();
  });

  it("counts UTF-8 bytes and stops at the first entry that does not fit", () => {
    // `"a":"é",` is 9 bytes; `"b":1,` is 6.
    const value = { a: "é", b: 1, c: 2 };
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 10 })).toBe(
      undefined,
    );
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 11 })).toEqual({
      a: "é",
    });
  });

  it("uses a 4096-byte budget by default", () => {
    const value: Record<string, string> = {};
    for (let i = 0; i < 100; i++) value[`k${String(i).padStart(2, "0")}`] = "x".repeat(50);
    const preview = buildPreview(value, { mode: PreviewMode.INCLUDE_ALL }) ?? {};
    // Each entry is `"kNN":"xxx…",` = 6 + 52 + 1 = 59 bytes; (4096 - 2) / 59 = 69.4.
    expect(Object.keys(preview)).toHaveLength(69);
  });
});
