import { describe, expect, it } from "vitest";
import { dateProblem, isRealDay, parseInstant, parseLocalDateTime } from "./dates";

describe("isRealDay", () => {
  it("accepts real calendar days only", () => {
    expect(isRealDay("2026-05-25")).toBe(true);
    expect(isRealDay("2024-02-29")).toBe(true);
    for (const bad of [
      "2026-02-31",
      "2025-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-5-25",
      "",
      "2026-05-25T00:00",
    ])
      expect(isRealDay(bad), bad).toBe(false);
  });
});

describe("parseInstant", () => {
  it("reads ISO 8601 with or without an offset (China time when absent)", () => {
    expect(parseInstant("2026-05-25T15:10:00+08:00")?.toISOString()).toBe("2026-05-25T07:10:00.000Z");
    expect(parseInstant("2026-05-25T15:10")?.toISOString()).toBe("2026-05-25T07:10:00.000Z");
    expect(parseInstant("2026-05-25T07:10:00.5Z")?.toISOString()).toBe("2026-05-25T07:10:00.500Z");
    expect(parseInstant("2026-05-25 07:10:00-0500")?.toISOString()).toBe("2026-05-25T12:10:00.000Z");
    expect(parseInstant("2026-05-25")?.toISOString()).toBe("2026-05-24T16:00:00.000Z");
  });

  it("refuses impossible or malformed values instead of moving them", () => {
    for (const bad of [
      "2026-02-31",
      "2026-02-31T10:00:00Z",
      "2026-05-25T24:00",
      "2026-05-25T10:60",
      "2026-05-25T10:00:61",
      "2026-05-25T10:00+15:00",
      "2026-05-25Z",
      "25/05/2026",
      "yesterday",
      "2026-05-25T10:00:00+08:00 ",
    ])
      expect(parseInstant(bad), bad).toBeNull();
  });

  it("parseLocalDateTime takes only the datetime-local shape", () => {
    expect(parseLocalDateTime("2026-05-25T15:10")?.toISOString()).toBe("2026-05-25T07:10:00.000Z");
    expect(parseLocalDateTime("2026-05-25T15:10:00Z")).toBeNull();
    expect(parseLocalDateTime("2026-02-30T15:10")).toBeNull();
  });
});

describe("dateProblem", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  it("bounds dates to 2000-01-01 (China time) … now", () => {
    expect(dateProblem(parseInstant("1900-01-01")!, now)).toBe("dateTooEarly");
    expect(dateProblem(parseInstant("1999-12-31T23:59")!, now)).toBe("dateTooEarly");
    expect(dateProblem(parseInstant("2000-01-01")!, now)).toBeNull();
    expect(dateProblem(parseInstant("2026-06-01T12:00Z")!, now)).toBeNull();
    expect(dateProblem(parseInstant("2026-06-03T00:00Z")!, now)).toBe("futureDate");
  });
});
