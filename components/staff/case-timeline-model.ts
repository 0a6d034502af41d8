// Pure grouping for the case timeline (no React), unit-tested.

export interface TimelineEntry {
  /** ISO 8601: a date ("2026-05-25") or a date-time ("2026-05-25T07:10:00.000Z"). */
  at: string;
  type: "incident" | "payment" | "report" | "event";
  label: string;
  /** Integer minor units as a string (BigInt-safe). */
  amountMinor?: string;
  currency?: string;
  reference?: string;
}

export interface PlacedEntry extends TimelineEntry {
  /** Epoch ms used for ordering. */
  ms: number;
  /** True when only the day is known: no time of day is shown. */
  dateOnly: boolean;
  /** Value for <time dateTime>: the date, or the instant as given. */
  dateTime: string;
}

export interface TimelineDay {
  /** YYYY-MM-DD in the display time zone. */
  day: string;
  entries: PlacedEntry[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UTC_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/;

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** Midnight of a calendar day in a time zone, as epoch ms (China has no DST; other zones are close enough for ordering). */
function midnightIn(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const shown = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hour: "2-digit",
    hourCycle: "h23",
    minute: "2-digit",
    day: "2-digit",
  }).formatToParts(utc);
  const get = (t: string) => Number(shown.find((p) => p.type === t)?.value ?? 0);
  // Offset of the zone at that instant, from what the clock there shows.
  let offsetMin = get("hour") * 60 + get("minute");
  if (get("day") !== Number(day.slice(8, 10))) offsetMin -= 24 * 60;
  return utc - offsetMin * 60_000;
}

/**
 * Entries grouped by calendar day in `timeZone`, oldest first (newest last);
 * entries at the same moment keep their given order. A date-only `at` — or an
 * incident at exactly midnight UTC, which is how a date column serialises —
 * counts as that day without a time and sorts first within it. Entries whose
 * `at` does not parse are left out.
 */
export function groupTimeline(entries: TimelineEntry[], timeZone = "Asia/Shanghai"): TimelineDay[] {
  const placed: PlacedEntry[] = [];
  for (const e of entries) {
    const at = e.at.trim();
    const dateOnlyDay = DATE_ONLY.test(at) ? at : e.type === "incident" ? UTC_MIDNIGHT.exec(at)?.[1] : undefined;
    if (dateOnlyDay) {
      const ms = midnightIn(dateOnlyDay, timeZone);
      if (Number.isNaN(ms)) continue;
      placed.push({ ...e, ms, dateOnly: true, dateTime: dateOnlyDay });
    } else {
      const ms = Date.parse(at);
      if (Number.isNaN(ms)) continue;
      placed.push({ ...e, ms, dateOnly: false, dateTime: at });
    }
  }
  placed.sort((a, b) => a.ms - b.ms || Number(b.dateOnly) - Number(a.dateOnly));
  const days: TimelineDay[] = [];
  for (const p of placed) {
    const day = p.dateOnly ? p.dateTime : dayIn(p.ms, timeZone);
    const last = days[days.length - 1];
    if (last && last.day === day) last.entries.push(p);
    else days.push({ day, entries: [p] });
  }
  return days;
}
