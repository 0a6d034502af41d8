import { expect, it } from "vitest";
import { caseNumber, cstLocalToDate, cstYear, parseCaseNumber, parseReportReference, reportReference } from "./numbers";

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

it("parses case numbers and report references as typed, and nothing else", () => {
  expect(parseCaseNumber(" c-2026-00042 ")).toBe("C-2026-00042");
  expect(parseCaseNumber("C-2026-100000")).toBe("C-2026-100000");
  for (const bad of [
    "%",
    "C-2026-42",
    "C-2026-00042\u0000",
    "C-2026-00042; DROP",
    "",
    null,
    42,
    "C-2026-".padEnd(50, "0"),
  ])
    expect(parseCaseNumber(bad)).toBeNull();
  expect(parseReportReference("r-2026-000123")).toBe("R-2026-000123");
  expect(parseReportReference("R-2026-12")).toBeNull();
  expect(parseReportReference("BENCH-x")).toBeNull();
});
