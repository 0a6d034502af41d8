import { parseLocalDateTime } from "./dates";

const CST_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time

/** Year in China Standard Time, which is what victims and officers see. */
export function cstYear(d = new Date()): number {
  return new Date(d.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

export function reportReference(seq: bigint | number, d = new Date()): string {
  return `R-${cstYear(d)}-${String(seq).padStart(6, "0")}`;
}

export function caseNumber(seq: bigint | number, d = new Date()): string {
  return `C-${cstYear(d)}-${String(seq).padStart(5, "0")}`;
}

/** A liaison request's number, e.g. Q-2026-000123. */
export function requestNumber(seq: bigint | number, d = new Date()): string {
  return `Q-${cstYear(d)}-${String(seq).padStart(6, "0")}`;
}

/** "2026-05-25T15:10" typed in China → the instant; null when empty or not a real time. */
export function cstLocalToDate(local: string): Date | null {
  return local ? parseLocalDateTime(local) : null;
}

const CASE_NUMBER = /^C-\d{4}-\d{5,10}$/;
const REPORT_REFERENCE = /^R-\d{4}-\d{6,10}$/;

/** "c-2026-00042 " → "C-2026-00042"; null for anything that is not a case number (never reaches the database). */
export function parseCaseNumber(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 40) return null;
  const n = raw.trim().toUpperCase();
  return CASE_NUMBER.test(n) ? n : null;
}

/** "r-2026-000042" → "R-2026-000042"; null for anything that is not a report reference. */
export function parseReportReference(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 40) return null;
  const n = raw.trim().toUpperCase();
  return REPORT_REFERENCE.test(n) ? n : null;
}
