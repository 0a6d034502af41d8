import { describe, expect, it } from "vitest";
import { LagTracker, parseLsn } from "./replica-lag";

describe("standby lag from log positions", () => {
  it("reads PostgreSQL's pg_lsn text, and nothing else", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("16/b374d848")).toBe(parseLsn("16/B374D848"));
    for (const bad of [null, undefined, "", "16", "16/", "/1", "G/1", "123456789/0", "1/2/3"])
      expect(parseLsn(bad)).toBeNull();
  });

  it("is not behind while it replays what the primary had at each check", () => {
    const lag = new LagTracker(0);
    lag.primaryAt(100n, 1_000);
    // It holds what the primary had 10 ms ago.
    expect(lag.standbyAt(100n, 1_010)).toBe(10);
    lag.primaryAt(200n, 6_000);
    // Short of the newest position: it is known to hold only what the primary had at 1 s.
    expect(lag.standbyAt(150n, 6_010)).toBe(5_010);
    lag.primaryAt(300n, 11_000);
    // Past the position of 6 s: at most 5 s behind, however far from the newest.
    expect(lag.standbyAt(250n, 11_010)).toBe(5_010);
  });

  it("falls behind as the primary writes and the standby stops replaying, and catches up", () => {
    const lag = new LagTracker(0);
    lag.primaryAt(100n, 1_000);
    expect(lag.standbyAt(100n, 1_000)).toBe(0);
    for (let t = 2_000; t <= 40_000; t += 1_000) {
      lag.primaryAt(BigInt(100 + t), t);
      lag.standbyAt(100n, t);
    }
    expect(lag.standbyAt(100n, 40_000)).toBe(39_000);
    lag.primaryAt(50_000n, 41_000);
    expect(lag.standbyAt(50_000n, 41_000)).toBe(0);
  });

  it("is never behind an idle primary, nor when it is not a standby", () => {
    const lag = new LagTracker(0);
    for (let t = 1_000; t <= 60_000; t += 1_000) {
      lag.primaryAt(500n, t);
      expect(lag.standbyAt(500n, t)).toBe(0);
    }
    lag.primaryAt(900n, 61_000);
    expect(lag.standbyAt(null, 90_000)).toBe(0);
  });
});
