import { expect, it } from "vitest";
import { caseNumber, cstLocalToDate, cstYear, reportReference } from "./numbers";

it("numbers carry the China Standard Time year", () => {
  const newYearInBeijing = new Date("2026-12-31T16:30:00Z");
  expect(cstYear(newYearInBeijing)).toBe(2027);
  expect(reportReference(123n, newYearInBeijing)).toBe("R-2027-000123");
  expect(caseNumber(42, new Date("2026-06-01T00:00:00Z"))).toBe("C-2026-00042");
});

it("a local time typed in China is read as +08:00", () => {
  expect(cstLocalToDate("2026-05-25T15:10")?.toISOString()).toBe("2026-05-25T07:10:00.000Z");
  expect(cstLocalToDate("")).toBeNull();
  expect(cstLocalToDate("nonsense")).toBeNull();
});
