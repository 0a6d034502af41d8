import { describe, expect, it } from "vitest";
import { parseIntList } from "./int-list";

describe("parseIntList", () => {
  it("parses comma-separated integers in order", () => {
    expect(Array.from(parseIntList("12,7,0,99"))).toEqual([12, 7, 0, 99]);
    expect(Array.from(parseIntList("5"))).toEqual([5]);
    expect(Array.from(parseIntList("-3,2147483647"))).toEqual([-3, 2147483647]);
  });

  it("treats null, undefined and the empty string as no items", () => {
    expect(parseIntList(null).length).toBe(0);
    expect(parseIntList(undefined).length).toBe(0);
    expect(parseIntList("").length).toBe(0);
  });

  it("round-trips a large list", () => {
    const ids = Array.from({ length: 100_000 }, (_, k) => (k * 7919) % 1_000_003);
    expect(Array.from(parseIntList(ids.join(",")))).toEqual(ids);
  });

  it("refuses malformed input instead of guessing", () => {
    expect(() => parseIntList("1,,2")).toThrow(/empty item/);
    expect(() => parseIntList("1,2,")).toThrow(/empty item/);
    expect(() => parseIntList("1, 2")).toThrow(/unexpected/);
    expect(() => parseIntList("1.5")).toThrow(/unexpected/);
    expect(() => parseIntList("99999999999")).toThrow(/out of range/);
    expect(() => parseIntList("--1")).toThrow(/unexpected/);
  });
});
