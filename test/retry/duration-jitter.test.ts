import { durationToSeconds } from "../../src/retry/duration";
import { applyJitter, jitteredDelaySeconds } from "../../src/retry/jitter";
import { JitterStrategy } from "../../src/types/retry";

describe("durationToSeconds", () => {
  it("adds up all units, missing ones counting as zero", () => {
    expect(durationToSeconds({ seconds: 7 })).toBe(7);
    expect(durationToSeconds({ minutes: 2 })).toBe(120);
    expect(durationToSeconds({ minutes: 1, seconds: 30 })).toBe(90);
    expect(durationToSeconds({ hours: 1, seconds: 1 })).toBe(3601);
    expect(durationToSeconds({ days: 1, hours: 2, minutes: 3, seconds: 4 })).toBe(
      86400 + 7200 + 180 + 4,
    );
  });
});

describe("applyJitter", () => {
  afterEach(() => jest.restoreAllMocks());

  it("leaves the delay alone for NONE and unknown strategies", () => {
    const random = jest.spyOn(Math, "random").mockReturnValue(0.5);
    expect(applyJitter(10, JitterStrategy.NONE)).toBe(10);
    expect(applyJitter(10, "BOGUS" as JitterStrategy)).toBe(10);
    expect(applyJitter(10, undefined)).toBe(10);
    expect(random).not.toHaveBeenCalled();
  });

  it("spreads FULL jitter over [0, delay)", () => {
    const random = jest.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect(applyJitter(10, JitterStrategy.FULL)).toBe(0);
    random.mockReturnValue(0.25);
    expect(applyJitter(10, JitterStrategy.FULL)).toBe(2.5);
    random.mockReturnValue(0.999999);
    expect(applyJitter(10, JitterStrategy.FULL)).toBeLessThan(10);
  });

  it("spreads HALF jitter over [delay/2, delay)", () => {
    const random = jest.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect(applyJitter(10, JitterStrategy.HALF)).toBe(5);
    random.mockReturnValue(0.5);
    expect(applyJitter(10, JitterStrategy.HALF)).toBe(7.5);
    random.mockReturnValue(0.999999);
    expect(applyJitter(10, JitterStrategy.HALF)).toBeLessThan(10);
  });

  it("rounds jittered delays and never goes below one second", () => {
    const random = jest.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect(jitteredDelaySeconds(10, JitterStrategy.FULL)).toBe(1);
    random.mockReturnValue(0.26);
    expect(jitteredDelaySeconds(10, JitterStrategy.FULL)).toBe(3);
    expect(jitteredDelaySeconds(0.2, JitterStrategy.NONE)).toBe(1);
  });
});
