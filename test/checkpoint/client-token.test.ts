import { newClientToken } from "../../src/checkpoint/client-token";

test("client tokens are version-4 UUIDs, all different", () => {
  const tokens = Array.from({ length: 10_000 }, () => newClientToken());
  for (const token of tokens) {
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  expect(new Set(tokens).size).toBe(tokens.length);
});

test("every hex position varies (no constant digit besides the version and variant)", () => {
  const tokens = Array.from({ length: 2_000 }, () => newClientToken());
  for (let i = 0; i < 36; i++) {
    if ([8, 13, 14, 18, 23].includes(i)) continue;
    const seen = new Set(tokens.map((t) => t[i]));
    expect([i, seen.size > (i === 19 ? 3 : 12)]).toEqual([i, true]);
  }
});
