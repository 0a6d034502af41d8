import { describe, expect, it } from "vitest";
import { dayIn, groupTimeline, type TimelineEntry } from "./case-timeline-model";

const e = (at: string, type: TimelineEntry["type"], label: string = type): TimelineEntry => ({ at, type, label });

describe("groupTimeline", () => {
  it("groups by day in China time, oldest first, newest last", () => {
    const days = groupTimeline([
      e("2026-05-26T02:00:00.000Z", "event", "assigned"),
      e("2026-05-25T15:30:00.000Z", "payment", "late payment"), // 23:30 CST on the 25th
      e("2026-05-25T16:30:00.000Z", "report", "after midnight"), // 00:30 CST on the 26th
      e("2026-05-25T02:00:00.000Z", "payment", "first payment"),
    ]);
    expect(days.map((d) => [d.day, d.entries.map((x) => x.label)])).toEqual([
      ["2026-05-25", ["first payment", "late payment"]],
      ["2026-05-26", ["after midnight", "assigned"]],
    ]);
  });

  it("treats dates and incidents at midnight UTC as whole days, first in their day", () => {
    const days = groupTimeline([
      e("2026-05-25T01:00:00.000Z", "payment"),
      e("2026-05-25T00:00:00.000Z", "incident"),
      e("2026-05-24", "report", "date only"),
    ]);
    expect(days).toHaveLength(2);
    expect(days[0]!.day).toBe("2026-05-24");
    expect(days[0]!.entries[0]).toMatchObject({ dateOnly: true, dateTime: "2026-05-24" });
    expect(days[1]!.entries.map((x) => [x.type, x.dateOnly, x.dateTime])).toEqual([
      ["incident", true, "2026-05-25"],
      ["payment", false, "2026-05-25T01:00:00.000Z"],
    ]);
  });

  it("keeps the given order for entries at the same moment and drops unparseable ones", () => {
    const days = groupTimeline([
      e("2026-05-25T08:00:00Z", "event", "a"),
      e("not a date", "event", "bad"),
      e("2026-05-25T08:00:00Z", "event", "b"),
    ]);
    expect(days.flatMap((d) => d.entries.map((x) => x.label))).toEqual(["a", "b"]);
    expect(groupTimeline([])).toEqual([]);
  });

  it("uses the given time zone", () => {
    expect(dayIn(Date.parse("2026-05-25T20:00:00Z"), "Asia/Shanghai")).toBe("2026-05-26");
    expect(dayIn(Date.parse("2026-05-25T20:00:00Z"), "UTC")).toBe("2026-05-25");
    const days = groupTimeline([e("2026-05-25", "report")], "UTC");
    expect(days[0]!.entries[0]!.ms).toBe(Date.parse("2026-05-25T00:00:00Z"));
  });
});
