/**
 * Strict dates: a value either names a real calendar day or time, or it is
 * refused — never "corrected" the way Date.parse moves 2026-02-31 to 3 March.
 * Checked by round trip through the components. Tiny and pure: the browser
 * form, the server and the import parser share it.
 */

/** Nothing we store happened before this (the form and the import agree). */
export const EARLIEST_DAY = "2000-01-01";
const CST = "+08:00"; // China has no daylight saving time
// One day and a half of slack: the victim's calendar may be ahead of the server's.
const FUTURE_SLACK_MS = 36 * 3600_000;

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** "2026-05-25" → true; "2026-02-31", "2026-5-25", "2026-05-25T10:00" → false. */
export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 date or date-time ("2026-05-25", "2026-05-25T15:10",
 * "2026-05-25T15:10:00+08:00", "…Z") as an instant; without an offset it is
 * China time. Null unless every component is real (no 24:00, no 2026-02-31,
 * offsets within ±14:00).
 */
export function parseInstant(s: string): Date | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h = "00", mi = "00", sec = "00", frac = "", zone] = m.slice(1) as string[];
  if (!realDay(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  if (m[4] === undefined && zone) return null; // an offset needs a time
  let offset = CST;
  if (zone && zone.toUpperCase() !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    if (Number(z[2]) > 14 || Number(z[3]) > 59) return null;
    offset = `${z[1]}${z[2]}:${z[3]}`;
  } else if (zone) offset = "Z";
  const ms = frac ? `.${frac.slice(0, 3).padEnd(3, "0")}` : "";
  const t = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${ms}${offset}`);
  return Number.isNaN(t.getTime()) ? null : t;
}

/** "2026-05-25T15:10" (the datetime-local input, China time) → the instant, or null. */
export function parseLocalDateTime(s: string): Date | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? parseInstant(s) : null;
}

export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00${CST}`);
}

/** Not before EARLIEST_DAY (China time) and not in the future. */
export function dateProblem(t: Date, now = Date.now()): "dateTooEarly" | "futureDate" | null {
  if (t.getTime() < dayStart(EARLIEST_DAY).getTime()) return "dateTooEarly";
  if (t.getTime() > now + FUTURE_SLACK_MS) return "futureDate";
  return null;
}
