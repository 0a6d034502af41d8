import { describe, expect, it } from "vitest";
import { decodeBoardCursor, encodeBoardCursor, parseBoardFilters } from "./board-filters";

describe("board query string", () => {
  it("keeps good filters", () => {
    expect(
      parseBoardFilters({
        status: "triage",
        platform: "12",
        from: "2026-02-28",
        to: "2026-03-01",
        minLoss: "5,000.50",
        sort: "loss",
        q: "171 2345 6789",
      }),
    ).toMatchObject({ status: "triage", platform: 12, from: "2026-02-28", minLoss: "5,000.50", sort: "loss" });
  });

  it("drops whatever the database would refuse, instead of failing the page", () => {
    const f = parseBoardFilters({
      platform: "2147483648",
      from: "2026-02-31",
      to: "0000-01-01",
      minLoss: "99999999999999999999",
      status: "gone",
      sort: "random",
      q: "abc\u0000def",
    });
    expect(f).toEqual({ sort: "recent" });
    expect(parseBoardFilters({ platform: "-1" }).platform).toBeUndefined();
    expect(parseBoardFilters({ platform: ["3", "4"] }).platform).toBe(3);
  });
});

describe("liaison filters", () => {
  it("frozen funds, overdue requests and the frozen sort; anything else is dropped", () => {
    expect(parseBoardFilters({ frozen: "1", overdue: "1", sort: "frozen" })).toEqual({
      frozen: "1",
      overdue: "1",
      sort: "frozen",
    });
    expect(parseBoardFilters({ frozen: "yes", overdue: "0" })).toEqual({ sort: "recent" });
  });
});

describe("board cursor", () => {
  it("round-trips per sort", () => {
    expect(decodeBoardCursor(encodeBoardCursor("2026-05-01", 42), "recent")).toEqual({ value: "2026-05-01", id: 42 });
    expect(decodeBoardCursor(encodeBoardCursor("123456", 7), "loss")).toEqual({ value: "123456", id: 7 });
    expect(decodeBoardCursor(encodeBoardCursor("12", 7), "size")).toEqual({ value: "12", id: 7 });
    expect(decodeBoardCursor(encodeBoardCursor("3800000", 7), "frozen")).toEqual({ value: "3800000", id: 7 });
    expect(decodeBoardCursor(encodeBoardCursor("2026-05-01", 7), "frozen")).toBeNull();
  });

  it("refuses forged or mismatched cursors (they would fail the query's casts)", () => {
    const forged = (v: unknown, id: unknown) => Buffer.from(JSON.stringify([v, id])).toString("base64url");
    expect(decodeBoardCursor(forged("abc", 1), "recent")).toBeNull();
    expect(decodeBoardCursor(forged("2026-02-31", 1), "recent")).toBeNull();
    expect(decodeBoardCursor(forged("2026-05-01", 2147483648), "recent")).toBeNull();
    expect(decodeBoardCursor(forged("99999999999999999999", 1), "loss")).toBeNull();
    expect(decodeBoardCursor(forged("2147483648", 1), "size")).toBeNull();
    expect(decodeBoardCursor(forged("2026-05-01", 1), "loss")).toBeNull();
    expect(decodeBoardCursor("%%%", "recent")).toBeNull();
    expect(decodeBoardCursor(Buffer.from([0xff, 0xfe]).toString("base64url"), "recent")).toBeNull();
    // The same bytes Node's base64url encoder makes.
    expect(encodeBoardCursor("2026-05-01", 42)).toBe(forged("2026-05-01", 42));
  });
});
