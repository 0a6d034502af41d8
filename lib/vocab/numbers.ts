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

/** "2026-05-25T15:10" typed in China → the instant; null when empty or not a real time. */
export function cstLocalToDate(local: string): Date | null {
  return local ? parseLocalDateTime(local) : null;
}
