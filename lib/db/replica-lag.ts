/**
 * How far behind the primary a standby is, from positions in the write-ahead
 * log (ADR 0014). Each check reads the primary's current position, then the
 * standby's replayed one. A standby that has replayed past a position the
 * primary had at time T holds everything committed before T, so its lag is at
 * most now - T: the latest such T is remembered. An idle primary does not
 * advance, so a standby with nothing to replay is never "behind"; a standby
 * whose stream broke stops advancing and falls behind as the primary writes.
 * Pure; the monitor that runs the checks is in replica.ts.
 */

/** A `pg_lsn` as PostgreSQL prints it ("16/B374D848") as a number; null for anything else. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? "");
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** Positions the primary had, kept while the standby may still be behind them. */
const KEPT = 64;

export class LagTracker {
  private marks: { lsn: bigint; at: number }[] = [];
  private caughtUpAt: number;

  constructor(now: number) {
    this.caughtUpAt = now;
  }

  /** The primary's position, read at `at`. */
  primaryAt(lsn: bigint, at: number): void {
    this.marks.push({ lsn, at });
    if (this.marks.length > KEPT) this.marks.shift();
  }

  /** The standby's replayed position (null: not a standby, never behind); returns its lag in ms at `now`. */
  standbyAt(replayed: bigint | null, now: number): number {
    if (replayed === null) {
      this.marks = [];
      this.caughtUpAt = now;
      return 0;
    }
    let reached = -1;
    for (let k = 0; k < this.marks.length; k++) if (this.marks[k]!.lsn <= replayed) reached = k;
    if (reached >= 0) {
      this.caughtUpAt = Math.max(this.caughtUpAt, this.marks[reached]!.at);
      this.marks = this.marks.slice(reached + 1);
    }
    return Math.max(0, now - this.caughtUpAt);
  }
}
