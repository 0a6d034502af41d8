import { describe, expect, it } from "vitest";
import { isPlausibleVictimPhone } from "./values";

describe("isPlausibleVictimPhone", () => {
  it.each([
    "13905310000",
    "139 0531 0000",
    "+86 139-0531-0000",
    "0086 13905310000",
    "010-12345678",
    "0531 8888 8888",
    "+44 20 7946 0958",
    "１３９０５３１００００",
  ])("accepts %s", (raw) => expect(isPlausibleVictimPhone(raw)).toBe(true));
  it.each(["12345", "23905310000", "1390531000", "abc", ""])("rejects %j", (raw) =>
    expect(isPlausibleVictimPhone(raw)).toBe(false),
  );
});
