/**
 * The leak signal's window search, pure (no Next.js or database imports).
 *
 * Input: one shop's order-leak observations as (victim, day) pairs, days as
 * integers (days since some epoch; only differences matter). Output: the
 * window of `days` consecutive calendar days holding the most distinct victims,
 * if that is at least `minVictims`.
 *
 * Choices, on purpose:
 * - A window is any run of `days` consecutive calendar days: observations at
 *   day 0 and day `days - 1` are in one window, day 0 and day `days` are not.
 * - The search slides over the whole history, so an old burst counts even when
 *   nothing happened in the last `days` days (the caller says whether it is
 *   ongoing).
 * - One window per shop: the densest (most distinct victims); among equally
 *   dense windows the most recent. A shop gets one notice, and the densest
 *   window is the strongest evidence to put in it; a shop with a newer but
 *   smaller burst still shows, with the older, larger one as its evidence.
 * - Only windows ending on an observed day are tried: any window can slide
 *   back until its last day is observed without losing an observation.
 */

export interface Observation {
  victim: number;
  day: number;
}

export interface LeakWindow {
  victims: number;
  /** First and last observed days inside the window (not the window's bounds). */
  first: number;
  last: number;
}

export function densestWindow(
  observations: readonly Observation[],
  opts: { minVictims: number; days: number },
): LeakWindow | null {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new RangeError("days must be a positive integer");
  const obs = [...observations].sort((a, b) => a.day - b.day);
  const inWindow = new Map<number, number>();
  let best: LeakWindow | null = null;
  let left = 0;
  for (let right = 0; right < obs.length; right++) {
    const o = obs[right]!;
    inWindow.set(o.victim, (inWindow.get(o.victim) ?? 0) + 1);
    // Evaluate once per day, after the day's last observation.
    if (right + 1 < obs.length && obs[right + 1]!.day === o.day) continue;
    while (obs[left]!.day <= o.day - opts.days) {
      const v = obs[left]!.victim;
      const n = inWindow.get(v)! - 1;
      if (n === 0) inWindow.delete(v);
      else inWindow.set(v, n);
      left++;
    }
    const victims = inWindow.size;
    // `>=`: days ascend, so a tie goes to the more recent window.
    if (victims >= opts.minVictims && (!best || victims >= best.victims)) {
      best = { victims, first: obs[left]!.day, last: o.day };
    }
  }
  return best;
}
