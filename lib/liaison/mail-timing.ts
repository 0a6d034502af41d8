/**
 * When a request is "due soon". Pure module.
 *
 * A fixed number of hours fits no kind well: a freeze is due 24 hours after it
 * is sent and a warning 6 hours ahead is right for it, while an information
 * request has 7 days and deserves a day's notice. So a request is due soon once
 * less than a fraction (LIAISON_DUE_SOON_FRACTION, default a quarter) of its
 * window — from sending to the due time — remains, but never earlier than
 * LIAISON_DUE_SOON_HOURS (default 24) before the due time: a 30-day request
 * is not "due soon" a week ahead. Once the due time has passed it is overdue
 * instead, never due soon.
 */

export interface DueSoonSettings {
  /** Hours before the due time: the earliest a request can be due soon. */
  maxHours: number;
  /** Share of the window (sent → due) that remains when it becomes due soon, 0 < f ≤ 1. */
  fraction: number;
}

const HOUR = 3600_000;

/** How long before its due time a request becomes due soon, in ms. */
export function dueSoonLead(sentAt: Date | null, dueAt: Date, s: DueSoonSettings): number {
  const cap = s.maxHours * HOUR;
  if (!sentAt) return cap; // no window to take a share of: the cap alone
  const window = Math.max(0, dueAt.getTime() - sentAt.getTime());
  return Math.min(cap, window * s.fraction);
}

export function isDueSoon(r: { sentAt: Date | null; dueAt: Date | null }, now: Date, s: DueSoonSettings): boolean {
  if (!r.dueAt) return false;
  const left = r.dueAt.getTime() - now.getTime();
  return left > 0 && left <= dueSoonLead(r.sentAt, r.dueAt, s);
}
