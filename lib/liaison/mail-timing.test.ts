import { describe, expect, it } from "vitest";
import { dueSoonLead, isDueSoon } from "./mail-timing";

const H = 3600_000;
const settings = { maxHours: 24, fraction: 0.25 };
const now = new Date("2026-06-01T00:00:00Z");
const at = (hours: number) => new Date(now.getTime() + hours * H);

describe("due soon", () => {
  it("is a quarter of the window, at most 24 hours", () => {
    expect(dueSoonLead(at(0), at(24), settings)).toBe(6 * H); // a freeze: 6 h ahead
    expect(dueSoonLead(at(0), at(7 * 24), settings)).toBe(24 * H); // 7 days: capped at 24 h
    expect(dueSoonLead(at(0), at(2), settings)).toBe(0.5 * H);
    expect(dueSoonLead(null, at(2), settings)).toBe(24 * H); // no window known: the cap
  });

  it("holds while time is left and the lead has begun, never once overdue", () => {
    const freeze = { sentAt: at(-20), dueAt: at(4) }; // 24 h window, 4 h left
    expect(isDueSoon(freeze, now, settings)).toBe(true);
    expect(isDueSoon({ sentAt: at(-10), dueAt: at(14) }, now, settings)).toBe(false); // 14 h left of 24
    expect(isDueSoon({ sentAt: at(-24 * 6.5), dueAt: at(12) }, now, settings)).toBe(true); // 7 days, 12 h left
    expect(isDueSoon({ sentAt: at(-24 * 5), dueAt: at(48) }, now, settings)).toBe(false);
    expect(isDueSoon({ sentAt: at(-25), dueAt: at(-1) }, now, settings)).toBe(false); // overdue
    expect(isDueSoon({ sentAt: at(-24), dueAt: now }, now, settings)).toBe(false);
    expect(isDueSoon({ sentAt: at(-1), dueAt: null }, now, settings)).toBe(false);
  });
});
